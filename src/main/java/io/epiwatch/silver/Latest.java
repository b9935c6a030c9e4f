package io.epiwatch.silver;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Latest-wins resubmission (docs/rules.md §1, §7): per natural key the row with the latest ordering
 * column (submitted_at, announced_at, recorded_at), then the later file in file-name byte order,
 * then the later line. Bronze keeps every version.
 */
final class Latest {
  private Latest() {}

  static Dataset<Row> perKey(Dataset<Row> rows, List<String> key, String orderingColumn) {
    List<Column> order = new ArrayList<>();
    if (orderingColumn != null) order.add(col(orderingColumn).desc_nulls_last());
    // Byte order of the file name: compare the UTF-8 bytes, not the collation of the string.
    order.add(col("source_file").cast("binary").desc());
    order.add(col("source_line").desc());
    return io.epiwatch.spark.Frames.firstPer(rows, key, order.toArray(Column[]::new));
  }

  /**
   * Adds first_submitted_at: the earliest submitted_at of every accepted version of the row's key
   * (a later correction keeps the time the row was first sent).
   */
  static Dataset<Row> withFirstSubmitted(Dataset<Row> rows, List<String> key) {
    return rows.withColumn(
        "first_submitted_at",
        org.apache
            .spark
            .sql
            .functions
            .min("submitted_at")
            .over(org.apache.spark.sql.expressions.Window.partitionBy(cols(key))));
  }

  static Column[] cols(List<String> names) {
    return names.stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
  }

  /** Column names as the Scala Seq that Dataset.join(other, usingColumns, type) takes. */
  static scala.collection.immutable.Seq<String> seq(String... names) {
    return scala.jdk.javaapi.CollectionConverters.asScala(Arrays.asList(names)).toList();
  }
}
