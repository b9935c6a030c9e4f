package io.epiwatch.silver;

import static org.apache.spark.sql.functions.lit;

import io.epiwatch.catalog.TableSpec;
import io.epiwatch.catalog.TableWriter;
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
 * How the silver stage replaces the rows of a scope (the affected keys, schools, persons, ...) of a
 * table with freshly built rows: ONE Delta MERGE on the table's declared key through {@link
 * TableWriter}: new keys are inserted, changed rows updated, rows of the scope that the rebuild no
 * longer produces deleted. A table that does not exist yet is created by the same single write,
 * from its declaration.
 */
public final class SilverWriter {
  private SilverWriter() {}

  private static final String DELETE = "_delete";

  /** Columns that change on every rebuild and alone never justify rewriting a row. */
  private static final List<String> VOLATILE = List.of("detected_at");

  /**
   * Replaces the rows in scope with {@code rows}. Returns false when nothing had to be written.
   *
   * @param scope selects, from the current table, the rows the rebuild is responsible for
   */
  public static boolean replace(
      Warehouse wh, TableSpec spec, Dataset<Row> rows, UnaryOperator<Dataset<Row>> scope) {
    TableWriter writer = new TableWriter(wh);
    if (!wh.exists(spec.id())) {
      writer.append(spec, TableWriter.conform(rows, spec));
      return true;
    }
    Dataset<Row> fresh = TableWriter.conform(rows, spec);
    Dataset<Row> stored = wh.read(spec.id());
    List<String> storedColumns = Arrays.asList(stored.columns());
    Dataset<Row> current = TableWriter.conformStored(stored, spec);
    Column sameKey =
        spec.key().stream()
            .map(k -> current.col(k).eqNullSafe(fresh.col(k)))
            .reduce(Column::and)
            .orElseThrow();
    Dataset<Row> gone = scope.apply(current).join(fresh, sameKey, "left_anti");
    Dataset<Row> source =
        fresh
            .withColumn(DELETE, lit(false))
            .unionByName(TableWriter.conform(gone, spec).withColumn(DELETE, lit(true)));
    if (source.isEmpty()) return false;
    String t = TableWriter.TARGET;
    String s = TableWriter.SOURCE;
    Map<String, String> assign = new LinkedHashMap<>();
    for (String c : spec.columnNames()) assign.put(c, s + ".`" + c + "`");
    // every row changes when the table lacks a declared column (an older version wrote it)
    String changed =
        storedColumns.containsAll(Arrays.asList(spec.columnNames()))
            ? Arrays.stream(spec.columnNames())
                .filter(c -> !VOLATILE.contains(c))
                .map(c -> "NOT (" + t + ".`" + c + "` <=> " + s + ".`" + c + "`)")
                .collect(Collectors.joining(" OR "))
            : "true";
    writer
        .merge(spec, source)
        // a column this version declares and an older table lacks is added (TransformJob rebuilds
        // such a table from all of bronze, so no row keeps it empty)
        .withSchemaEvolution()
        .whenMatched(s + "." + DELETE)
        .delete()
        .whenMatched(changed)
        .updateExpr(assign)
        .whenNotMatched("NOT " + s + "." + DELETE)
        .insertExpr(assign)
        .execute();
    return true;
  }
}
