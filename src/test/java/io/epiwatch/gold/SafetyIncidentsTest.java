package io.epiwatch.gold;

import static io.epiwatch.testing.DatasetAssert.row;
import static io.epiwatch.testing.Frames.cols;
import static io.epiwatch.testing.Frames.d;
import static io.epiwatch.testing.Frames.ts;
import static org.junit.jupiter.api.Assertions.assertEquals;

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
 * docs/rules.md §4.9: periods at their boundaries, types and "all", death events, late reports,
 * incidents without a school, zero rows of quiet districts, and no data when nothing was received.
 */
@SparkTest
class SafetyIncidentsTest {
  static final LocalDate D = LocalDate.of(2021, 10, 5); // last_30d = 09-06 .. 10-05
  static final Policy POLICY = AppConfig.fromString("").policy();
  static final String[] MEASURES =
      cols(
          "events",
          "death_events",
          "deaths",
          "injured",
          "students_involved",
          "report_delay_gt_24h");

  static Dataset<Row> schools(SparkSession spark) {
    return Frames.schools(
        spark,
        new Object[] {"3301020001", "甲校", "330102", "上城区", "330100", d("2021-01-01")},
        new Object[] {"3301050002", "乙校", "330105", "拱墅区", "330100", d("2021-01-01")});
  }

  static Dataset<Row> incidents(SparkSession spark) {
    return Frames.of(
        spark,
        Tables.SILVER_SAFETY_INCIDENTS.schema(),
        cols(
            "incident_id",
            "incident_date",
            "school_code",
            "district_code",
            "incident_type",
            "deaths",
            "injured",
            "students_involved",
            "reported_at"),
        // i1: no school: counts under 上城区 and the city only; 2 deaths
        new Object[] {
          "i1", d("2021-07-12"), null, "330102", "drowning", 2, 0, 2, ts("2021-07-12 18:00")
        },
        // i2: D - 29, inside last_30d; no death; reported at 09-08 00:01: more than 24 h late
        new Object[] {
          "i2",
          d("2021-09-06"),
          "3301020001",
          "330102",
          "food_safety",
          0,
          3,
          9,
          ts("2021-09-08 00:01")
        },
        // i3: D - 30, outside last_30d; reported at 09-07 00:00 exactly: not late
        new Object[] {
          "i3", d("2021-09-05"), "3301050002", "330105", "traffic", 1, 2, 1, ts("2021-09-07 00:00")
        },
        // i4: Jan 1 of D's year: inside ytd
        new Object[] {
          "i4", d("2021-01-01"), "3301050002", "330105", "suicide", 1, 0, 1, ts("2021-01-01 20:00")
        },
        // i5: Dec 31 of last year: after last year's period end (2020-10-05), before ytd
        new Object[] {
          "i5", d("2020-12-31"), "3301050002", "330105", "drowning", 1, 0, 1, ts("2020-12-31 20:00")
        },
        // i6: 2020-10-05, the last day of the same period last year; no school, empty counts = 0
        new Object[] {
          "i6", d("2020-10-05"), null, "330105", "accident", 1, null, null, ts("2020-10-05 20:00")
        },
        // i7: 2020-10-06, one day after it
        new Object[] {
          "i7", d("2020-10-06"), null, "330105", "accident", 1, 0, 1, ts("2020-10-06 20:00")
        },
        // i8: after D
        new Object[] {
          "i8", d("2021-10-06"), null, "330105", "other", 0, 1, 1, ts("2021-10-06 20:00")
        });
  }

  @Test
  void periodsTypesAndOrganisations(SparkSession spark) {
    Dataset<Row> g =
        SafetyIncidents.summary(schools(spark), incidents(spark), true, POLICY, D).cache();
    String[] c =
        cols(
            "org_code",
            "period",
            "CAST(period_from AS STRING)",
            "CAST(period_to AS STRING)",
            "incident_type",
            "events",
            "death_events",
            "deaths",
            "injured",
            "students_involved",
            "report_delay_gt_24h");
    DatasetAssert.assertRows(
        g.filter("org_level = 'city' AND incident_type = 'all'"),
        c,
        row("330100", "ytd", "2021-01-01", "2021-10-05", "all", 4L, 3L, 4L, 5L, 13L, 1L),
        row("330100", "last_30d", "2021-09-06", "2021-10-05", "all", 1L, 0L, 0L, 3L, 9L, 1L),
        row(
            "330100",
            "same_period_last_year",
            "2020-01-01",
            "2020-10-05",
            "all",
            1L,
            1L,
            1L,
            0L,
            0L,
            0L));
    String[] t = cols("org_code", "period", "incident_type", "events", "death_events", "deaths");
    DatasetAssert.assertRows(
        g.filter("org_level = 'city' AND incident_type <> 'all'"),
        t,
        row("330100", "ytd", "drowning", 1L, 1L, 2L),
        row("330100", "ytd", "food_safety", 1L, 0L, 0L),
        row("330100", "ytd", "traffic", 1L, 1L, 1L),
        row("330100", "ytd", "suicide", 1L, 1L, 1L),
        row("330100", "last_30d", "food_safety", 1L, 0L, 0L),
        row("330100", "same_period_last_year", "accident", 1L, 1L, 1L));
    // districts: the incident without a school counts under the district it names; a district
    // without an incident in a period has its zero row
    DatasetAssert.assertRows(
        g.filter("org_level = 'district' AND incident_type = 'all'"),
        cols("org_code", "org_name", "parent_code", "period", "events", "death_events", "deaths"),
        row("330102", "上城区", "330100", "ytd", 2L, 1L, 2L),
        row("330102", "上城区", "330100", "last_30d", 1L, 0L, 0L),
        row("330102", "上城区", "330100", "same_period_last_year", 0L, 0L, 0L),
        row("330105", "拱墅区", "330100", "ytd", 2L, 2L, 2L),
        row("330105", "拱墅区", "330100", "last_30d", 0L, 0L, 0L),
        row("330105", "拱墅区", "330100", "same_period_last_year", 1L, 1L, 1L));
    // schools: only their incidents' periods; none for incidents without a school
    DatasetAssert.assertRows(
        g.filter("org_level = 'school'"),
        cols("org_code", "org_name", "parent_code", "period", "incident_type", "events"),
        row("3301020001", "甲校", "330102", "ytd", "all", 1L),
        row("3301020001", "甲校", "330102", "ytd", "food_safety", 1L),
        row("3301020001", "甲校", "330102", "last_30d", "all", 1L),
        row("3301020001", "甲校", "330102", "last_30d", "food_safety", 1L),
        row("3301050002", "乙校", "330105", "ytd", "all", 2L),
        row("3301050002", "乙校", "330105", "ytd", "traffic", 1L),
        row("3301050002", "乙校", "330105", "ytd", "suicide", 1L));
  }

  @Test
  void nothingReceivedIsNoDataNotZero(SparkSession spark) {
    Dataset<Row> none =
        Frames.of(spark, Tables.SILVER_SAFETY_INCIDENTS.schema(), cols("incident_id"));
    Dataset<Row> g = SafetyIncidents.summary(schools(spark), none, false, POLICY, D);
    assertEquals(9, g.count(), "city and two districts, three periods, type all");
    assertEquals(9, g.filter("incident_type = 'all'").count());
    for (String m : MEASURES) assertEquals(9, g.filter(m + " IS NULL").count(), m + " is null");
    // received but quiet: zeros
    Dataset<Row> quiet = SafetyIncidents.summary(schools(spark), none, true, POLICY, D);
    assertEquals(9, quiet.filter("events = 0 AND deaths = 0").count());
  }
}
