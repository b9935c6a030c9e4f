package io.epiwatch.ops;

import io.epiwatch.catalog.TableId;
import io.epiwatch.catalog.TableWriter;
import io.epiwatch.catalog.Tables;
import io.epiwatch.catalog.Warehouse;
import io.epiwatch.spark.StepMeter;
import java.net.InetAddress;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;
import scala.jdk.javaapi.CollectionConverters;

/**
 * ops.job_runs (docs/rules.md §5): one row per job stage run with its status, timing, row counts
 * and the Delta versions it read and wrote; ops.job_steps: what each step of the stage cost. A
 * briefing's row is what --reproduce reads back.
 */
public final class JobRuns {
  public static final TableId ID = Tables.OPS_JOB_RUNS.id();
  public static final StructType SCHEMA = Tables.OPS_JOB_RUNS.schema();

  public record Run(
      String runId,
      String job,
      String stage,
      LocalDate runDate,
      String status,
      Instant started,
      Instant finished,
      Map<String, Long> rowCounts,
      Map<String, Long> tablesRead,
      Map<String, Long> tablesWritten,
      List<String> outputs,
      Map<String, String> options,
      String error) {}

  private JobRuns() {}

  public static void append(Warehouse wh, Run r) {
    Row row =
        RowFactory.create(
            r.runId(),
            r.job(),
            r.stage(),
            Date.valueOf(r.runDate()),
            r.status(),
            Timestamp.from(r.started()),
            Timestamp.from(r.finished()),
            r.finished().toEpochMilli() - r.started().toEpochMilli(),
            scalaMap(r.rowCounts()),
            scalaMap(r.tablesRead()),
            scalaMap(r.tablesWritten()),
            r.outputs() == null ? null : CollectionConverters.asScala(r.outputs()).toSeq(),
            scalaMap(r.options()),
            r.error(),
            System.getProperty("user.name"),
            host());
    new TableWriter(wh)
        .append(Tables.OPS_JOB_RUNS, wh.spark().createDataFrame(List.of(row), SCHEMA));
  }

  /**
   * The stage's steps with their costs (StepMeter) in ops.job_steps, one commit; nothing when the
   * stage ran no step and no Spark job.
   */
  public static void appendSteps(
      Warehouse wh, String runId, String stage, List<StepMeter.Step> steps) {
    if (steps.isEmpty()) return;
    List<Row> rows = new java.util.ArrayList<>();
    int seq = 0;
    for (StepMeter.Step st : steps) {
      rows.add(
          RowFactory.create(
              runId,
              stage,
              st.name(),
              ++seq,
              st.started() == null ? null : Timestamp.from(st.started()),
              st.durationMs(),
              st.sparkJobs(),
              st.tasks(),
              st.inputBytes(),
              st.inputRecords(),
              st.shuffleReadBytes(),
              st.shuffleWriteBytes(),
              st.executorRunMs()));
    }
    new TableWriter(wh)
        .append(
            Tables.OPS_JOB_STEPS, wh.spark().createDataFrame(rows, Tables.OPS_JOB_STEPS.schema()));
  }

  /** The tables_read and options of a run's brief stage, for --reproduce. */
  public static Optional<Row> find(Warehouse wh, String runId, String stage) {
    if (!wh.exists(ID)) return Optional.empty();
    List<Row> rows =
        wh.read(ID)
            .filter("run_id = '" + runId.replace("'", "") + "' AND stage = '" + stage + "'")
            .collectAsList();
    return rows.isEmpty() ? Optional.empty() : Optional.of(rows.get(0));
  }

  public static <V> Map<String, V> javaMap(Row r, String field) {
    scala.collection.Map<String, V> m = r.getMap(r.fieldIndex(field));
    return m == null ? new HashMap<>() : new HashMap<>(CollectionConverters.asJava(m));
  }

  private static <V> scala.collection.Map<String, V> scalaMap(Map<String, V> m) {
    return m == null ? null : CollectionConverters.asScala(m);
  }

  private static String host() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (Exception e) {
      return "unknown";
    }
  }
}
