package io.epiwatch.silver;

import io.epiwatch.catalog.TableId;
import io.epiwatch.catalog.Warehouse;
import io.epiwatch.contract.BronzeSchema;
import io.epiwatch.contract.SourceSpec;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reading bronze: whole, or the rows changed between two versions through the Delta change data
 * feed (bronze tables are created with delta.enableChangeDataFeed=true). Change rows of every type
 * are returned (inserts of new files, and the deletes/inserts of a replaceWhere rerun): the
 * transform only takes their keys as "affected" and rebuilds from bronze itself.
 */
final class BronzeChanges {
  private static final Logger LOG = LoggerFactory.getLogger(BronzeChanges.class);

  private BronzeChanges() {}

  /** A bronze table, or an empty frame with its schema before its first file arrives. */
  static Dataset<Row> bronze(Warehouse wh, SourceSpec spec) {
    TableId id = TableId.bronze(spec.name());
    return wh.exists(id)
        ? wh.read(id)
        : wh.spark().createDataFrame(List.of(), BronzeSchema.of(spec));
  }

  /**
   * Rows changed after version {@code after} up to {@code upTo}; the whole table when after < 0.
   */
  static Dataset<Row> read(Warehouse wh, SourceSpec spec, long after, long upTo) {
    if (after < 0) return bronze(wh, spec);
    TableId id = TableId.bronze(spec.name());
    try {
      Dataset<Row> cdf =
          wh.spark()
              .read()
              .format("delta")
              .option("readChangeFeed", "true")
              .option("startingVersion", after + 1)
              .option("endingVersion", upTo)
              .load(wh.path(id));
      return cdf.drop("_change_type", "_commit_version", "_commit_timestamp");
    } catch (RuntimeException e) {
      // No change feed for the range (not enabled, or vacuumed): fall back to the whole table,
      // which is always correct, only slower.
      LOG.warn(
          "{}: change data feed unavailable for versions {}..{} ({}); reading the whole table",
          id,
          after + 1,
          upTo,
          e.getMessage());
      return bronze(wh, spec);
    }
  }
}
