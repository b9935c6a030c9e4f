package io.epiwatch.gold;

import static io.epiwatch.testing.DatasetAssert.row;
import static io.epiwatch.testing.Frames.cols;
import static io.epiwatch.testing.Frames.d;
import static io.epiwatch.testing.Frames.ts;

import io.epiwatch.catalog.Tables;
import io.epiwatch.config.AppConfig;
import io.epiwatch.config.Policy;
import io.epiwatch.testing.DatasetAssert;
import io.epiwatch.testing.Frames;
import io.epiwatch.testing.SparkTest;
import java.time.LocalDate;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/** docs/rules.md §4.5 and 7: eligibility, series from the dose-1 product, campaigns. */
@SparkTest
class VaccinationTest {
  static final Policy POLICY = AppConfig.fromString("").policy();
  static final LocalDate D = LocalDate.of(2021, 9, 30);

  @Test
  void coverageCountsOneDoseProductsTooShortIntervalsAndIgnoresExpiredContraindications(
      SparkSession spark) {
    Dataset<Row> schools =
        Frames.of(
            spark,
            Tables.SILVER_SCHOOLS.schema(),
            cols(
                "school_code",
                "school_name",
                "district_code",
                "district_name",
                "city_code",
                "valid_from"),
            new Object[] {"3301020001", "甲校", "330102", "上城区", "330100", d("2021-09-01")});
    Object[][] people = {
      {
        "a", "3301020001", "student", d("2006-01-01"), "active", d("2021-09-01")
      }, // 15: two doses, second too early
      {
        "b", "3301020001", "student", d("2006-02-01"), "active", d("2021-09-01")
      }, // 15: one-dose product
      {
        "c", "3301020001", "student", d("2006-03-01"), "active", d("2021-09-01")
      }, // 15: dose 2 without dose 1
      {
        "e", "3301020001", "student", d("2006-04-01"), "active", d("2021-09-01")
      }, // 15: expired contraindication, no dose
      {
        "f", "3301020001", "student", d("2006-05-01"), "active", d("2021-09-01")
      }, // 15: valid contraindication
      {"g", "3301020001", "student", d("2012-01-01"), "active", d("2021-09-01")}
    }; // 9: not eligible
    Dataset<Row> roster =
        Frames.of(
            spark,
            Tables.SILVER_ROSTER.schema(),
            cols("person_key", "school_code", "person_type", "birth_date", "status", "valid_from"),
            people);
    Dataset<Row> contra =
        Frames.of(
            spark,
            Tables.SILVER_CONTRAINDICATIONS.schema(),
            cols("person_key", "valid_until", "recorded_at"),
            new Object[] {"e", d("2021-09-15"), ts("2021-07-01 10:00")},
            new Object[] {"f", null, ts("2021-07-01 10:00")});
    Dataset<Row> doses =
        Frames.of(
            spark,
            Tables.SILVER_VACCINATIONS.schema(),
            cols("person_key", "dose_number", "vaccination_date", "series_doses"),
            new Object[] {"a", 1, d("2021-08-01"), 2},
            new Object[] {"a", 2, d("2021-08-10"), 2},
            new Object[] {"b", 1, d("2021-08-01"), 1},
            new Object[] {"c", 2, d("2021-08-20"), 2},
            new Object[] {"a", 3, d("2021-10-20"), 2}); // after D: not counted
    Dataset<Row> persons = Vaccination.persons(roster, contra, doses, POLICY, D);
    Dataset<Row> cov = Vaccination.coverage(schools, persons, POLICY, D);
    DatasetAssert.assertRows(
        cov.filter("org_level = 'school'"),
        cols(
            "age_band",
            "roster_persons",
            "contraindicated",
            "eligible",
            "dose1",
            "completed",
            "booster",
            "dose1_rate",
            "completed_rate",
            "dropout_rate"),
        row("15-17", 5L, 1L, 4L, 2L, 2L, 0L, 0.5, 0.5, 0.0),
        row("3-11", 1L, 0L, 0L, 0L, 0L, 0L, null, null, null));
    Dataset<Row> camp = Vaccination.campaigns(schools, persons, POLICY, D);
    DatasetAssert.assertRows(
        camp.filter("org_level = 'city' AND age_band = '15-17'"),
        cols(
            "campaign_id",
            "eligible",
            "achieved",
            "achieved_rate",
            "gap_persons",
            "days_left",
            "lagging"),
        row("c2021-15-17-d1", 4L, 2L, 0.5, 2L, -30, true),
        row("c2021-15-17-d2", 4L, 1L, 0.25, 3L, 0, true));
  }
}
