package io.epiwatch.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.row_number;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** DataFrame idioms the stages share. */
public final class Frames {
  private static final Logger LOG = LoggerFactory.getLogger(Frames.class);

  private Frames() {}

  /**
   * Computes {@code rows} now and keeps them (localCheckpoint, eager), as a step of its own named
   * {@code step} (ops.job_steps), for the reads that follow: a query over kept rows plans against
   * them, not against the query that made them, so a lineage over all of bronze or silver is
   * neither evaluated nor analysed again. (A persisted frame is recomputed nowhere either, but
   * every query over it analyses and plans its whole lineage again.) Logs the seconds taken. The
   * kept blocks go when the frame is no longer referenced.
   */
  public static Dataset<Row> kept(String step, Dataset<Row> rows) {
    long t0 = System.nanoTime();
    Dataset<Row> k = StepMeter.step(rows.sparkSession(), step, () -> rows.localCheckpoint());
    LOG.info(
        "{}: computed and kept in {} s",
        step,
        String.format("%.2f", (System.nanoTime() - t0) / 1e9));
    return k;
  }

  /**
   * Whether a dimension row (silver.schools, silver.roster: SCD type 2) is in force on {@code day}:
   * valid_from &lt;= day &lt; valid_to, an empty valid_to meaning still in force.
   */
  public static Column inForce(Column day) {
    return inForce(col("valid_from"), col("valid_to"), day);
  }

  /** {@link #inForce(Column)} for validity columns under other names (e.g. after a join). */
  public static Column inForce(Column validFrom, Column validTo, Column day) {
    return validFrom.leq(day).and(validTo.isNull().or(day.lt(validTo)));
  }

  /** The first row of each group of {@code key} in the given order (a row_number window). */
  public static Dataset<Row> firstPer(Dataset<Row> rows, List<String> key, Column... order) {
    return rows.withColumn(
            "_rn",
            row_number()
                .over(
                    Window.partitionBy(key.stream().map(c -> col(c)).toArray(Column[]::new))
                        .orderBy(order)))
        .filter(col("_rn").equalTo(1))
        .drop("_rn");
  }
}
