package io.epiwatch.catalog;

import java.util.List;
import java.util.Map;
import org.apache.spark.sql.types.StructType;

/**
 * A table declared once: its name, the date column it is partitioned by (null = none), its natural
 * key, its description, its schema with a comment per column (from DDL), and the Delta table
 * properties it is created with (e.g. change data feed on bronze). {@link TableWriter} creates the
 * table from it; MERGE conditions, catalog registration and the data dictionary derive from it.
 */
public record TableSpec(
    TableId id,
    String partitionColumn,
    List<String> key,
    String description,
    StructType schema,
    Map<String, String> properties) {

  public TableSpec {
    key = List.copyOf(key);
    properties = Map.copyOf(properties);
  }

  public static TableSpec of(
      TableId id, String partitionColumn, List<String> key, String description, String ddl) {
    return new TableSpec(id, partitionColumn, key, description, StructType.fromDDL(ddl), Map.of());
  }

  /** The columns as a Spark select list, in declared order. */
  public String[] columnNames() {
    return schema.fieldNames();
  }
}
