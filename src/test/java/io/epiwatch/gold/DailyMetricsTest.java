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
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** docs/rules.md §4.1-4.3 on a hand-made fixture: three schools in two districts of one city. */
@SparkTest
class DailyMetricsTest {
  static final Policy POLICY = AppConfig.fromString("").policy();
  SparkSession spark;
  Dataset<Row> schools;
  Dataset<Row> reports;
  Dataset<Row> cases;

  @BeforeEach
  void fixture(SparkSession spark) {
    this.spark = spark;
    schools =
        Frames.of(
            spark,
            Tables.SILVER_SCHOOLS.schema(),
            cols(
                "school_code",
                "school_name",
                "district_code",
                "district_name",
                "city_code",
                "valid_from",
                "valid_to",
                "is_current"),
            new Object[] {
              "3301020001", "甲校", "330102", "上城区", "330100", d("2021-09-01"), null, true
            },
            new Object[] {
              "3301020002", "乙校", "330102", "上城区", "330100", d("2021-09-01"), null, true
            },
            new Object[] {
              "3301050003", "丙校", "330105", "拱墅区", "330100", d("2021-09-01"), d("2021-09-02"), false
            });
    reports =
        Frames.of(
            spark,
            Tables.SILVER_DAILY_REPORTS.schema(),
            cols(
                "report_date",
                "school_code",
                "first_submitted_at",
                "students_expected",
                "students_absent_illness",
                "staff_expected",
                "staff_absent_illness",
                "zero_report",
                "zero_report_contradiction",
                "fever_cases"),
            // on time at 10:00:00 exactly; contradictory zero report (fever 1) still counts as a
            // zero report
            new Object[] {
              d("2021-09-01"), "3301020001", ts("2021-09-01 10:00:00"), 100, 2, 10, 0, true, true, 1
            },
            // late by one second
            new Object[] {
              d("2021-09-01"), "3301020002", ts("2021-09-01 10:00:01"), 0, 0, 0, 0, false, false, 0
            },
            new Object[] {
              d("2021-09-02"), "3301020001", ts("2021-09-02 08:00"), 100, 4, 10, 1, false, false, 0
            });
    cases =
        Frames.of(
            spark,
            Tables.SILVER_ABSENCE_CASES.schema(),
            cols(
                "report_date",
                "school_code",
                "person_key",
                "person_type",
                "symptom_group",
                "diagnosis",
                "followed_up"),
            new Object[] {d("2021-09-01"), "3301020001", "p1", "student", "ili", "influenza", true},
            new Object[] {
              d("2021-09-01"), "3301020001", "p2", "student", "fever", "unknown", false
            });
  }

  @Test
  void lateMissingAndOnTimeSchoolsRollUpAndTenOClockExactlyIsOnTime() {
    Dataset<Row> c =
        DailyMetrics.reportingCompliance(schools, reports, LocalDate.of(2021, 9, 2), POLICY);
    DatasetAssert.assertRows(
        c.filter("report_date = DATE'2021-09-01'"),
        cols(
            "org_level",
            "org_code",
            "status",
            "expected",
            "reported",
            "on_time",
            "late",
            "missing",
            "zero_reports",
            "reporting_rate",
            "timeliness_rate"),
        row("school", "3301020001", "on_time", 1L, 1L, 1L, 0L, 0L, 1L, 1.0, 1.0),
        row("school", "3301020002", "late", 1L, 1L, 0L, 1L, 0L, 0L, 1.0, 0.0),
        row("school", "3301050003", "missing", 1L, 0L, 0L, 0L, 1L, 0L, 0.0, 0.0),
        row("district", "330102", null, 2L, 2L, 1L, 1L, 0L, 1L, 1.0, 0.5),
        row("district", "330105", null, 1L, 0L, 0L, 0L, 1L, 0L, 0.0, 0.0),
        row("city", "330100", null, 3L, 2L, 1L, 1L, 1L, 1L, 2.0 / 3, 1.0 / 3));
    // 09-02: school 3 closed (valid_to exclusive), school 2 missing.
    DatasetAssert.assertRows(
        c.filter("report_date = DATE'2021-09-02' AND org_level = 'city'"),
        cols("expected", "reported", "missing", "zero_report_share"),
        row(2L, 1L, 1L, 0.0));
  }

  @Test
  void attendanceRatesAreNullWhenNobodyIsExpectedAndFollowUpComparesWithTheSummary() {
    Dataset<Row> a = DailyMetrics.attendance(schools, reports, cases, POLICY);
    DatasetAssert.assertRows(
        a.filter("report_date = DATE'2021-09-01'"),
        cols(
            "org_level",
            "org_code",
            "students_expected",
            "students_absent_illness",
            "illness_absence_rate",
            "line_list_cases",
            "followed_up",
            "follow_up_completeness"),
        row("school", "3301020001", 100L, 2L, 0.02, 2L, 1L, 0.5),
        row("school", "3301020002", 0L, 0L, null, 0L, 0L, null),
        row("district", "330102", 100L, 2L, 0.02, 2L, 1L, 0.5),
        row("city", "330100", 100L, 2L, 0.02, 2L, 1L, 0.5));
  }

  @Test
  void absenceByCauseCountsPerSymptomGroupAndDiagnosisPerThousandExpected() {
    Dataset<Row> a = DailyMetrics.attendance(schools, reports, cases, POLICY);
    Dataset<Row> c = DailyMetrics.absenceByCause(schools, cases, a, POLICY);
    DatasetAssert.assertRows(
        c.filter("org_level = 'city'"),
        cols("cause_type", "cause", "cases", "students_expected", "rate_per_1000"),
        row("symptom_group", "ili", 1L, 100L, 10.0),
        row("symptom_group", "fever", 1L, 100L, 10.0),
        row("diagnosis", "influenza", 1L, 100L, 10.0),
        row("diagnosis", "unknown", 1L, 100L, 10.0));
  }

  @Test
  void newCasesCountEpisodeStartsWhileCasesCountEveryDayAbsent() {
    Dataset<Row> lineList =
        Frames.of(
            spark,
            Tables.SILVER_ABSENCE_CASES.schema(),
            cols(
                "report_date",
                "school_code",
                "person_key",
                "person_type",
                "onset_date",
                "symptom_group",
                "diagnosis"),
            // p1 absent on 09-01 and 09-02 with the same onset: one episode, new on 09-01 only
            new Object[] {
              d("2021-09-01"), "3301020001", "p1", "student", d("2021-08-31"), "ili", "influenza"
            },
            new Object[] {
              d("2021-09-02"), "3301020001", "p1", "student", d("2021-08-31"), "ili", "influenza"
            },
            // p2 without onset_date: each report date is its own onset, so its own episode
            new Object[] {d("2021-09-01"), "3301020001", "p2", "student", null, "ili", "unknown"},
            new Object[] {d("2021-09-02"), "3301020001", "p2", "student", null, "ili", "unknown"},
            // p3 falls ill again (a new onset) on 09-02: a new episode
            new Object[] {
              d("2021-09-01"), "3301020001", "p3", "student", d("2021-09-01"), "ili", "unknown"
            },
            new Object[] {
              d("2021-09-02"), "3301020001", "p3", "student", d("2021-09-02"), "ili", "unknown"
            });
    Dataset<Row> a = DailyMetrics.attendance(schools, reports, lineList, POLICY);
    Dataset<Row> c = DailyMetrics.absenceByCause(schools, lineList, a, POLICY);
    DatasetAssert.assertRows(
        c.filter("org_level = 'school' AND cause_type = 'symptom_group'"),
        cols("report_date", "cause", "cases", "new_cases"),
        row(d("2021-09-01"), "ili", 3L, 3L),
        row(d("2021-09-02"), "ili", 3L, 2L));
    // only 09-02 rewritten (an incremental run): the starts are marked on the whole history first
    Dataset<Row> day2 =
        DailyMetrics.withEpisodeStart(lineList).filter("report_date = DATE'2021-09-02'");
    DatasetAssert.assertRows(
        DailyMetrics.absenceByCause(schools, day2, a, POLICY)
            .filter("org_level = 'school' AND cause_type = 'symptom_group'"),
        cols("report_date", "cause", "cases", "new_cases"),
        row(d("2021-09-02"), "ili", 3L, 2L));
  }
}
