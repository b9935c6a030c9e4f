package io.epiwatch.gold;

import static io.epiwatch.testing.DatasetAssert.row;
import static io.epiwatch.testing.Frames.cols;
import static io.epiwatch.testing.Frames.d;
import static io.epiwatch.testing.Frames.ts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.epiwatch.catalog.Tables;
import io.epiwatch.config.AppConfig;
import io.epiwatch.config.Policy;
import io.epiwatch.testing.DatasetAssert;
import io.epiwatch.testing.Frames;
import io.epiwatch.testing.SparkTest;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * docs/rules.md §4.4.1: when an alert was detected, the 24-hour report to the CDC, the response
 * status, class suspension and UNKNOWN_ALERT.
 */
@SparkTest
class AlertResponseTest {
  static final Policy POLICY =
      AppConfig.fromString("epiwatch.policy.cluster.ears-c2.enabled = false").policy();
  static final LocalDate D = LocalDate.of(2021, 9, 12);

  static Object[] pupil(String key, String onset, String reported, String submitted) {
    return pupil(key, onset, reported, submitted, submitted);
  }

  /** A row first sent at {@code first} and last corrected at {@code latest}. */
  static Object[] pupil(String key, String onset, String reported, String first, String latest) {
    return new Object[] {
      d(reported),
      "3301020001",
      key,
      "student",
      "一年级",
      "2班",
      d(onset),
      "gi",
      "unknown",
      ts(latest),
      ts(first)
    };
  }

  /**
   * Five pupils of one class over three days (class_3day, threshold 5, fires on 09-12). Their first
   * submissions in order: a 09-10 09:00, b 09-10 09:30, c 09-11 08:00, e 09-12 09:15, d 09-12
   * 11:00: the fifth person, d, is the moment the data sufficed. d's row, corrected at 16:00,
   * counts from its first submission (a correction never moves the detection later); a's second row
   * (09-12 08:00) does not move a's first submission; f (onset 09-13) is not counted on
   * first_detected.
   */
  static Dataset<Row> cases(SparkSession spark) {
    return Frames.of(
        spark,
        Tables.SILVER_ABSENCE_CASES.schema(),
        cols(
            "report_date",
            "school_code",
            "person_key",
            "person_type",
            "grade",
            "class_name",
            "onset_date",
            "symptom_group",
            "diagnosis",
            "submitted_at",
            "first_submitted_at"),
        pupil("a", "2021-09-10", "2021-09-10", "2021-09-10 09:00"),
        pupil("b", "2021-09-10", "2021-09-10", "2021-09-10 09:30"),
        pupil("c", "2021-09-11", "2021-09-11", "2021-09-11 08:00"),
        pupil("d", "2021-09-12", "2021-09-12", "2021-09-12 11:00", "2021-09-12 16:00"),
        pupil("e", "2021-09-12", "2021-09-12", "2021-09-12 09:15"),
        pupil("a", "2021-09-10", "2021-09-12", "2021-09-12 08:00"),
        pupil("f", "2021-09-13", "2021-09-13", "2021-09-13 07:00"));
  }

  static Dataset<Row> schools(SparkSession spark) {
    return Frames.of(
        spark,
        Tables.SILVER_SCHOOLS.schema(),
        cols("school_code", "school_name", "district_code", "valid_from"),
        new Object[] {"3301020001", "甲校", "330102", d("2021-09-01")});
  }

  static Dataset<Row> responses(SparkSession spark, Object[]... rows) {
    return Frames.of(
        spark,
        Tables.SILVER_ALERT_RESPONSES.schema(),
        cols(
            "alert_id",
            "verified",
            "reported_to_cdc_at",
            "actions",
            "suspension_from",
            "suspension_to",
            "closed_at",
            "submitted_at",
            "source_file",
            "source_line",
            "source_sha256"),
        rows);
  }

  static Object[] response(
      String id, String verified, String reported, List<String> actions, String closed) {
    return new Object[] {
      id,
      verified,
      reported == null ? null : ts(reported),
      actions,
      actions.contains("class_suspension") ? d("2021-09-13") : null,
      actions.contains("class_suspension") ? d("2021-09-15") : null,
      closed == null ? null : ts(closed),
      ts("2021-09-12 20:00"),
      "alert_responses/r.csv",
      2L,
      "sha"
    };
  }

  static Dataset<Row> noReports(SparkSession spark) {
    return Frames.of(spark, Tables.SILVER_DAILY_REPORTS.schema(), cols("report_date"));
  }

  static Dataset<Row> noRoster(SparkSession spark) {
    return Frames.of(spark, Tables.SILVER_ROSTER.schema(), cols("person_key"));
  }

  static Timestamp endOf(LocalDate day) {
    return Timestamp.valueOf(day.plusDays(1).atStartOfDay());
  }

  Dataset<Row> alerts(SparkSession spark) {
    return ClusterAlerts.alerts(
            schools(spark), cases(spark), noReports(spark), noRoster(spark), POLICY, D)
        .filter("rule = 'class_3day'")
        .cache();
  }

  Dataset<Row> withResponses(SparkSession spark, LocalDate day, Object[]... responses) {
    return ClusterAlerts.withResponses(
        alerts(spark),
        cases(spark),
        noReports(spark),
        responses(spark, responses),
        day,
        endOf(day));
  }

  String alertId(SparkSession spark) {
    return alerts(spark).select("alert_id").first().getString(0);
  }

  @Test
  void detectedAtIsTheFifthPersonsFirstSubmissionAndTheReportIsDueADayLater(SparkSession spark) {
    Dataset<Row> a = withResponses(spark, D);
    DatasetAssert.assertRows(
        a,
        cols(
            "cases",
            "CAST(detected_at AS STRING)",
            "CAST(cdc_report_due AS STRING)",
            "response_status",
            "cdc_report_on_time",
            "cdc_report_overdue",
            "class_suspended"),
        row(5L, "2021-09-12 11:00:00", "2021-09-13 11:00:00", "unverified", null, false, false));
  }

  @Test
  void aReport23HoursLaterIsOnTime25HoursLaterIsLateAndNoneIsOverdueOnDPlus2(SparkSession spark) {
    String id = alertId(spark);
    String[] c = cols("reported_to_cdc_at IS NOT NULL", "cdc_report_on_time", "cdc_report_overdue");
    DatasetAssert.assertRows(
        withResponses(
            spark, D, response(id, "verified", "2021-09-13 10:00", List.of("none"), null)),
        c,
        row(true, true, false));
    DatasetAssert.assertRows(
        withResponses(
            spark,
            D.plusDays(1),
            response(id, "verified", "2021-09-13 12:00", List.of("none"), null)),
        c,
        row(true, false, false));
    // no report: not overdue while the day ends before the due time, overdue on D + 2
    DatasetAssert.assertRows(withResponses(spark, D), c, row(false, null, false));
    DatasetAssert.assertRows(withResponses(spark, D.plusDays(2)), c, row(false, null, true));
  }

  @Test
  void statusesFollowTheResponseAndASuspensionCoversItsDates(SparkSession spark) {
    String id = alertId(spark);
    String[] c = cols("response_status", "cdc_report_overdue", "class_suspended");
    // discarded: stays in gold with its status, and is not overdue without a report
    DatasetAssert.assertRows(
        withResponses(spark, D.plusDays(2), response(id, "discarded", null, List.of(), null)),
        c,
        row("discarded", false, false));
    List<String> suspended = List.of("class_suspension", "disinfection");
    DatasetAssert.assertRows(
        withResponses(spark, D, response(id, "verified", "2021-09-12 12:00", suspended, null)),
        c,
        row("verified", false, false));
    DatasetAssert.assertRows(
        withResponses(
            spark,
            D.plusDays(2),
            response(id, "verified", "2021-09-12 12:00", suspended, "2021-09-14 18:00")),
        c,
        row("closed", false, true));
    // closed later than the end of D: not yet closed on D (the suspension 09-13..09-15 covers it)
    DatasetAssert.assertRows(
        withResponses(
            spark,
            D.plusDays(1),
            response(id, "pending", "2021-09-12 12:00", suspended, "2021-09-14 18:00")),
        c,
        row("unverified", false, true));
  }

  @Test
  void earsAlertsAreDetectedAtTheirReportsFirstSubmissionAndHaveNoAlertCases(SparkSession spark) {
    Policy ears = AppConfig.fromString("").policy();
    List<Object[]> r = new ArrayList<>();
    for (int day = 1; day <= 10; day++) {
      r.add(
          new Object[] {
            d(String.format("2021-09-%02d", day)),
            "3301020001",
            100,
            day == 10 ? 6 : 1,
            ts(String.format("2021-09-%02d 08:%02d", day, day))
          });
    }
    Dataset<Row> reports =
        Frames.of(
            spark,
            Tables.SILVER_DAILY_REPORTS.schema(),
            cols(
                "report_date",
                "school_code",
                "students_expected",
                "students_absent_illness",
                "first_submitted_at"),
            r.toArray(Object[][]::new));
    Dataset<Row> none = cases(spark).limit(0);
    LocalDate day = LocalDate.of(2021, 9, 10);
    Dataset<Row> alerts =
        ClusterAlerts.alerts(schools(spark), none, reports, noRoster(spark), ears, day);
    Dataset<Row> a =
        ClusterAlerts.withResponses(alerts, none, reports, responses(spark), day, endOf(day));
    DatasetAssert.assertRows(
        a,
        cols("rule", "CAST(detected_at AS STRING)", "CAST(cdc_report_due AS STRING)"),
        row("school_ears_c2", "2021-09-10 08:10:00", "2021-09-11 08:10:00"));
    assertEquals(0L, ClusterAlerts.alertCases(a, none).count());
  }

  @Test
  void aResponseOfNoAlertIsQuarantinedUnknownAlertAndAppliedToNone(SparkSession spark) {
    String id = alertId(spark);
    Dataset<Row> responses =
        responses(
            spark,
            response(id, "verified", "2021-09-12 12:00", List.of("none"), null),
            response("0000000000000000", "verified", "2021-09-12 12:00", List.of("none"), null));
    Dataset<Row> unknown = ClusterAlerts.unknownResponses(responses, alerts(spark));
    DatasetAssert.assertRows(unknown, cols("alert_id"), row("0000000000000000"));
    Row q = UnknownAlerts.rows(unknown, ts("2021-09-12 21:00")).first();
    assertEquals(List.of("UNKNOWN_ALERT"), q.getList(q.fieldIndex("reasons")));
    assertEquals("alert_responses", q.getString(q.fieldIndex("source")));
    assertTrue(q.getString(q.fieldIndex("raw_line")).startsWith("0000000000000000,verified,"));
    DatasetAssert.assertRows(
        ClusterAlerts.withResponses(
            alerts(spark), cases(spark), noReports(spark), responses, D, endOf(D)),
        cols("alert_id", "response_status"),
        row(id, "verified"));
  }
}
