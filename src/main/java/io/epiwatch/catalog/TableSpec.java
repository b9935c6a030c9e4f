package io.epiwatch.catalog;

import java.util.List;
import org.apache.spark.sql.types.StructType;

/**
 * A table declared once: its name, the date column it is partitioned by (null = none), its
 * natural key, and its schema with a comment per column (from DDL). Writers, MERGE conditions,
 * catalog registration and the data dictionary derive from it.
 */
public record TableSpec(TableId id, String partitionColumn, List<String> key, String description, StructType schema) {

  public static TableSpec of(TableId id, String partitionColumn, List<String> key, String description, String ddl) {
    return new TableSpec(id, partitionColumn, List.copyOf(key), description, StructType.fromDDL(ddl));
  }

  /** The columns as a Spark select list, in declared order. */
  public String[] columnNames() {
    return schema.fieldNames();
  }
}
