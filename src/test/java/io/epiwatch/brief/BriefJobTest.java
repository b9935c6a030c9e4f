package io.epiwatch.brief;

import static io.epiwatch.testing.Frames.cols;
import static io.epiwatch.testing.Frames.d;
import static io.epiwatch.testing.Frames.ts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.epiwatch.catalog.TableSpec;
import io.epiwatch.catalog.Tables;
import io.epiwatch.config.AppConfig;
import io.epiwatch.spark.JobContext;
import io.epiwatch.testing.Frames;
import io.epiwatch.testing.SparkExtension;
import io.epiwatch.testing.SparkTest;
import java.io.File;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Map;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/** The briefing from a hand-made gold fixture: figures, names, English, reproduction. */
@SparkTest
class BriefJobTest {

  static void write(JobContext ctx, TableSpec spec, Dataset<Row> rows) {
    rows.write()
        .format("delta")
        .mode("overwrite")
        .option("overwriteSchema", "true")
        .save(ctx.warehouse().path(spec.id()));
  }

  static Dataset<Row> compliance(SparkSession spark, String lateStatus, double rate) {
    return Frames.of(
        spark,
        Tables.GOLD_REPORTING_COMPLIANCE.schema(),
        cols(
            "report_date",
            "org_level",
            "org_code",
            "org_name",
            "parent_code",
            "status",
            "first_submitted_at",
            "expected",
            "reported",
            "on_time",
            "late",
            "missing",
            "zero_reports",
            "reporting_rate",
            "timeliness_rate"),
        new Object[] {
          d("2021-10-05"),
          "city",
          "330100",
          "杭州市",
          null,
          null,
          null,
          2L,
          2L,
          1L,
          1L,
          0L,
          0L,
          rate,
          0.5
        },
        new Object[] {
          d("2021-10-05"),
          "district",
          "330102",
          "上城区",
          "330100",
          null,
          null,
          2L,
          2L,
          1L,
          1L,
          0L,
          0L,
          rate,
          0.5
        },
        new Object[] {
          d("2021-10-05"),
          "school",
          "3301020001",
          "西子湖小学",
          "330102",
          lateStatus,
          ts("2021-10-05 11:20"),
          1L,
          1L,
          0L,
          1L,
          0L,
          0L,
          1.0,
          0.0
        },
        new Object[] {
          d("2021-10-05"),
          "school",
          "3301020002",
          "钱塘中学",
          "330102",
          "on_time",
          ts("2021-10-05 08:20"),
          1L,
          1L,
          1L,
          0L,
          0L,
          0L,
          1.0,
          1.0
        });
  }

  JobContext fixture(SparkSession spark) {
    Path wh = SparkExtension.newFolder("brief-wh");
    AppConfig config =
        AppConfig.fromString("")
            .withPaths(wh.toString(), null, SparkExtension.newFolder("brief-out").toString());
    JobContext ctx =
        JobContext.of(
            config,
            spark,
            LocalDate.of(2021, 10, 5),
            Clock.fixed(Instant.parse("2021-10-05T02:00:00Z"), ZoneId.of("Asia/Shanghai")));
    write(ctx, Tables.GOLD_REPORTING_COMPLIANCE, compliance(spark, "late", 0.973));
    write(
        ctx,
        Tables.GOLD_ATTENDANCE,
        Frames.of(
            spark,
            Tables.GOLD_ATTENDANCE.schema(),
            cols(
                "report_date",
                "org_level",
                "org_code",
                "org_name",
                "students_expected",
                "students_absent_illness",
                "illness_absence_rate"),
            new Object[] {d("2021-10-04"), "city", "330100", "杭州市", 1000L, 5L, 0.005},
            new Object[] {d("2021-10-05"), "city", "330100", "杭州市", 1000L, 8L, 0.008}));
    // every other gold table the briefing reads exists, empty
    for (TableSpec t : Tables.GOLD) {
      if (t == Tables.GOLD_REPORTING_COMPLIANCE || t == Tables.GOLD_ATTENDANCE) continue;
      write(ctx, t, spark.createDataFrame(java.util.List.of(), t.schema()));
    }
    return ctx;
  }

  static String text(String pdf) throws Exception {
    try (PDDocument doc = Loader.loadPDF(new File(pdf))) {
      return new PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
    }
  }

  @Test
  void
      chineseBriefingNamesLateSchoolsAndEnglishHasNoChineseTemplateTextAndReproduceGivesTheOldFigures(
          SparkSession spark) throws Exception {
    JobContext ctx = fixture(spark);
    BriefJob.BriefResult zh = BriefJob.run(ctx, "city", "zh", ctx.config().out());
    String t = text(zh.outputs().get(0));
    assertTrue(t.contains("杭州市中小学校疫情防控工作简报"), t);
    assertTrue(
        t.contains("97.3%") && t.contains("西子湖小学") && t.contains("迟报") && t.contains("0.8%"), t);
    assertFalse(t.contains("钱塘中学"), "on-time schools are not named");

    BriefJob.BriefResult en = BriefJob.run(ctx, "city", "en", ctx.config().out());
    String e = text(en.outputs().get(0));
    assertTrue(e.contains("school epidemic-prevention briefing") && e.contains("late"), e);
    String withoutData = e.replace("杭州市", "").replace("西子湖小学", "").replace("上城区", "");
    assertFalse(
        withoutData
            .codePoints()
            .anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN),
        "English briefing holds Chinese template text: " + withoutData);

    // A correction changes the figures; the old run is reproduced from the versions it read.
    write(ctx, Tables.GOLD_REPORTING_COMPLIANCE, compliance(spark, "on_time", 0.991));
    String fresh = text(BriefJob.run(ctx, "city", "zh", ctx.config().out()).outputs().get(0));
    assertTrue(fresh.contains("99.1%") && !fresh.contains("西子湖小学"), fresh);
    BriefJob.BriefResult again = BriefJob.reproduce(ctx, zh.runId(), ctx.config().out());
    String old = text(again.outputs().get(0));
    assertTrue(old.contains("97.3%") && old.contains("西子湖小学"), old);
    assertEquals(zh.versions(), again.versions());
  }

  @Test
  void theQualityLineCountsRejectedFilesFlagsAndTheLastTravelFileFromOneReadEach(
      SparkSession spark) {
    JobContext ctx = fixture(spark);
    String travel = io.epiwatch.contract.Sources.TRAVEL_RECORDS.name();
    write(
        ctx,
        Tables.OPS_INGEST_MANIFEST,
        Frames.of(
            spark,
            Tables.OPS_INGEST_MANIFEST.schema(),
            cols("source", "file", "status", "run_date"),
            new Object[] {"DAILY_REPORTS", "a.csv", "rejected", d("2021-10-05")},
            new Object[] {travel, "t1.csv", "loaded", d("2021-10-03")},
            new Object[] {travel, "t2.csv", "loaded", d("2021-10-04")},
            new Object[] {travel, "t3.csv", "rejected", d("2021-10-05")},
            new Object[] {"ROSTER", "r.csv", "rejected", d("2021-10-05")}));
    write(
        ctx,
        Tables.OPS_DATA_QUALITY,
        Frames.of(
            spark,
            Tables.OPS_DATA_QUALITY.schema(),
            cols("flag", "source", "record_key", "business_date"),
            new Object[] {"ZERO_REPORT_CONTRADICTION", "DAILY_REPORTS", "s1", d("2021-10-05")},
            new Object[] {"ZERO_REPORT_CONTRADICTION", "DAILY_REPORTS", "s2", d("2021-10-04")},
            new Object[] {"LINE_LIST_COUNT_MISMATCH", "DAILY_REPORTS", "s3", d("2021-10-05")},
            new Object[] {"LINE_LIST_COUNT_MISMATCH", "DAILY_REPORTS", "s4", d("2021-10-02")}));
    Briefing b =
        BriefingData.read(
            ctx.warehouse(),
            ctx.config().policy(),
            LocalDate.of(2021, 10, 5),
            BriefingData.currentVersions(ctx.warehouse()));
    // three files rejected; no quarantine table: 0; D's contradiction only; every other flag;
    // per source, the last run that loaded a file of it (a rejected one later does not count)
    assertEquals(
        new Briefing.Quality(3, 0, 1, 2, Map.of(travel, LocalDate.of(2021, 10, 4))), b.quality());
    assertFalse(b.quality().received(travel, LocalDate.of(2021, 10, 5)));
    assertTrue(b.quality().received(travel, LocalDate.of(2021, 10, 4)));
    assertFalse(
        b.quality().received("absence_cases", LocalDate.of(2021, 9, 1)), "none ever loaded");
  }
}
