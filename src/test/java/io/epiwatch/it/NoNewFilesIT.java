package io.epiwatch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.epiwatch.catalog.TableId;
import io.epiwatch.catalog.Tables;
import io.epiwatch.catalog.Warehouse;
import io.epiwatch.testing.ChildJvm;
import io.epiwatch.testing.SparkTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * After the sample's run for D = 2021-10-05: D+1 with no new file at all, then D+2 with only a
 * travel file (a trip departed on D). Every expected school is missing on those days, alerts move
 * on, the as-of tables get their snapshots, and the late trip marks the earlier as-of snapshots of
 * risk exposure superseded.
 */
@SparkTest
class NoNewFilesIT {
  @Test
  void daysWithoutReportsNameEverySchoolMissingAndMoveAlertsAndSnapshotsOn(SparkSession spark)
      throws Exception {
    Path work = SampleRun.copyWarehouse("no-new-files");
    Path wh = work.resolve("warehouse");
    Warehouse w = new Warehouse(spark, wh.toString());
    List<Row> alertsOnD = w.read(Tables.GOLD_CLUSTER_ALERTS.id()).collectAsList();
    long schools =
        w.read(Tables.GOLD_REPORTING_COMPLIANCE.id())
            .filter("report_date = DATE'2021-10-05' AND org_level = 'school'")
            .count();

    // D+1: no new file (the inbox holds only files ingested before)
    run(work, ChildJvm.projectDir().resolve("data-sample/inbox"), wh, "2021-10-06");
    assertEveryoneMissing(w, "2021-10-06", schools);
    for (Row a : w.read(Tables.GOLD_CLUSTER_ALERTS.id()).collectAsList()) {
      LocalDate last = a.getDate(a.fieldIndex("last_detected")).toLocalDate();
      String expected =
          java.time.temporal.ChronoUnit.DAYS.between(last, LocalDate.of(2021, 10, 6)) >= 7
              ? "closed"
              : "active";
      assertEquals(expected, a.getAs("status"), "alert " + a.getAs("alert_id") + " status on D+1");
    }
    assertEquals(
        alertsOnD.size(),
        w.read(Tables.GOLD_CLUSTER_ALERTS.id()).count(),
        "the same alerts, statuses moved on");
    for (var t :
        List.of(
            Tables.GOLD_RISK_EXPOSURE,
            Tables.GOLD_VACCINATION_COVERAGE,
            Tables.GOLD_CAMPAIGN_PROGRESS)) {
      assertTrue(
          w.read(t.id()).filter("as_of = DATE'2021-10-06'").count() > 0,
          t.id() + " snapshot of D+1");
    }
    try (PDDocument doc =
        Loader.loadPDF(work.resolve("out/briefing-2021-10-06-330100-zh.pdf").toFile())) {
      String text = new PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
      assertTrue(text.contains("0.0%"), "reporting rate 0: " + text);
      for (Row r :
          w.read(Tables.GOLD_REPORTING_COMPLIANCE.id())
              .filter("report_date = DATE'2021-10-06' AND org_level = 'school'")
              .collectAsList()) {
        assertTrue(
            text.contains((String) r.getAs("org_name")), "briefing names " + r.getAs("org_name"));
      }
    }

    // D+2: only a travel file, with a trip that departed on D (late for the D and D+1 snapshots)
    Path travel = SampleRun.copyInbox(work, "inbox-travel").resolve("travel_records");
    Files.writeString(
        travel.resolve("travel-2021-10-07.csv"),
        "记录编号,身份证号,证件类型,姓名,人员类别,关联学生身份证号,学校标识码,目的地代码,目的地,是否境外,离开日期,返回日期,是否报备审批,核酸检测日期,核酸结果,填报时间\n"
            + "T-late-1,330102201011270221,,徐丽霞,学生,,3330102000,110101,东城区,否,2021-10-05,2021-10-06,是,2021-10-06,阴性,2021-10-07 08:00\n",
        StandardCharsets.UTF_8);
    run(work, work.resolve("inbox-travel"), wh, "2021-10-07");
    assertEveryoneMissing(w, "2021-10-07", schools);
    TableId risk = Tables.GOLD_RISK_EXPOSURE.id();
    assertEquals(
        0L,
        w.read(risk)
            .filter("as_of IN (DATE'2021-10-05', DATE'2021-10-06') AND superseded_at IS NULL")
            .count(),
        "snapshots the late trip changes are marked superseded");
    assertEquals(
        0L,
        w.read(risk).filter("as_of = DATE'2021-10-07' AND superseded_at IS NOT NULL").count(),
        "D+2 is current");
    assertFalse(
        w.read(Tables.GOLD_VACCINATION_COVERAGE.id()).filter("superseded_at IS NOT NULL").count()
            > 0,
        "a travel file supersedes no vaccination snapshot");
  }

  private static void assertEveryoneMissing(Warehouse w, String date, long schools) {
    var day =
        w.read(Tables.GOLD_REPORTING_COMPLIANCE.id()).filter("report_date = DATE'" + date + "'");
    assertEquals(
        schools,
        day.filter("org_level = 'school' AND status = 'missing'").count(),
        "every expected school missing on " + date);
    Row city = day.filter("org_level = 'city'").first();
    assertEquals(0.0, (Double) city.getAs("reporting_rate"), 0.0, "city reporting rate on " + date);
    assertEquals(schools, (long) city.getAs("missing"));
  }

  private static void run(Path work, Path inbox, Path wh, String date) throws Exception {
    Path log = work.resolve("run-" + date + ".log");
    int rc =
        ChildJvm.runCli(
            log,
            Map.of(),
            900,
            "run-daily",
            "--conf",
            SampleRun.conf(),
            "--inbox",
            inbox.toString(),
            "--warehouse",
            wh.toString(),
            "--out",
            work.resolve("out").toString(),
            "--date",
            date);
    assertEquals(0, rc, "run-daily " + date + "; log " + log);
  }
}
