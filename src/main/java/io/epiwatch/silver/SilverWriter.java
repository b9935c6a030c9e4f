package io.epiwatch.silver;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.delta.tables.DeltaTable;
import io.epiwatch.catalog.TableSpec;
import io.epiwatch.catalog.Warehouse;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The one writer of the silver stage: replaces the rows of a scope (the affected keys, schools,
 * persons, ...) of a table with freshly built rows in ONE Delta MERGE on the table's declared
 * key: new keys are inserted, changed rows updated, rows of the scope that the rebuild no longer
 * produces deleted. A table that does not exist yet is created by the same single write, with
 * its declared schema (column comments) and partitioning.
 */
public final class SilverWriter {
  private SilverWriter() {}

  private static final String DELETE = "_delete";
  /** Columns that change on every rebuild and alone never justify rewriting a row. */
  private static final List<String> VOLATILE = List.of("detected_at");

  /** Rows projected and cast to the table's declared schema (comments kept as metadata). */
  public static Dataset<Row> conform(Dataset<Row> df, TableSpec spec) {
    return df.select(Arrays.stream(spec.schema().fields())
        .map(f -> col(f.name()).cast(f.dataType()).as(f.name(), f.metadata())).toArray(Column[]::new));
  }

  /** Replaces a whole table with rows conformed to its declared schema (one commit). */
  public static void overwrite(Warehouse wh, TableSpec spec, Dataset<Row> rows) {
    var w = conform(rows, spec).write().format("delta").mode("overwrite").option("overwriteSchema", "true");
    if (spec.partitionColumn() != null) w = w.partitionBy(spec.partitionColumn());
    w.save(wh.path(spec.id()));
  }

  /** An empty frame with the table's schema. */
  public static Dataset<Row> empty(Warehouse wh, TableSpec spec) {
    return wh.spark().createDataFrame(List.of(), spec.schema());
  }

  /**
   * Replaces the rows in scope with {@code rows}. Returns false when nothing had to be written.
   *
   * @param scope selects, from the current table, the rows the rebuild is responsible for
   */
  public static boolean replace(Warehouse wh, TableSpec spec, Dataset<Row> rows, UnaryOperator<Dataset<Row>> scope) {
    Dataset<Row> fresh = conform(rows, spec);
    if (!wh.exists(spec.id())) {
      var w = fresh.write().format("delta");
      if (spec.partitionColumn() != null) w = w.partitionBy(spec.partitionColumn());
      w.save(wh.path(spec.id()));
      return true;
    }
    Dataset<Row> current = conform(wh.read(spec.id()), spec);
    Column sameKey = spec.key().stream().map(k -> current.col(k).eqNullSafe(fresh.col(k))).reduce(Column::and).orElseThrow();
    Dataset<Row> gone = scope.apply(current).join(fresh, sameKey, "left_anti");
    Dataset<Row> source = fresh.withColumn(DELETE, lit(false)).unionByName(conform(gone, spec).withColumn(DELETE, lit(true)));
    if (source.isEmpty()) return false;
    Map<String, String> assign = new LinkedHashMap<>();
    for (String c : spec.columnNames()) assign.put(c, "s.`" + c + "`");
    String changed = Arrays.stream(spec.columnNames()).filter(c -> !VOLATILE.contains(c))
        .map(c -> "NOT (t.`" + c + "` <=> s.`" + c + "`)").collect(Collectors.joining(" OR "));
    DeltaTable.forPath(wh.spark(), wh.path(spec.id())).as("t")
        .merge(source.as("s"), mergeCondition(spec))
        .whenMatched("s." + DELETE).delete()
        .whenMatched(changed).updateExpr(assign)
        .whenNotMatched("NOT s." + DELETE).insertExpr(assign)
        .execute();
    return true;
  }

  /** t.k1 <=> s.k1 AND ... over the declared key (null-safe: keys may hold nulls). */
  static String mergeCondition(TableSpec spec) {
    return spec.key().stream().map(k -> "t.`" + k + "` <=> s.`" + k + "`").collect(Collectors.joining(" AND "));
  }
}
