package io.epiwatch.gold;

import static io.epiwatch.testing.DatasetAssert.row;
import static io.epiwatch.testing.Frames.cols;
import static io.epiwatch.testing.Frames.d;
import static io.epiwatch.testing.Frames.ts;

import io.epiwatch.catalog.Tables;
import io.epiwatch.config.AppConfig;
import io.epiwatch.config.Policy;
import io.epiwatch.contract.Sources;
import io.epiwatch.silver.CampusStaysSilver;
import io.epiwatch.testing.DatasetAssert;
import io.epiwatch.testing.Frames;
import io.epiwatch.testing.SparkTest;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * docs/rules.md §2.12, §4.12: a stay's boundaries on D, pending and rejected stays, guardian
 * contact, ill students on campus, the roll-up, no data vs zero, and the latest version of a stay.
 * Few Spark actions: every case is one row of one summary, collected once.
 */
@SparkTest
class CampusStaysTest {
  static final LocalDate D = LocalDate.of(2021, 10, 5);
  static final Policy POLICY = AppConfig.fromString("").policy();
  static final String A = "3301020001"; // 甲校, 上城区
  static final String B = "3301050002"; // 乙校, 拱墅区
  static final String[] OUT =
      cols(
          "org_level",
          "org_code",
          "parent_code",
          "on_campus",
          "pending",
          "no_guardian_contact",
          "ill_or_signal");

  static Dataset<Row> schools(SparkSession spark) {
    return Frames.schools(
        spark,
        new Object[] {A, "甲校", "330102", "上城区", "330100", d("2021-01-01")},
        new Object[] {B, "乙校", "330105", "拱墅区", "330100", d("2021-01-01")});
  }

  static Dataset<Row> stays(SparkSession spark) {
    return Frames.of(
        spark,
        Tables.SILVER_CAMPUS_STAYS.schema(),
        cols(
            "school_code", "person_key", "approved", "stay_from", "stay_to", "guardian_contact_ok"),
        // p1: stay_from = D counts; a second approved stay of p1 does not count twice
        new Object[] {A, "p1", "yes", d("2021-10-05"), d("2021-10-07"), true},
        new Object[] {A, "p1", "yes", d("2021-10-03"), d("2021-10-10"), true},
        // p2: stay_to = D counts; guardian not contacted
        new Object[] {A, "p2", "yes", d("2021-10-01"), d("2021-10-05"), false},
        // p3: stay_to = D - 1: not on campus
        new Object[] {A, "p3", "yes", d("2021-10-01"), d("2021-10-04"), false},
        // p4: open stay; an illness absence dated D
        new Object[] {A, "p4", "yes", d("2021-10-01"), null, true},
        // p5: pending covering D: pending, not on campus
        new Object[] {B, "p5", "pending", d("2021-10-03"), d("2021-10-07"), false},
        // p6: pending starting after D: pending
        new Object[] {B, "p6", "pending", d("2021-10-06"), null, false},
        // p7: rejected: nowhere, not even without guardian contact
        new Object[] {B, "p7", "no", d("2021-10-01"), null, false},
        // p8: approved, starting after D: nowhere
        new Object[] {B, "p8", "yes", d("2021-10-06"), null, false},
        // p9: open stay, a case signal dated D; guardian contact empty = not contacted
        new Object[] {B, "p9", "yes", d("2021-10-02"), null, null},
        // p10: on campus, ill only on D - 1: not counted ill
        new Object[] {B, "p10", "yes", d("2021-10-01"), d("2021-10-07"), true},
        // p11: pending that ended before D: nowhere
        new Object[] {B, "p11", "pending", d("2021-10-01"), d("2021-10-04"), false});
  }

  static Dataset<Row> cases(SparkSession spark) {
    return Frames.of(
        spark,
        Tables.SILVER_ABSENCE_CASES.schema(),
        cols("report_date", "school_code", "person_key", "person_type"),
        new Object[] {d("2021-10-05"), A, "p4", "student"},
        new Object[] {d("2021-10-04"), B, "p10", "student"},
        // p5 is ill on D but only pending: not counted
        new Object[] {d("2021-10-05"), B, "p5", "student"});
  }

  static Dataset<Row> signals(SparkSession spark) {
    return Frames.of(
        spark,
        Tables.GOLD_CASE_SIGNALS.schema(),
        cols("signal_date", "signal_id", "signal_type", "school_code", "person_key"),
        new Object[] {d("2021-10-05"), "s1", "line_list_covid19", B, "p9"},
        // a report signal has no person: never matches
        new Object[] {d("2021-10-05"), "s2", "report_confirmed", A, null});
  }

  @Test
  void boundariesPendingRejectedGuardianIllAndRollUp(SparkSession spark) {
    Dataset<Row> persons = CampusStays.persons(stays(spark), cases(spark), signals(spark), D);
    List<Row> got =
        CampusStays.summary(schools(spark), persons, true, POLICY, D)
            .selectExpr(OUT)
            .collectAsList();
    DatasetAssert.assertRows(
        got,
        OUT,
        List.of(
            // 甲校: p1, p2, p4 on campus; p2 without guardian contact; p4 ill
            row("school", A, "330102", 3L, 0L, 1L, 1L),
            // 乙校: p9, p10 on campus; p5, p6 pending; p9 (contact empty) and the signal
            row("school", B, "330105", 2L, 2L, 1L, 1L),
            row("district", "330102", "330100", 3L, 0L, 1L, 1L),
            row("district", "330105", "330100", 2L, 2L, 1L, 1L),
            row("city", "330100", null, 5L, 2L, 2L, 2L)));
  }

  @Test
  void nothingReceivedIsNoDataAndReceivedButEmptyIsZero(SparkSession spark) {
    Dataset<Row> none = Frames.of(spark, Tables.SILVER_CAMPUS_STAYS.schema(), cols("school_code"));
    Dataset<Row> persons = CampusStays.persons(none, cases(spark), signals(spark), D);
    DatasetAssert.assertRows(
        CampusStays.summary(schools(spark), persons, false, POLICY, D),
        OUT,
        row("district", "330102", "330100", null, null, null, null),
        row("district", "330105", "330100", null, null, null, null),
        row("city", "330100", null, null, null, null, null));
    DatasetAssert.assertRows(
        CampusStays.summary(schools(spark), persons, true, POLICY, D),
        OUT,
        row("district", "330102", "330100", 0L, 0L, 0L, 0L),
        row("district", "330105", "330100", 0L, 0L, 0L, 0L),
        row("city", "330100", null, 0L, 0L, 0L, 0L));
  }

  @Test
  void aResubmissionReplacesTheEarlierVersion(SparkSession spark) {
    Dataset<Row> bronze =
        Frames.of(
            spark,
            Tables.bronze(Sources.CAMPUS_STAYS).schema(),
            cols(
                "school_code",
                "person_key",
                "stay_from",
                "approved",
                "guardian_contact_ok",
                "submitted_at",
                "source_file",
                "source_line",
                "source_sha256",
                "ingest_batch_id",
                "ingested_at"),
            new Object[] {
              A,
              "p1",
              d("2021-10-01"),
              "pending",
              false,
              ts("2021-09-28 09:00"),
              "a.csv",
              2L,
              "h",
              "b1",
              ts("2021-10-05 08:00")
            },
            // the school approved it and reached the guardian: this version wins
            new Object[] {
              A,
              "p1",
              d("2021-10-01"),
              "yes",
              true,
              ts("2021-09-30 09:00"),
              "b.csv",
              2L,
              "h",
              "b1",
              ts("2021-10-05 08:00")
            },
            // another stay of the same student (another stay_from) is a row of its own
            new Object[] {
              A,
              "p1",
              d("2022-01-20"),
              "pending",
              false,
              ts("2021-09-29 09:00"),
              "a.csv",
              3L,
              "h",
              "b1",
              ts("2021-10-05 08:00")
            });
    DatasetAssert.assertRows(
        CampusStaysSilver.build(bronze),
        cols("person_key", "CAST(stay_from AS STRING)", "approved", "guardian_contact_ok"),
        row("p1", "2021-10-01", "yes", true),
        row("p1", "2022-01-20", "pending", false));
  }
}
