package io.epiwatch.catalog;

import static org.apache.spark.sql.functions.col;

import io.delta.tables.DeltaMergeBuilder;
import io.delta.tables.DeltaTable;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.DataFrameWriterV2;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The one door through which the jobs write Delta tables. Every table is created from its {@link
 * TableSpec} (schema with column comments, description, partition column, table properties such as
 * the change data feed) by its first write, in that write's single commit (rows conformed to the
 * declaration, {@link #conform}, carry its column comments). The write kinds: full {@link
 * #overwrite}, {@link #replaceWhere} (a partition range or a predicate such as {@code source_sha256
 * IN (...)}), {@link #append}, {@link #merge} on the declared key (on an existing table: a first
 * write appends) and {@link #update}. Nothing else in the product calls {@code
 * df.write().format("delta")}, {@code DeltaTable.create*} or {@code DeltaTable.forPath(...).merge}.
 */
public final class TableWriter {
  /** The alias of the table in MERGE and its conditions. */
  public static final String TARGET = "t";

  /** The alias of the new rows in MERGE and its conditions. */
  public static final String SOURCE = "s";

  private final Warehouse wh;

  public TableWriter(Warehouse wh) {
    this.wh = wh;
  }

  /** Rows projected and cast to the table's declared schema (comments kept as metadata). */
  public static Dataset<Row> conform(Dataset<Row> df, TableSpec spec) {
    return df.select(
        Arrays.stream(spec.schema().fields())
            .map(f -> col(f.name()).cast(f.dataType()).as(f.name(), f.metadata()))
            .toArray(Column[]::new));
  }

  /**
   * A stored table's rows projected to its declared schema, where a column the declaration gained
   * after the table was written is null (new rows must carry every column: {@link #conform}).
   */
  public static Dataset<Row> conformStored(Dataset<Row> stored, TableSpec spec) {
    java.util.Set<String> present = java.util.Set.of(stored.columns());
    return stored.select(
        Arrays.stream(spec.schema().fields())
            .map(
                f ->
                    (present.contains(f.name())
                            ? col(f.name())
                            : org.apache.spark.sql.functions.lit(null))
                        .cast(f.dataType())
                        .as(f.name(), f.metadata()))
            .toArray(Column[]::new));
  }

  /** An empty frame with the table's schema. */
  public Dataset<Row> empty(TableSpec spec) {
    return wh.spark().createDataFrame(List.of(), spec.schema());
  }

  /**
   * Replaces the whole table with {@code rows}, conformed to the declared schema (one commit; the
   * first write creates the table).
   */
  public void overwrite(TableSpec spec, Dataset<Row> rows) {
    Dataset<Row> conformed = conform(rows, spec);
    if (!createWith(spec, conformed)) {
      conformed
          .write()
          .format("delta")
          .mode("overwrite")
          .option("overwriteSchema", "true")
          .save(wh.path(spec.id()));
    }
  }

  /**
   * Replaces the rows matching {@code predicate} (Delta replaceWhere) with {@code rows}, which must
   * all match it; the first write creates the table. {@code mergeSchema}: a column added to the
   * declaration since the table was created is added to it instead of failing the write.
   */
  public void replaceWhere(
      TableSpec spec, Dataset<Row> rows, String predicate, boolean mergeSchema) {
    if (createWith(spec, rows)) return;
    var w = rows.write().format("delta").mode("overwrite").option("replaceWhere", predicate);
    if (mergeSchema) w = w.option("mergeSchema", "true");
    w.save(wh.path(spec.id()));
  }

  /** Appends {@code rows}; the first write creates the table. */
  public void append(TableSpec spec, Dataset<Row> rows) {
    if (!createWith(spec, rows))
      rows.write().format("delta").mode("append").save(wh.path(spec.id()));
  }

  /**
   * A MERGE of {@code source} into the existing table on its declared key ({@link #keyCondition});
   * the caller adds the when(Not)Matched clauses and executes it.
   */
  public DeltaMergeBuilder merge(TableSpec spec, Dataset<Row> source) {
    return DeltaTable.forPath(wh.spark(), wh.path(spec.id()))
        .as(TARGET)
        .merge(source.as(SOURCE), keyCondition(spec));
  }

  /** UPDATE table SET ... WHERE condition (one commit, none when no row matches). */
  public void update(TableSpec spec, String condition, Map<String, Column> set) {
    DeltaTable.forPath(wh.spark(), wh.path(spec.id()))
        .update(org.apache.spark.sql.functions.expr(condition), set);
  }

  /** t.k1 <=> s.k1 AND ... over the declared key (null-safe: keys may hold nulls). */
  public static String keyCondition(TableSpec spec) {
    return spec.key().stream()
        .map(k -> TARGET + ".`" + k + "` <=> " + SOURCE + ".`" + k + "`")
        .collect(Collectors.joining(" AND "));
  }

  /**
   * When the table does not exist, creates it from its declaration holding {@code rows}, in one
   * commit (CREATE TABLE AS SELECT with the description, partitioning and properties), and returns
   * true.
   */
  private boolean createWith(TableSpec spec, Dataset<Row> rows) {
    if (wh.exists(spec.id())) return false;
    clearInterruptedCreate(spec);
    DataFrameWriterV2<Row> w =
        rows.writeTo("delta.`" + wh.path(spec.id()).replace("`", "``") + "`")
            .using("delta")
            .tableProperty("comment", spec.description());
    for (Map.Entry<String, String> p : spec.properties().entrySet())
      w = w.tableProperty(p.getKey(), p.getValue());
    if (spec.partitionColumn() != null) w = w.partitionedBy(col(spec.partitionColumn()));
    try {
      w.create();
    } catch (org.apache.spark.sql.catalyst.analysis.TableAlreadyExistsException e) {
      throw new IllegalStateException(
          spec.id()
              + " at "
              + wh.path(spec.id())
              + ": created by another writer meanwhile (the warehouse lock should prevent this); run the job again",
          e);
    }
    return true;
  }

  /**
   * A job killed during a table's first commit leaves its folder with data files and no committed
   * version (no _delta_log/*.json): not a table, and a location Delta refuses to create in. Under
   * the warehouse lock nothing else writes there, so the debris is removed before the create.
   */
  private void clearInterruptedCreate(TableSpec spec) {
    org.apache.hadoop.fs.Path dir = new org.apache.hadoop.fs.Path(wh.path(spec.id()));
    try {
      org.apache.hadoop.fs.FileSystem fs =
          dir.getFileSystem(wh.spark().sparkContext().hadoopConfiguration());
      if (!fs.exists(dir)) return;
      org.apache.hadoop.fs.Path log = new org.apache.hadoop.fs.Path(dir, "_delta_log");
      if (fs.exists(log)) {
        for (org.apache.hadoop.fs.FileStatus f : fs.listStatus(log))
          if (f.isFile() && f.getPath().getName().endsWith(".json")) return; // a table: leave it
      }
      org.slf4j.LoggerFactory.getLogger(TableWriter.class)
          .warn("{} at {}: removing the files of an interrupted first commit", spec.id(), dir);
      fs.delete(dir, true);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
