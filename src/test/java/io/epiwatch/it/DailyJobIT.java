package io.epiwatch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.epiwatch.catalog.TableId;
import io.epiwatch.catalog.Tables;
import io.epiwatch.catalog.Warehouse;
import io.epiwatch.ops.JobRuns;
import io.epiwatch.testing.ChildJvm;
import io.epiwatch.testing.DatasetAssert;
import io.epiwatch.testing.SparkTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.pdmodel.PDPage;
import org.apache.pdfbox.pdmodel.font.PDFont;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The README's first command, end to end in processes of their own: run-daily over the shipped
 * sample, then checks on the tables, the manifest accounting, the roll-up invariant, the PDF,
 * jobs/sql in a new process, and that a rerun changes nothing.
 */
@SparkTest
class DailyJobIT {
  static Path work;
  static Path wh;
  static Path out;

  @BeforeAll
  static void runDaily() throws Exception {
    work = SampleRun.work();
    wh = SampleRun.warehouse();
    out = SampleRun.out();
  }

  @Test
  void everyFileAddsUpAndEveryPlantedBadRowIsQuarantined(SparkSession spark) throws Exception {
    Warehouse w = new Warehouse(spark, wh.toString());
    Dataset<Row> m = w.read(Tables.OPS_INGEST_MANIFEST.id());
    assertEquals(
        0L, m.filter("status = 'loaded' AND rows_in <> rows_loaded + rows_quarantined").count());
    // the bad rows of the contract's sources, plus the safety incidents planted with a reason
    long planted =
        Files.readAllLines(
                    ChildJvm.projectDir().resolve("data-sample/inbox/_generator/planted_rows.csv"))
                .size()
            - 1
            + Files.readAllLines(
                    ChildJvm.projectDir()
                        .resolve("data-sample/inbox/_generator/planted_incidents.csv"))
                .stream()
                .skip(1)
                .filter(l -> !l.endsWith(","))
                .count()
            // the campus stays quarantined at ingest (BAD_DATE, UNKNOWN_PERSON)
            + Files.readAllLines(
                    ChildJvm.projectDir()
                        .resolve("data-sample/inbox/_generator/planted_campus_stays.csv"))
                .stream()
                .skip(1)
                .filter(l -> !l.endsWith(","))
                .count();
    // the response to an alert that does not exist: loaded by ingest, quarantined UNKNOWN_ALERT by
    // the metrics stage (docs/rules.md §1.4)
    long unknownAlerts =
        Files.readAllLines(
                ChildJvm.projectDir().resolve("data-sample/inbox/_generator/planted_responses.csv"))
            .stream()
            .filter(l -> l.endsWith(" UNKNOWN_ALERT"))
            .count();
    assertEquals(1L, unknownAlerts);
    // the findings of no inspection or dated before it: loaded by ingest, quarantined
    // UNKNOWN_INSPECTION / BAD_DATE by the metrics stage
    long badFindings =
        Files.readAllLines(
                ChildJvm.projectDir()
                    .resolve("data-sample/inbox/_generator/planted_inspections.csv"))
            .stream()
            .skip(1)
            .filter(l -> !l.endsWith(","))
            .count();
    assertEquals(2L, badFindings);
    assertEquals(
        planted + unknownAlerts + badFindings,
        w.read(Tables.OPS_QUARANTINE.id()).count(),
        "quarantined rows = planted bad rows");
    DatasetAssert.assertRows(
        w.read(Tables.OPS_QUARANTINE.id()).filter("source = 'findings'"),
        new String[] {"source_line", "reasons[0]", "ingest_batch_id IS NULL"},
        DatasetAssert.row(8L, "BAD_DATE", true),
        DatasetAssert.row(9L, "UNKNOWN_INSPECTION", true));
    DatasetAssert.assertRows(
        w.read(Tables.OPS_QUARANTINE.id()).filter("source = 'campus_stays'"),
        new String[] {"source_line", "reasons[0]", "ingest_batch_id IS NULL"},
        DatasetAssert.row(8L, "BAD_DATE", false),
        DatasetAssert.row(10L, "UNKNOWN_PERSON", false));
    assertEquals(
        unknownAlerts,
        w.read(Tables.OPS_QUARANTINE.id())
            .filter("array_contains(reasons, 'UNKNOWN_ALERT') AND source = 'alert_responses'")
            .count());
    DatasetAssert.assertRows(
        m.selectExpr("sum(rows_quarantined) AS q"), new String[] {"q"}, DatasetAssert.row(planted));
  }

  @Test
  void districtAndCityRowsEqualTheSumOfTheirSchools(SparkSession spark) {
    Warehouse w = new Warehouse(spark, wh.toString());
    for (String[] t :
        new String[][] {
          {"reporting_compliance", "report_date", "expected", "reported"},
          {"attendance", "report_date", "students_expected", "students_absent_illness"},
          {"vaccination_coverage", "as_of", "eligible", "dose1"},
          {"risk_exposure", "as_of", "persons", "in_monitoring"}
        }) {
      Dataset<Row> g = w.read(TableId.gold(t[0]));
      g.createOrReplaceTempView("g");
      String byLevel =
          "SELECT "
              + t[1]
              + ", org_level, sum("
              + t[2]
              + ") a, sum("
              + t[3]
              + ") b FROM g GROUP BY 1, 2";
      long distinctTotals =
          spark
              .sql(
                  "SELECT "
                      + t[1]
                      + ", count(DISTINCT a), count(DISTINCT b) FROM ("
                      + byLevel
                      + ") GROUP BY 1 "
                      + "HAVING count(DISTINCT a) > 1 OR count(DISTINCT b) > 1")
              .count();
      assertEquals(
          0L, distinctTotals, "gold." + t[0] + ": a level's total differs from the schools' total");
    }
  }

  @Test
  void everyPlantedSignalIsInGoldTheBriefingAndTheSignalsFile(SparkSession spark) throws Exception {
    Warehouse w = new Warehouse(spark, wh.toString());
    List<String> planted =
        Files.readAllLines(
            ChildJvm.projectDir().resolve("data-sample/inbox/_generator/planted_signals.csv"));
    List<Row> expected =
        planted.subList(1, planted.size()).stream()
            .map(l -> l.split(","))
            .map(f -> DatasetAssert.row(f[0], f[1], f[2], Long.parseLong(f[3])))
            .toList();
    DatasetAssert.assertRows(
        w.read(Tables.GOLD_CASE_SIGNALS.id())
            .selectExpr("signal_type", "school_code", "CAST(signal_date AS STRING)", "persons")
            .collectAsList(),
        new String[] {"signal_type", "school_code", "signal_date", "persons"},
        expected);
    String json = Files.readString(out.resolve("signals-2021-10-05.json"));
    assertTrue(
        json.contains("\"signal_type\":\"report_suspected\"") && !json.contains("person_key"),
        "the signal new on the run date, without person keys: " + json);
    try (PDDocument doc =
        Loader.loadPDF(out.resolve("briefing-2021-10-05-330100-zh.pdf").toFile())) {
      String text = new PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
      assertTrue(
          text.indexOf("一、疫情信号") >= 0 && text.indexOf("一、疫情信号") < text.indexOf("二、关键指标"), text);
      assertTrue(text.contains("确诊（学校报告）") && text.contains("疑似病例（当日） 1"), text);
    }
    String text = followUpText(out).replaceAll("\\s+", " ");
    assertTrue(
        java.util.regex.Pattern.compile("阳性/确诊人员.*\\p{IsHan}\\*+\\p{IsHan}.*核酸阳性")
            .matcher(text)
            .find(),
        "the positive household member, masked: " + text);
  }

  @Test
  void thePlantedInspectionsGiveTheSummaryTheBriefingLinesAndTheLedger(SparkSession spark)
      throws Exception {
    Warehouse w = new Warehouse(spark, wh.toString());
    // _generator/planted_inspections.csv: 5 inspections of two schools and a training institution
    // in the 30 days, 2 unannounced; 6 findings that count: 4 open, 2 overdue (4 + 1 days), 4 due,
    // 1 rectified on time
    DatasetAssert.assertRows(
        w.read(Tables.GOLD_INSPECTION_SUMMARY.id())
            .filter(
                "as_of = DATE'2021-10-05' AND org_level = 'city' AND scope = 'all'"
                    + " AND category IS NULL"),
        new String[] {
          "schools_inspected_30d",
          "inspections_30d",
          "unannounced_30d",
          "findings_new_7d",
          "findings_open",
          "findings_overdue",
          "days_overdue",
          "findings_due",
          "rectified_on_time_rate"
        },
        DatasetAssert.row(2L, 5L, 2L, 2L, 4L, 2L, 5L, 4L, 0.25));
    DatasetAssert.assertRows(
        w.read(Tables.GOLD_RECTIFICATION_LEDGER.id())
            .filter("as_of = DATE'2021-10-05' AND status = 'overdue'"),
        new String[] {"finding_id", "days_overdue"},
        DatasetAssert.row("WT-003", 4),
        DatasetAssert.row("WT-004", 1));
    try (PDDocument doc =
        Loader.loadPDF(out.resolve("briefing-2021-10-05-330100-zh.pdf").toFile())) {
      String text = new PDFTextStripper().getText(doc).replaceAll("\\s+", "");
      assertTrue(text.contains("十一、督导检查与整改近30日督导检查5次（其中暗访2次）"), text);
      assertTrue(text.contains("（消防，逾期4天，整改期限2021-10-01）"), text);
    }
    assertTrue(Files.exists(out.resolve("rectification-2021-10-05-zh.xlsx")));
  }

  @Test
  void theReturnAfterNationalDayShowsItsDeferredPersons(SparkSession spark) throws Exception {
    Warehouse w = new Warehouse(spark, wh.toString());
    // conf: 2021-national-day, S = 2021-10-08, window 09-24 .. 10-15 holds the sample's last day;
    // still_away is not evaluated before S - 1 = 10-07, and no district is a risk area
    Dataset<Row> city =
        w.read(Tables.GOLD_RETURN_DEFERRALS.id())
            .filter(
                "as_of = DATE'2021-10-05' AND org_level = 'city' AND term_id = '2021-national-day'");
    Row all =
        city.filter("reason = 'all'")
            .agg(
                org.apache.spark.sql.functions.sum("roster"),
                org.apache.spark.sql.functions.sum("deferred"),
                org.apache.spark.sql.functions.sum("expected_returning"))
            .first();
    assertEquals(
        List.of(3851L, 86L, 3765L), List.of(all.getLong(0), all.getLong(1), all.getLong(2)));
    Map<String, Long> byReason = new HashMap<>();
    for (Row r :
        city.filter("reason <> 'all'")
            .groupBy("reason")
            .agg(org.apache.spark.sql.functions.sum("persons"))
            .collectAsList()) byReason.put(r.getString(0), r.getLong(1));
    assertEquals(
        Map.of(
            "abroad_14d", 14L,
            "risk_area_14d", 21L,
            "in_monitoring_at_start", 18L,
            "symptoms_14d", 33L,
            "household_exposure", 13L,
            "risk_area_review", 8L),
        byReason,
        "several reasons from the sample's trips, line list and household members");
    // the persons behind the counts, which the follow-up list reads
    Dataset<Row> persons =
        w.read(Tables.GOLD_RETURN_DEFERRAL_PERSONS.id())
            .filter("as_of = DATE'2021-10-05' AND term_id = '2021-national-day'");
    assertEquals(
        86L,
        persons
            .filter("reason NOT IN ('risk_area_review', 'school_in_risk_area')")
            .select("person_key")
            .distinct()
            .count(),
        "the deferred persons of gold.return_deferrals");
    assertEquals(8L, persons.filter("reason = 'risk_area_review'").count());
    assertTrue(
        w.read(Tables.GOLD_RETURN_DEFERRALS.id())
            .filter("term_id = '2021-autumn' AND as_of = DATE'2021-10-05'")
            .isEmpty(),
        "the autumn term start's window ended on 09-08");
    try (PDDocument doc =
        Loader.loadPDF(out.resolve("briefing-2021-10-05-330100-zh.pdf").toFile())) {
      String text = new PDFTextStripper().getText(doc).replaceAll("\\s+", "");
      assertTrue(
          text.contains(
              "十二、暂缓返校2021-national-day（10月8日开学）：应返校3,851人，暂缓返校86人（学生77人、教职工7人、外包人员2人），预计返校3,765人。"),
          text);
    }
    String followUp = followUpText(out);
    assertTrue(followUp.contains("七、暂缓返校人员"), followUp);
  }

  @Test
  void thePlantedSafetyIncidentsGiveTheSummaryAndTheSeedsSentence(SparkSession spark)
      throws Exception {
    Warehouse w = new Warehouse(spark, wh.toString());
    // _generator/planted_incidents.csv: a fatal drowning (07-18), a road accident corrected to 3
    // injured, a food-safety incident reported late, last year's drowning, a bad row
    DatasetAssert.assertRows(
        w.read(Tables.GOLD_SAFETY_INCIDENTS_SUMMARY.id())
            .filter("as_of = DATE'2021-10-05' AND org_level = 'city' AND incident_type = 'all'"),
        new String[] {
          "period",
          "events",
          "death_events",
          "deaths",
          "injured",
          "students_involved",
          "report_delay_gt_24h"
        },
        DatasetAssert.row("ytd", 3L, 1L, 1L, 3L, 12L, 1L),
        DatasetAssert.row("last_30d", 2L, 0L, 0L, 3L, 11L, 1L),
        DatasetAssert.row("same_period_last_year", 1L, 1L, 2L, 0L, 2L, 0L));
    try (PDDocument doc =
        Loader.loadPDF(out.resolve("briefing-2021-10-05-330100-zh.pdf").toFile())) {
      String text = new PDFTextStripper().getText(doc).replaceAll("\\s+", "");
      assertTrue(
          text.contains(
              "十、安全事件今年以来发生学生意外死亡事件1起，死亡1人（其中，溺亡事件1起、死亡1人，道路交通事故1起、涉及学生2人，食品安全1起、涉及学生9人）。"),
          text);
    }
  }

  @Test
  void briefingHasTheChineseTitleTheDateTheFiguresAndTheEmbeddedFont() throws Exception {
    Path pdf = out.resolve("briefing-2021-10-05-330100-zh.pdf");
    assertTrue(Files.exists(pdf), "briefing written: " + pdf);
    try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
      String text = new PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
      assertTrue(text.contains("杭州市中小学校疫情防控工作简报"), text);
      assertTrue(text.contains("2021-10-05"));
      assertTrue(text.contains("报告率") && text.contains("%"));
      assertTrue(doc.getNumberOfPages() >= 2 && doc.getNumberOfPages() <= 4, "2-4 pages");
      boolean embeddedCjk = false;
      for (PDPage page : doc.getPages()) {
        for (var name : page.getResources().getFontNames()) {
          PDFont f = page.getResources().getFont(name);
          embeddedCjk |= f.getName().contains("NotoSansHans") && f.isEmbedded();
        }
      }
      assertTrue(embeddedCjk, "the CJK font is embedded");
    }
  }

  @Test
  void followUpListShowsMaskedNamesAndNeverAnIdNumber() throws Exception {
    // one list per district of the sample (its three districts), each a PDF and a workbook
    for (String district : List.of("330102", "330105", "330106")) {
      String name = "followup-2021-10-05-" + district + "-zh";
      assertTrue(
          Files.exists(out.resolve(name + ".pdf")) && Files.exists(out.resolve(name + ".xlsx")),
          name);
    }
    String text = followUpText(out);
    assertTrue(text.contains("疫情防控跟进名单") && text.contains("未追查病因"), text);
    assertTrue(text.contains("西湖区疫情防控跟进名单"), "each list names its district: " + text);
    assertTrue(
        java.util.regex.Pattern.compile("\\p{IsHan}\\*").matcher(text).find(),
        "masked names like 张*三");
    assertFalse(
        java.util.regex.Pattern.compile("\\d{17}[\\dX]").matcher(text).find(), "no ID numbers");
  }

  /** The text of every district's follow-up list of 2021-10-05, in district order. */
  private static String followUpText(Path out) throws java.io.IOException {
    StringBuilder text = new StringBuilder();
    try (java.util.stream.Stream<Path> files = Files.list(out)) {
      for (Path f :
          files
              .filter(
                  f -> f.getFileName().toString().matches("followup-2021-10-05-\\d{6}-zh\\.pdf"))
              .sorted()
              .toList()) {
        try (PDDocument doc = Loader.loadPDF(f.toFile())) {
          text.append(new PDFTextStripper().getText(doc));
        }
      }
    }
    return text.toString();
  }

  @Test
  void everyTableTheRunWroteHasItsStepCostsInJobSteps(SparkSession spark) {
    Warehouse w = new Warehouse(spark, wh.toString());
    // the first run of this warehouse (a later test reruns it): the one whose ingest loaded files
    Row ingest =
        w.read(JobRuns.ID)
            .filter("stage = 'ingest' AND status = 'succeeded' AND row_counts['files'] > 0")
            .orderBy("started_at")
            .first();
    String runId = ingest.getAs("run_id");
    List<Row> stages = w.read(JobRuns.ID).filter("run_id = '" + runId + "'").collectAsList();
    Dataset<Row> steps = w.read(Tables.OPS_JOB_STEPS.id()).filter("run_id = '" + runId + "'");
    for (String stage : List.of("ingest", "transform", "metrics", "brief"))
      assertTrue(
          steps.filter("stage = '" + stage + "' AND duration_ms IS NOT NULL").count() > 0,
          stage + " recorded no step");
    for (Row r : stages) {
      String stage = r.getAs("stage");
      for (String table : JobRuns.<Long>javaMap(r, "tables_written").keySet()) {
        if (!table.matches("(bronze|silver|gold)\\..*")) continue;
        List<Row> step =
            steps.filter("stage = '" + stage + "' AND step = '" + table + "'").collectAsList();
        assertEquals(1, step.size(), stage + " wrote " + table + " with no step of its own");
        assertTrue(step.get(0).<Long>getAs("spark_jobs") > 0, step.get(0).toString());
      }
    }
  }

  @Test
  void sqlInANewProcessPrintsCsvAndARerunChangesNothing(SparkSession spark) throws Exception {
    Path csv = work.resolve("sql.csv");
    Process p =
        ChildJvm.builder(
                "io.epiwatch.cli.Main",
                Map.of(),
                "sql",
                "--warehouse",
                wh.toString(),
                "--format",
                "csv",
                "SELECT org_code, reporting_rate FROM gold.reporting_compliance WHERE org_level = 'city' AND report_date = DATE'2021-10-05'")
            .redirectOutput(csv.toFile())
            .redirectError(work.resolve("sql.err").toFile())
            .start();
    assertEquals(0, p.waitFor());
    List<String> lines = Files.readAllLines(csv, StandardCharsets.UTF_8);
    assertEquals("org_code,reporting_rate", lines.get(0));
    assertEquals(2, lines.size(), "header + one city row, nothing else on stdout");

    Warehouse w = new Warehouse(spark, wh.toString());
    Map<String, Long> before = new HashMap<>();
    for (TableId t : w.list(List.of("bronze", "silver", "gold")))
      before.put(t.toString(), w.version(t));
    int rc =
        ChildJvm.runCli(
            work.resolve("run2.log"),
            Map.of(),
            900,
            "run-daily",
            "--conf",
            SampleRun.conf(),
            "--inbox",
            "data-sample/inbox",
            "--warehouse",
            wh.toString(),
            "--out",
            out.toString(),
            "--date",
            "2021-10-05");
    assertEquals(0, rc, "second run; log " + work.resolve("run2.log"));
    for (TableId t : w.list(List.of("bronze", "silver", "gold"))) {
      assertEquals(
          before.get(t.toString()),
          w.version(t),
          t + " got a new version on a rerun with nothing new");
    }
    assertFalse(before.isEmpty());
  }
}
