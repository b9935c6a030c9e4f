package io.epiwatch.ops;

import io.epiwatch.catalog.TableId;
import io.epiwatch.catalog.Tables;
import io.epiwatch.catalog.Warehouse;
import io.epiwatch.spark.JobContext;
import io.epiwatch.spark.StepMeter;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.spark.sql.delta.DeltaLog;
import org.apache.spark.sql.delta.actions.Action;
import org.apache.spark.sql.delta.actions.CommitInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one stage of a job and records it in ops.job_runs: status, timing, row counts, the Delta
 * version of every table of its input layers at the start (tables_read) and the new version of
 * every table it committed to (tables_written), or the error. Progress goes to the log at INFO as
 * "stage n/m name".
 */
public final class Stages {
  private static final Logger LOG = LoggerFactory.getLogger(Stages.class);
  private static final List<String> ALL_LAYERS =
      List.of("bronze", "silver", "gold", "ops", Warehouse.RESTRICTED);

  /** A stage: its position, name and the layers it reads. */
  public record Stage(String job, String runId, int n, int of, String name, List<String> reads) {}

  private Stages() {}

  /**
   * A one-stage job (jobs/ingest, transform, metrics) under the warehouse lock, recorded like a
   * run-daily stage.
   */
  public static <T> T single(
      JobContext ctx,
      String job,
      List<String> reads,
      Supplier<T> work,
      Function<T, Map<String, Long>> counts) {
    String runId = job + "-" + ctx.runDate() + "-" + UUID.randomUUID().toString().substring(0, 8);
    try (WarehouseLock lock =
        WarehouseLock.acquire(
            ctx.config().warehouse(),
            ctx.spark().sparkContext().hadoopConfiguration(),
            job + " " + runId,
            ctx.clock())) {
      return run(ctx, new Stage(job, runId, 1, 1, job, reads), work, counts);
    }
  }

  public static <T> T run(
      JobContext ctx, Stage s, Supplier<T> work, Function<T, Map<String, Long>> counts) {
    Warehouse wh = ctx.warehouse();
    LOG.info("stage {}/{} {}: started", s.n(), s.of(), s.name());
    Instant started = Instant.now();
    StepMeter.drain(ctx.spark()); // steps of an earlier stage that did not record them
    Map<String, Long> before =
        StepMeter.step(ctx.spark(), "table versions before", () -> versions(wh, ALL_LAYERS));
    Map<String, Long> read = new HashMap<>(before);
    read.keySet().removeIf(table -> !s.reads().contains(table.substring(0, table.indexOf('.'))));
    try {
      T result = work.get();
      Map<String, Long> rowCounts = new HashMap<>(counts.apply(result));
      Map<String, Long> after =
          StepMeter.step(
              ctx.spark(),
              "table versions and commits after",
              () -> {
                Map<String, Long> v = versions(wh, ALL_LAYERS);
                rowCounts.putAll(rowsWritten(wh, before, v));
                return v;
              });
      LOG.info(
          "stage {}/{} {}: done in {} s{}",
          s.n(),
          s.of(),
          s.name(),
          Duration.between(started, Instant.now()).toSeconds(),
          rowCounts.isEmpty() ? "" : " " + rowCounts);
      JobRuns.append(
          wh,
          finished(ctx, s, "succeeded", started, rowCounts, read, written(before, after), null));
      JobRuns.appendSteps(wh, s.runId(), s.name(), StepMeter.drain(ctx.spark()));
      return result;
    } catch (RuntimeException e) {
      LOG.error("stage {}/{} {} failed: {}", s.n(), s.of(), s.name(), e.getMessage());
      try {
        Map<String, Long> written = written(before, versions(wh, ALL_LAYERS));
        JobRuns.append(
            wh,
            finished(
                ctx, s, "failed", started, null, read, written, String.valueOf(e.getMessage())));
        JobRuns.appendSteps(wh, s.runId(), s.name(), StepMeter.drain(ctx.spark()));
      } catch (RuntimeException ignored) {
        LOG.warn("could not record the failure in ops.job_runs: {}", ignored.getMessage());
      }
      throw e;
    }
  }

  /** The ops.job_runs row of a stage that has just ended. */
  private static JobRuns.Run finished(
      JobContext ctx,
      Stage s,
      String status,
      Instant started,
      Map<String, Long> rowCounts,
      Map<String, Long> read,
      Map<String, Long> written,
      String error) {
    return new JobRuns.Run(
        s.runId(),
        s.job(),
        s.name(),
        ctx.runDate(),
        status,
        started,
        Instant.now(),
        rowCounts,
        read,
        written,
        List.of(),
        Map.of(),
        error);
  }

  /**
   * table -> latest Delta version, for every table of the layers (ops.job_runs and ops.job_steps,
   * written after the stage, left out).
   */
  static Map<String, Long> versions(Warehouse wh, List<String> layers) {
    Map<String, Long> v = new HashMap<>();
    for (TableId t : wh.list(layers)) {
      if (!t.equals(JobRuns.ID) && !t.equals(Tables.OPS_JOB_STEPS.id()))
        v.put(t.toString(), wh.version(t));
    }
    return v;
  }

  /**
   * "rows_written:layer.table" for every table that moved: rows inserted, updated or deleted by a
   * MERGE, rows written by other writes, summed over the stage's commits (from the commit metrics
   * in the transaction log), and "delta_commits:layer.table", the number of commits the stage made
   * to it (one per table per run is the aim: docs/benchmarks.md).
   */
  static Map<String, Long> rowsWritten(
      Warehouse wh, Map<String, Long> before, Map<String, Long> after) {
    Map<String, Long> rows = new HashMap<>();
    written(before, after)
        .forEach(
            (table, version) -> {
              String path = wh.path(TableId.parse(table));
              long from = before.getOrDefault(table, -1L) + 1;
              long n = 0;
              long commits = 0;
              scala.collection.Iterator<
                      scala.Tuple2<Object, scala.collection.immutable.Seq<Action>>>
                  changes =
                      DeltaLog.forTable(wh.spark(), path)
                          .getChanges(from, scala.Option.empty(), false);
              while (changes.hasNext()) {
                commits++;
                scala.collection.Iterator<Action> actions = changes.next()._2().iterator();
                while (actions.hasNext()) {
                  if (actions.next() instanceof CommitInfo ci && ci.operationMetrics().isDefined())
                    n += rowsOf(ci.operation(), ci.operationMetrics().get());
                }
              }
              rows.put("rows_written:" + table, n);
              rows.put("delta_commits:" + table, commits);
            });
    return rows;
  }

  private static long rowsOf(String operation, scala.collection.immutable.Map<String, String> m) {
    if (operation.equals("MERGE"))
      return metric(m, "numTargetRowsInserted")
          + metric(m, "numTargetRowsUpdated")
          + metric(m, "numTargetRowsDeleted");
    if (operation.equals("DELETE")) return metric(m, "numDeletedRows");
    return metric(m, "numOutputRows");
  }

  private static long metric(scala.collection.immutable.Map<String, String> m, String key) {
    return m.get(key).map(Long::parseLong).getOrElse(() -> 0L);
  }

  /** The tables whose version moved, with their new version. */
  static Map<String, Long> written(Map<String, Long> before, Map<String, Long> after) {
    Map<String, Long> w = new HashMap<>();
    after.forEach(
        (t, v) -> {
          if (!v.equals(before.getOrDefault(t, -1L))) w.put(t, v);
        });
    return w;
  }
}
