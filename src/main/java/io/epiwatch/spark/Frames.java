package io.epiwatch.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.row_number;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/** DataFrame idioms the stages share. */
public final class Frames {
  private Frames() {}

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
