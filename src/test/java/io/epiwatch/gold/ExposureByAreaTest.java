package io.epiwatch.gold;

import static io.epiwatch.testing.DatasetAssert.row;
import static io.epiwatch.testing.Frames.cols;
import static io.epiwatch.testing.Frames.d;

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

/**
 * docs/rules.md §4.6.1: risk areas listed by the window, focus areas by since, person type × 局直, a
 * person once per area and once in "all areas".
 */
@SparkTest
class ExposureByAreaTest {
  static final LocalDate D = LocalDate.of(2021, 10, 5); // window 09-22 .. 10-05

  /** The shipped policy with one focus area (since 09-10) instead of the shipped list. */
  static final Policy POLICY =
      AppConfig.fromString(
              "epiwatch.policy.focus-areas = [ { id = pudong, name = \"上海市浦东新区\", match = [\"310115\"], since = \"2021-09-10\", from = \"2021-09-01\" } ]")
          .policy();

  @Test
  void personsPerAreaPersonTypeAndDirectlyManagedAndOnceInAllAreas(SparkSession spark) {
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
                "directly_managed",
                "valid_from"),
            // 甲校 is directly managed (局直), 乙校 is not
            new Object[] {"3301020001", "甲校", "330102", "上城区", "330100", true, d("2021-09-01")},
            new Object[] {"3301050002", "乙校", "330105", "拱墅区", "330100", false, d("2021-09-01")});
    Dataset<Row> areas =
        Frames.of(
            spark,
            Tables.SILVER_RISK_AREAS.schema(),
            cols("area_code", "area_name", "risk_level", "period_from", "period_to"),
            // A1: high, then re-graded medium; both periods in the window -> level high
            new Object[] {"320102001", "玄武区梅园新村街道", "high", d("2021-09-15"), d("2021-09-27")},
            new Object[] {"320102001", "玄武区梅园新村街道", "medium", d("2021-09-28"), null},
            // A2: medium
            new Object[] {"320102002", "玄武区新街口街道", "medium", d("2021-09-20"), null},
            // A3: a medium period that ended before the window: not listed
            new Object[] {"420102", "武汉市江岸区", "medium", d("2021-09-01"), d("2021-09-10")});
    String[] c =
        cols(
            "record_key",
            "person_key",
            "person_type",
            "attributed_school_code",
            "destination_code",
            "abroad",
            "departure_date",
            "return_date",
            "approved",
            "nucleic_test_date");
    Dataset<Row> trips =
        Frames.of(
            spark,
            Tables.SILVER_TRAVEL_RECORDS.schema(),
            c,
            // p1: staff of the directly managed school, inside A1; back 09-30, tested, monitoring
            new Object[] {
              "t1",
              "p1",
              "staff",
              "3301020001",
              "320102001001",
              false,
              d("2021-09-20"),
              d("2021-09-30"),
              "yes",
              d("2021-10-01")
            },
            // p2: student of 乙校, to the district holding both A1 and A2: one trip, possible in
            // both; pending approval, no test
            new Object[] {
              "t2",
              "p2",
              "student",
              "3301050002",
              "320102",
              false,
              d("2021-09-25"),
              d("2021-10-01"),
              "pending",
              null
            },
            // p3: p2's household member, under 乙校; inside A2, still away
            new Object[] {
              "t3",
              "p3",
              "household",
              "3301050002",
              "320102002",
              false,
              d("2021-10-03"),
              null,
              "yes",
              null
            },
            // p4: in A1 while it was high, but the stay ended 09-21 = D-14: excluded
            new Object[] {
              "t4",
              "p4",
              "student",
              "3301020001",
              "320102001",
              false,
              d("2021-09-10"),
              d("2021-09-21"),
              "yes",
              d("2021-09-22")
            },
            // p5: Pudong 09-12..09-14, more than 14 days ago but after the focus area's since
            new Object[] {
              "t5",
              "p5",
              "student",
              "3301050002",
              "310115",
              false,
              d("2021-09-12"),
              d("2021-09-14"),
              "yes",
              d("2021-09-15")
            },
            // p6: Pudong before since: excluded
            new Object[] {
              "t6",
              "p6",
              "student",
              "3301050002",
              "310115001",
              false,
              d("2021-09-05"),
              d("2021-09-08"),
              "yes",
              d("2021-09-09")
            },
            // p7: Wuhan in the window, but A3 has no period in it
            new Object[] {
              "t7",
              "p7",
              "student",
              "3301020001",
              "420102",
              false,
              d("2021-09-25"),
              d("2021-09-30"),
              "yes",
              d("2021-10-01")
            });
    Dataset<Row> g =
        ExposureByArea.exposure(schools, trips, areas, DataPolicy.resolve(schools, POLICY), D);
    String[] columns =
        cols(
            "org_code",
            "area_kind",
            "area_code",
            "area_name",
            "risk_level",
            "match_type",
            "person_type",
            "directly_managed",
            "persons",
            "away",
            "in_monitoring",
            "tested_after_return",
            "missing_test",
            "unapproved");
    DatasetAssert.assertRows(
        g.filter("org_level = 'school'"),
        columns,
        row(
            "3301020001",
            "risk_area",
            "320102001",
            "玄武区梅园新村街道",
            "high",
            "direct",
            "staff",
            true,
            1L,
            0L,
            1L,
            1L,
            0L,
            0L),
        row(
            "3301050002",
            "risk_area",
            "320102001",
            "玄武区梅园新村街道",
            "high",
            "possible",
            "student",
            false,
            1L,
            0L,
            1L,
            0L,
            1L,
            1L),
        row(
            "3301050002",
            "risk_area",
            "320102002",
            "玄武区新街口街道",
            "medium",
            "possible",
            "student",
            false,
            1L,
            0L,
            1L,
            0L,
            1L,
            1L),
        row(
            "3301050002",
            "risk_area",
            "320102002",
            "玄武区新街口街道",
            "medium",
            "direct",
            "household",
            false,
            1L,
            1L,
            0L,
            0L,
            0L,
            0L),
        row(
            "3301050002",
            "focus_area",
            "pudong",
            "上海市浦东新区",
            null,
            null,
            "student",
            false,
            1L,
            0L,
            0L,
            1L,
            0L,
            0L),
        // all areas: p2 once although in A1 and A2, with p5 of the focus area
        row("3301020001", null, null, null, null, null, "staff", true, 1L, 0L, 1L, 1L, 0L, 0L),
        row("3301050002", null, null, null, null, null, "student", false, 2L, 0L, 1L, 1L, 1L, 1L),
        row(
            "3301050002",
            null,
            null,
            null,
            null,
            null,
            "household",
            false,
            1L,
            1L,
            0L,
            0L,
            0L,
            0L));
    // the city sums its schools; the directly managed ones stay apart
    DatasetAssert.assertRows(
        g.filter("org_level = 'city' AND area_kind IS NULL"),
        cols("org_code", "org_name", "person_type", "directly_managed", "persons"),
        row("330100", "杭州市", "staff", true, 1L),
        row("330100", "杭州市", "student", false, 2L),
        row("330100", "杭州市", "household", false, 1L));
  }
}
