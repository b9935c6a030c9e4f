package io.epiwatch.silver;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.dense_rank;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * Type-2 dimensions from full snapshots (docs/rules.md §7): the snapshot in force on d is the
 * latest with as_of <= d; a member absent from it is gone on d. Consecutive snapshots with
 * unchanged attributes collapse into one row; valid_to (exclusive) is the as_of of the first later
 * snapshot that changed or dropped the member. Snapshots are numbered per {@code scope} (the whole
 * source for schools, the school for rosters).
 */
final class Dimensions {
  private Dimensions() {}

  static Dataset<Row> scd2(
      Dataset<Row> snapshotRows, List<String> member, List<String> scope, List<String> attributes) {
    Column[] memberCols =
        member.stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
    Column[] scopeCols =
        scope.stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
    // Snapshots of each scope, numbered, with the next snapshot's as_of.
    Dataset<Row> snaps =
        snapshotRows
            .select(
                concat(scopeCols.length == 0 ? new Column[] {lit("all")} : scopeCols).as("_scope"),
                col("as_of"))
            .distinct();
    WindowSpec byScope = Window.partitionBy("_scope").orderBy("as_of");
    snaps =
        snaps
            .withColumn("_idx", dense_rank().over(byScope))
            .withColumn(
                "_next_as_of", org.apache.spark.sql.functions.lead("as_of", 1).over(byScope));
    Column hash =
        sha2(
            concat_ws(
                "\u0001",
                attributes.stream()
                    .map(a -> coalesce(col(a).cast("string"), lit("\u0000")))
                    .toArray(Column[]::new)),
            256);
    Dataset<Row> rows =
        snapshotRows
            .withColumn(
                "_scope", concat(scopeCols.length == 0 ? new Column[] {lit("all")} : scopeCols))
            .join(
                snaps,
                new scala.collection.immutable.Set.Set2<>("_scope", "as_of").toSeq(),
                "inner")
            .withColumn("_hash", hash);
    WindowSpec byMember = Window.partitionBy(memberCols).orderBy("as_of");
    rows =
        rows.withColumn(
                "_new",
                when(
                        lag("_idx", 1)
                            .over(byMember)
                            .isNull()
                            .or(lag("_idx", 1).over(byMember).notEqual(col("_idx").minus(1)))
                            .or(lag("_hash", 1).over(byMember).notEqual(col("_hash"))),
                        1)
                    .otherwise(0))
            .withColumn(
                "_version",
                sum("_new")
                    .over(byMember.rowsBetween(Window.unboundedPreceding(), Window.currentRow())));
    Column[] aggs = attributes.stream().map(a -> first(a).as(a)).toArray(Column[]::new);
    Column[] groupCols = Arrays.copyOf(memberCols, memberCols.length + 1);
    groupCols[memberCols.length] = col("_version");
    // Rows of one version share their attributes (same hash), so first() is exact.
    Dataset<Row> versions =
        rows.groupBy(groupCols)
            .agg(
                min("as_of").as("valid_from"),
                concatAggs(aggs, max(struct("as_of", "_next_as_of")).as("_last")));
    return versions
        .withColumn("valid_to", col("_last._next_as_of"))
        .withColumn("is_current", col("valid_to").isNull())
        .drop("_version", "_last");
  }

  private static Column struct(String... cols) {
    return org.apache.spark.sql.functions.struct(
        Arrays.stream(cols).map(org.apache.spark.sql.functions::col).toArray(Column[]::new));
  }

  private static Column[] concatAggs(Column[] a, Column b) {
    Column[] out = Arrays.copyOf(a, a.length + 1);
    out[a.length] = b;
    return out;
  }
}
