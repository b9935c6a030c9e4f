package io.epiwatch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.epiwatch.catalog.TableId;
import io.epiwatch.catalog.Warehouse;
import io.epiwatch.ops.JobRuns;
import io.epiwatch.testing.ChildJvm;
import io.epiwatch.testing.SparkExtension;
import io.epiwatch.testing.SparkTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.MapType;
import org.junit.jupiter.api.Test;

/**
 * Crash safety: run-daily over the sample is killed with SIGKILL in the middle of each of its four
 * stages in turn (each rerun recovering the stale lock and resuming), then run to the end; every
 * bronze, silver and gold table must then hold exactly what the clean run (SampleRun) holds. Then a
 * past day is run again after the later day: nothing may change but that day's own as-of snapshots.
 */
@SparkTest
class CrashIT {
  /**
   * A log line, and how long after it to kill: in ingest after schools and roster are committed,
   * while the daily reports load; in transform, after some silver tables are written; in metrics,
   * after two of the gold tables are written; in brief, while the PDF renders.
   */
  private static final List<String[]> KILL_POINTS =
      List.of(
          new String[] {"IngestJob - daily_reports: ", "2"},
          new String[] {"silver.daily_reports written", "1"},
          new String[] {"gold.attendance written", "1"},
          new String[] {"stage 4/4 brief: started", "2"});

  /** Columns that record when and by which batch a row was loaded, not what it says. */
  private static final List<String> RUN_COLUMNS =
      List.of("ingest_batch_id", "ingested_at", "quarantined_at", "detected_at", "updated_at");

  @Test
  void killedInEveryStageThenRerunGivesTheTablesOfACleanRun(SparkSession spark) throws Exception {
    Path clean = SampleRun.warehouse();
    Path work = SparkExtension.newFolder("crash");
    Path wh = work.resolve("warehouse");
    List<String> args =
        List.of(
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
            SampleRun.DATE);

    int attempt = 0;
    for (String[] point : KILL_POINTS) {
      Path log = work.resolve("killed-" + (++attempt) + ".log");
      Process p =
          ChildJvm.builder("io.epiwatch.cli.Main", Map.of(), args.toArray(String[]::new))
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      waitForLine(p, log, point[0], 600);
      Thread.sleep(Long.parseLong(point[1]) * 1000);
      assertTrue(
          p.isAlive(),
          "the run finished before it could be killed at '" + point[0] + "'; log " + log);
      p.destroyForcibly(); // SIGKILL: no shutdown hooks, no cleanup
      p.waitFor(60, TimeUnit.SECONDS);
      assertTrue(Files.exists(wh.resolve("_lock")), "a killed run leaves its lock behind");
    }
    Path last = work.resolve("final.log");
    assertEquals(
        0, ChildJvm.runCli(last, Map.of(), 900, args.toArray(String[]::new)), "log " + last);
    assertTrue(
        Files.readString(last, StandardCharsets.UTF_8).contains("Recovering stale warehouse lock"));

    Warehouse ours = new Warehouse(spark, wh.toString());
    Warehouse reference = new Warehouse(spark, clean.toString());
    List<TableId> tables = reference.list(List.of("bronze", "silver", "gold"));
    tables.add(TableId.ops("quarantine"));
    tables.add(TableId.ops("data_quality"));
    for (TableId t : tables) assertSameContent(reference.read(t), ours.read(t), t.toString());
    assertEquals(
        reference.read(TableId.ops("ingest_manifest")).count(),
        ours.read(TableId.ops("ingest_manifest")).count(),
        "one manifest row per file, however often the ingest was cut short");
    assertTrue(Files.exists(work.resolve("out/briefing-" + SampleRun.DATE + "-330100-zh.pdf")));

    // ops.job_runs: every stage of the completed run records the versions it read and wrote.
    List<Row> stages =
        ours.read(JobRuns.ID).filter("job = 'run-daily' AND status = 'succeeded'").collectAsList();
    List<String> names =
        stages.stream().map(r -> r.<String>getAs("stage")).distinct().sorted().toList();
    assertEquals(List.of("brief", "ingest", "metrics", "transform"), names);
    for (Row r : stages) {
      assertFalse(JobRuns.javaMap(r, "tables_read").isEmpty(), "tables_read of " + r);
      assertTrue(r.getAs("user") != null && r.getAs("host") != null, "user and host of " + r);
    }

    pastDayRerunChangesOnlyThatDaysSnapshots(spark, ours, args, work);
  }

  private void pastDayRerunChangesOnlyThatDaysSnapshots(
      SparkSession spark, Warehouse wh, List<String> args, Path work) throws Exception {
    Map<String, Long> versions = new HashMap<>();
    Map<String, Dataset<Row>> before = new HashMap<>();
    for (TableId t : wh.list(List.of("bronze", "silver", "gold"))) {
      versions.put(t.toString(), wh.version(t));
      before.put(t.toString(), wh.readVersion(t, versions.get(t.toString())));
    }
    List<String> past = new ArrayList<>(args);
    past.set(past.indexOf(SampleRun.DATE), "2021-10-03");
    Path log = work.resolve("past-day.log");
    assertEquals(0, ChildJvm.runCli(log, Map.of(), 900, past.toArray(String[]::new)), "log " + log);
    for (TableId t : wh.list(List.of("bronze", "silver", "gold"))) {
      boolean asOf = Arrays.asList(wh.read(t).columns()).contains("as_of");
      if (!t.layer().equals("gold") || !asOf) {
        assertEquals(
            versions.get(t.toString()),
            wh.version(t),
            t + " must not change when a past day is run again");
      } else {
        assertSameContent(
            before.get(t.toString()),
            wh.read(t).filter("as_of <> DATE'2021-10-03'"),
            t + " apart from as_of 2021-10-03");
        assertTrue(
            wh.read(t).filter("as_of = DATE'2021-10-03'").count() > 0,
            t + " has its 2021-10-03 snapshot");
      }
    }
  }

  private static void assertSameContent(Dataset<Row> expected, Dataset<Row> actual, String what) {
    // Set operations cannot compare maps: a map column is compared as its sorted entries.
    String[] cols =
        Arrays.stream(expected.schema().fields())
            .filter(f -> !RUN_COLUMNS.contains(f.name()))
            .map(
                f ->
                    f.dataType() instanceof MapType
                        ? "array_sort(map_entries(`" + f.name() + "`)) AS `" + f.name() + "`"
                        : "`" + f.name() + "`")
            .toArray(String[]::new);
    Dataset<Row> e = expected.selectExpr(cols);
    Dataset<Row> a = actual.selectExpr(cols);
    long missing = e.exceptAll(a).count();
    long extra = a.exceptAll(e).count();
    assertTrue(
        missing == 0 && extra == 0,
        what
            + ": "
            + missing
            + " row(s) of the clean run missing, "
            + extra
            + " unexpected; e.g. "
            + e.exceptAll(a).limit(3).collectAsList()
            + " / "
            + a.exceptAll(e).limit(3).collectAsList());
  }

  private static void waitForLine(Process p, Path log, String line, int timeoutSeconds)
      throws Exception {
    long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
    while (System.nanoTime() < deadline) {
      if (Files.exists(log) && Files.readString(log, StandardCharsets.UTF_8).contains(line)) return;
      assertTrue(p.isAlive(), "run-daily ended before '" + line + "'; log " + log);
      Thread.sleep(200);
    }
    p.destroyForcibly();
    throw new AssertionError("no '" + line + "' within " + timeoutSeconds + " s; log " + log);
  }
}
