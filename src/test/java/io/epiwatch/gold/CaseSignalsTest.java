package io.epiwatch.gold;

import static io.epiwatch.testing.DatasetAssert.row;
import static io.epiwatch.testing.Frames.cols;
import static io.epiwatch.testing.Frames.d;
import static io.epiwatch.testing.Frames.ts;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.epiwatch.catalog.Tables;
import io.epiwatch.config.AppConfig;
import io.epiwatch.config.Policy;
import io.epiwatch.contract.Sources;
import io.epiwatch.testing.DatasetAssert;
import io.epiwatch.testing.Frames;
import io.epiwatch.testing.SparkTest;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.HexFormat;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/** docs/rules.md §4.7: the four kinds of signal, their ids, episodes, corrections, zero days. */
@SparkTest
class CaseSignalsTest {
  static final Policy POLICY = AppConfig.fromString("").policy();
  static final LocalDate D = LocalDate.of(2021, 10, 5);
  static final String A = "3301020001";
  static final String B = "3301020002";

  static String id(String type, String school, String person, String date) throws Exception {
    byte[] h =
        MessageDigest.getInstance("SHA-256")
            .digest(
                (type + "|" + school + "|" + person + "|" + date).getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(h).substring(0, 16);
  }

  Dataset<Row> schools(SparkSession spark) {
    return Frames.schools(
        spark,
        new Object[] {A, "甲校", "330102", "上城区", "330100", d("2021-09-01")},
        new Object[] {B, "乙校", "330102", "上城区", "330100", d("2021-09-01")});
  }

  static final String[] REPORT_COLS =
      cols("report_date", "school_code", "confirmed_cases", "suspected_cases", "submitted_at");

  Dataset<Row> reports(SparkSession spark, int confirmed) {
    return Frames.of(
        spark,
        Tables.SILVER_DAILY_REPORTS.schema(),
        REPORT_COLS,
        new Object[] {d("2021-10-05"), A, confirmed, 0, ts("2021-10-05 08:00")},
        new Object[] {d("2021-10-04"), B, 0, 1, ts("2021-10-04 09:00")});
  }

  /** Every accepted version: the confirmed count first arrived at 07:30, after a zero at 07:00. */
  Dataset<Row> bronzeReports(SparkSession spark) {
    return Frames.of(
        spark,
        Tables.bronze(Sources.byName("daily_reports").orElseThrow()).schema(),
        REPORT_COLS,
        new Object[] {d("2021-10-05"), A, 0, 0, ts("2021-10-05 07:00")},
        new Object[] {d("2021-10-05"), A, 2, 0, ts("2021-10-05 07:30")},
        new Object[] {d("2021-10-05"), A, 2, 0, ts("2021-10-05 08:00")},
        new Object[] {d("2021-10-04"), B, 0, 1, ts("2021-10-04 09:00")});
  }

  /** One pupil with covid19 on three consecutive report days: one episode. */
  Dataset<Row> cases(SparkSession spark) {
    String[] c =
        cols(
            "report_date", "school_code", "person_key", "person_type", "diagnosis", "submitted_at");
    return Frames.of(
        spark,
        Tables.SILVER_ABSENCE_CASES.schema(),
        c,
        new Object[] {d("2021-10-01"), A, "p1", "student", "covid19", ts("2021-10-01 10:00")},
        new Object[] {d("2021-10-02"), A, "p1", "student", "covid19", ts("2021-10-02 10:00")},
        new Object[] {d("2021-10-03"), A, "p1", "student", "covid19", ts("2021-10-03 10:00")},
        new Object[] {d("2021-10-03"), A, "p2", "student", "influenza", ts("2021-10-03 10:00")});
  }

  /** A household member of a pupil of B (reported under A) tested positive on 10-03. */
  Dataset<Row> trips(SparkSession spark) {
    return Frames.of(
        spark,
        Tables.SILVER_TRAVEL_RECORDS.schema(),
        cols(
            "record_key",
            "person_key",
            "person_type",
            "school_code",
            "attributed_school_code",
            "departure_date",
            "return_date",
            "nucleic_test_date",
            "nucleic_test_result",
            "submitted_at"),
        new Object[] {
          "t1",
          "h1",
          "household",
          A,
          B,
          d("2021-09-28"),
          d("2021-10-02"),
          d("2021-10-03"),
          "positive",
          ts("2021-10-03 20:00")
        },
        new Object[] {
          "t2",
          "s9",
          "staff",
          A,
          A,
          d("2021-09-28"),
          d("2021-10-02"),
          d("2021-10-03"),
          "negative",
          ts("2021-10-03 20:00")
        });
  }

  Dataset<Row> signals(SparkSession spark, int confirmed, LocalDate d) {
    Dataset<Row> reports = reports(spark, confirmed);
    Dataset<Row> cases = cases(spark);
    Dataset<Row> trips = trips(spark);
    return CaseSignals.signals(
        schools(spark), reports, cases, trips, bronzeReports(spark), cases, trips, d);
  }

  @Test
  void fourSignalsWithFixedIdsUnderTheRightSchools(SparkSession spark) throws Exception {
    DatasetAssert.assertRows(
        signals(spark, 2, D),
        cols(
            "signal_id",
            "signal_type",
            "CAST(signal_date AS STRING)",
            "school_code",
            "org_name",
            "parent_code",
            "person_key",
            "persons",
            "CAST(first_seen_at AS STRING)",
            "status"),
        row(
            id("report_confirmed", A, "", "2021-10-05"),
            "report_confirmed",
            "2021-10-05",
            A,
            "甲校",
            "330102",
            null,
            2L,
            "2021-10-05 07:30:00",
            "new"),
        row(
            id("report_suspected", B, "", "2021-10-04"),
            "report_suspected",
            "2021-10-04",
            B,
            "乙校",
            "330102",
            null,
            1L,
            "2021-10-04 09:00:00",
            "open"),
        // one episode over three report days, dated its first day
        row(
            id("line_list_covid19", A, "p1", "2021-10-01"),
            "line_list_covid19",
            "2021-10-01",
            A,
            "甲校",
            "330102",
            "p1",
            1L,
            "2021-10-01 10:00:00",
            "open"),
        // the household member counts under the linked pupil's school B
        row(
            id("test_positive", B, "h1", "2021-10-03"),
            "test_positive",
            "2021-10-03",
            B,
            "乙校",
            "330102",
            "h1",
            1L,
            "2021-10-03 20:00:00",
            "open"));
  }

  @Test
  void aCorrectionToZeroRemovesTheSignal(SparkSession spark) {
    Dataset<Row> s = signals(spark, 0, D);
    assertEquals(3, s.count());
    assertEquals(0, s.filter("signal_type = 'report_confirmed'").count());
  }

  @Test
  void signalsPastTheOpenWindowArePast(SparkSession spark) {
    Dataset<Row> s = signals(spark, 2, LocalDate.of(2021, 10, 15));
    DatasetAssert.assertRows(
        s.filter("signal_type = 'line_list_covid19'"), cols("status"), row("past"));
    DatasetAssert.assertRows(
        s.filter("signal_type = 'report_confirmed'"), cols("status"), row("open"));
  }

  @Test
  void dailyCountsAndDaysSinceTheLastConfirmedSignal(SparkSession spark) {
    String[] c =
        cols(
            "org_level",
            "org_code",
            "report_confirmed",
            "report_suspected",
            "line_list_covid19",
            "test_positive",
            "report_confirmed_14d",
            "line_list_covid19_14d",
            "test_positive_14d",
            "signals_new",
            "days_since_last_confirmed");
    Dataset<Row> onTheDay = CaseSignals.daily(schools(spark), signals(spark, 2, D), POLICY, D);
    DatasetAssert.assertRows(
        onTheDay,
        c,
        row("school", A, 2L, 0L, 0L, 0L, 2L, 1L, 0L, 1L, 0),
        row("school", B, 0L, 0L, 0L, 0L, 0L, 0L, 1L, 0L, 2),
        row("district", "330102", 2L, 0L, 0L, 0L, 2L, 1L, 1L, 1L, 0),
        row("city", "330100", 2L, 0L, 0L, 0L, 2L, 1L, 1L, 1L, 0));
    LocalDate later = D.plusDays(5);
    Dataset<Row> fiveDaysLater =
        CaseSignals.daily(schools(spark), signals(spark, 2, later), POLICY, later);
    DatasetAssert.assertRows(
        fiveDaysLater.filter("org_level = 'city'"),
        cols("report_confirmed", "signals_new", "days_since_last_confirmed"),
        row(0L, 0L, 5));
    // no confirmed signal ever: null, not zero
    Dataset<Row> none =
        CaseSignals.daily(
            schools(spark),
            signals(spark, 0, D).filter("signal_type = 'report_suspected'"),
            POLICY,
            D);
    DatasetAssert.assertRows(
        none.filter("org_level = 'city'"), cols("days_since_last_confirmed"), row((Object) null));
  }
}
