package io.epiwatch.silver;

import io.epiwatch.catalog.TableSpec;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Kept for callers written against the first silver cut (the gold stage): the transforms now
 * live in one class per silver table, the writer in {@link SilverWriter}.
 */
public final class SilverTables {
  private SilverTables() {}

  /** Rows projected and cast to the table's declared schema; see {@link SilverWriter#conform}. */
  public static Dataset<Row> conform(Dataset<Row> df, TableSpec spec) {
    return SilverWriter.conform(df, spec);
  }
}
