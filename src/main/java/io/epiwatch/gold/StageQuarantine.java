package io.epiwatch.gold;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;

import io.epiwatch.catalog.TableSpec;
import io.epiwatch.catalog.TableWriter;
import io.epiwatch.catalog.Tables;
import io.epiwatch.catalog.Warehouse;
import io.epiwatch.contract.SourceSpec;
import java.sql.Timestamp;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Rows of ops.quarantine that the metrics stage decides (docs/rules.md §1.4): checks that need
 * silver as a whole (a response's alert, a finding's inspection). The row stays in bronze and
 * silver (the manifest counted it loaded), gold ignores it, and its quarantine row is replaced on
 * every run that recomputes the check, so a correction releases it without a reload. Such rows have
 * no ingest_batch_id, which tells them from the ingest's.
 */
final class StageQuarantine {
  private static final Logger LOG = LoggerFactory.getLogger(StageQuarantine.class);

  private StageQuarantine() {}

  /** The quarantine rows of a source decided here, not at ingest. */
  static String where(SourceSpec source) {
    return "source = '" + source.name() + "' AND ingest_batch_id IS NULL";
  }

  /**
   * Quarantine rows of silver rows: one reason and its message per row; raw_line joins the shown
   * columns (arrays with ';').
   */
  static Dataset<Row> rows(
      Dataset<Row> bad,
      SourceSpec source,
      Column reason,
      Column message,
      String[] shown,
      Timestamp at) {
    Column[] cells = new Column[shown.length];
    for (int i = 0; i < shown.length; i++) {
      boolean isArray =
          bad.schema().apply(shown[i]).dataType() instanceof org.apache.spark.sql.types.ArrayType;
      Column c = isArray ? concat_ws(";", col(shown[i])) : col(shown[i]).cast("string");
      cells[i] = coalesce(c, lit(""));
    }
    return bad.select(
        lit(source.name()).as("source"),
        col("source_file"),
        col("source_line"),
        col("source_sha256"),
        array(reason).as("reasons"),
        array(
                concat(
                    reason,
                    lit(" "),
                    coalesce(col("source_file"), lit("")),
                    lit(":"),
                    coalesce(col("source_line").cast("string"), lit("")),
                    lit(" "),
                    message))
            .as("details"),
        concat_ws(",", cells).as("raw_line"),
        lit(null).cast("string").as("ingest_batch_id"),
        lit(at).as("quarantined_at"));
  }

  /**
   * Replaces the source's metrics-stage rows of ops.quarantine (no commit when none is or was
   * there).
   */
  static void replace(Warehouse wh, SourceSpec source, Dataset<Row> quarantined, String what) {
    TableSpec spec = Tables.OPS_QUARANTINE;
    String where = where(source);
    Dataset<Row> rows = TableWriter.conform(quarantined, spec);
    boolean none = rows.isEmpty();
    if (none && (!wh.exists(spec.id()) || wh.read(spec.id()).filter(where).isEmpty())) return;
    new TableWriter(wh).replaceWhere(spec, rows, where, false); // a first write creates it
    if (!none) LOG.warn("{} {}: quarantined (see ops.quarantine)", rows.count(), what);
  }
}
