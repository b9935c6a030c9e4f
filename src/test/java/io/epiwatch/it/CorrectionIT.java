package io.epiwatch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.epiwatch.catalog.TableId;
import io.epiwatch.catalog.Warehouse;
import io.epiwatch.testing.ChildJvm;
import io.epiwatch.testing.SparkTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/** A correction for D-5 flows through to exactly the gold partitions it should touch. */
@SparkTest
class CorrectionIT {
  @Test
  void aLateCorrectionRewritesOnlyItsDateAndTheRunDate(SparkSession spark) throws Exception {
    Path work = SampleRun.copyWarehouse("correction");
    Path wh = work.resolve("warehouse");
    Path inbox = SampleRun.copyInbox(work, "inbox").resolve("daily_reports");
    Files.writeString(
        inbox.resolve("correction-2021-09-30.csv"),
        "report_date,school_code,submitted_at,students_expected,students_present,students_absent_illness,students_absent_other,zero_report\n"
            + "2021-09-30,3330102000,2021-10-04 12:00,120,100,15,0,N\n",
        StandardCharsets.UTF_8);
    Warehouse w = new Warehouse(spark, wh.toString());
    TableId attendance = TableId.gold("attendance");
    long before = w.version(attendance);

    int rc =
        ChildJvm.runCli(
            work.resolve("run.log"),
            Map.of(),
            900,
            "run-daily",
            "--conf",
            SampleRun.conf(),
            "--inbox",
            work.resolve("inbox").toString(),
            "--warehouse",
            wh.toString(),
            "--out",
            work.resolve("out").toString(),
            "--date",
            SampleRun.DATE);
    assertEquals(0, rc, "log " + work.resolve("run.log"));

    assertEquals(before + 1, w.version(attendance), "one commit");
    Row school =
        w.read(attendance)
            .filter("report_date = DATE'2021-09-30' AND org_code = '3330102000'")
            .first();
    assertEquals(15L, (long) school.getAs("students_absent_illness"));
    Row last = spark.sql("DESCRIBE HISTORY delta.`" + w.path(attendance) + "` LIMIT 1").first();
    String predicate =
        String.valueOf(last.getMap(last.fieldIndex("operationParameters")).get("predicate").get());
    assertTrue(predicate.contains("2021-09-30") && predicate.contains("2021-10-05"), predicate);
    assertFalse(predicate.contains("2021-09-29"), predicate);
    Dataset<Row> untouchedNow =
        w.read(attendance).filter("report_date NOT IN (DATE'2021-09-30', DATE'2021-10-05')");
    Dataset<Row> untouchedBefore =
        w.readVersion(attendance, before)
            .filter("report_date NOT IN (DATE'2021-09-30', DATE'2021-10-05')");
    assertTrue(
        untouchedNow.exceptAll(untouchedBefore).isEmpty()
            && untouchedBefore.exceptAll(untouchedNow).isEmpty(),
        "other dates unchanged");
  }
}
