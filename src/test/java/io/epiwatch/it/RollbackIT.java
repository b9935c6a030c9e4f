package io.epiwatch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.delta.tables.DeltaTable;
import io.epiwatch.catalog.TableId;
import io.epiwatch.catalog.Warehouse;
import io.epiwatch.ops.JobRuns;
import io.epiwatch.testing.ChildJvm;
import io.epiwatch.testing.DatasetAssert;
import io.epiwatch.testing.SparkTest;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.SparkConf;
import org.apache.spark.io.CompressionCodec;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Test;

/**
 * The operator's page (docs/operations.md, "First day in production"), as an operator would do it:
 * a bad write to a gold table is rolled back with jobs/restore, the day is run again, and the table
 * then equals the clean run's. The rerun leaves a Spark event log (EPIWATCH_EVENT_LOG_DIR) that
 * Spark's own codec reads back, starting with SparkListenerLogStart.
 */
@SparkTest
class RollbackIT {
  @Test
  void aBadDayRolledBackWithRestoreThenRunAgainGivesTheCleanTablesAndLeavesAnEventLog(
      SparkSession spark) throws Exception {
    Path work = SampleRun.copyWarehouse("rollback");
    Path wh = work.resolve("warehouse");
    Warehouse w = new Warehouse(spark, wh.toString());
    TableId attendance = TableId.gold("attendance");
    long clean = w.version(attendance);

    // The bad day: numbers no job computed land in the city rows.
    DeltaTable.forPath(spark, w.path(attendance))
        .update(
            functions.expr("org_level = 'city'"),
            Map.of("students_absent_illness", functions.lit(999L)));
    assertEquals(clean + 1, w.version(attendance));

    Path restoreLog = work.resolve("restore.log");
    assertEquals(
        0,
        ChildJvm.runCli(
            restoreLog,
            Map.of(),
            600,
            "restore",
            "--conf",
            SampleRun.conf(),
            "--warehouse",
            wh.toString(),
            "--table",
            "gold.attendance",
            "--version",
            Long.toString(clean)),
        "log " + restoreLog);

    Path events = work.resolve("events");
    Path runLog = work.resolve("rerun.log");
    assertEquals(
        0,
        ChildJvm.runCli(
            runLog,
            Map.of("EPIWATCH_EVENT_LOG_DIR", events.toString()),
            900,
            "run-daily",
            "--conf",
            SampleRun.conf(),
            "--inbox",
            "data-sample/inbox",
            "--warehouse",
            wh.toString(),
            "--out",
            work.resolve("out").toString(),
            "--date",
            SampleRun.DATE),
        "log " + runLog);

    DatasetAssert.assertSameRows(w.readVersion(attendance, clean), w.read(attendance));
    assertTrue(
        w.read(attendance).filter("students_absent_illness = 999").isEmpty(),
        "no number a job did not compute");
    Row restore = w.read(JobRuns.ID).filter("job = 'restore' AND status = 'succeeded'").first();
    assertEquals(
        clean + 2, (long) JobRuns.<Long>javaMap(restore, "tables_written").get("gold.attendance"));

    List<String> firstLines = eventLogLines(events);
    assertFalse(firstLines.isEmpty(), "an event log under " + events);
    assertTrue(
        firstLines.get(0).contains("\"Event\":\"SparkListenerLogStart\""), firstLines.get(0));
    assertTrue(
        firstLines.stream()
            .anyMatch(l -> l.contains("\"Event\":\"SparkListenerApplicationStart\"")),
        "the application start is logged");
  }

  /**
   * The lines of the run's first event-log file, decompressed with Spark's own codec when
   * compressed.
   */
  private static List<String> eventLogLines(Path events) throws Exception {
    Path file;
    try (Stream<Path> s = Files.walk(events)) {
      // Not the status marker, nor a checksum side file (.name.crc) of the local file system.
      file =
          s.filter(Files::isRegularFile)
              .filter(p -> !p.getFileName().toString().startsWith("appstatus"))
              .filter(p -> !p.getFileName().toString().startsWith("."))
              .sorted()
              .findFirst()
              .orElse(null);
    }
    if (file == null) return List.of();
    String name = file.getFileName().toString().replace(".inprogress", "");
    int dot = name.lastIndexOf('.');
    String codec = dot < 0 ? null : name.substring(dot + 1);
    try (InputStream raw = Files.newInputStream(file);
        InputStream in =
            codec == null || codec.matches("\\d+")
                ? raw
                : CompressionCodec.createCodec(new SparkConf(), codec).compressedInputStream(raw);
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      return r.lines().limit(50).toList();
    }
  }
}
