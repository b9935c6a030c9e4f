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
import io.epiwatch.common.ReasonCode;
import io.epiwatch.contract.Sources;
import java.sql.Timestamp;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * UNKNOWN_ALERT (docs/rules.md §1.4): an alert response whose alert_id is in no alert of
 * gold.cluster_alerts. The check needs the alerts, which the metrics stage computes from silver, so
 * it lives here, after them: it depends on silver alone, whatever order the files came in. The row
 * stays in bronze and silver (the manifest counted it loaded), is applied to no alert, and is
 * listed in ops.quarantine with reason UNKNOWN_ALERT for as long as no alert has its id: every run
 * that recomputes the alerts replaces the UNKNOWN_ALERT rows (a line-list correction that creates
 * the alert releases the response).
 */
final class UnknownAlerts {
  private static final Logger LOG = LoggerFactory.getLogger(UnknownAlerts.class);

  static final String WHERE =
      "source = '"
          + Sources.ALERT_RESPONSES.name()
          + "' AND array_contains(reasons, '"
          + ReasonCode.UNKNOWN_ALERT.code()
          + "')";

  private UnknownAlerts() {}

  /** The quarantine rows of the responses of no alert. */
  static Dataset<Row> rows(Dataset<Row> unknown, Timestamp at) {
    String[] shown = {
      "alert_id",
      "verified",
      "reported_to_cdc_at",
      "reported_to_bureau_at",
      "actions",
      "suspension_from",
      "suspension_to",
      "closed_at",
      "note",
      "submitted_at"
    };
    Column[] cells = new Column[shown.length];
    for (int i = 0; i < shown.length; i++) {
      Column c =
          shown[i].equals("actions")
              ? concat_ws(";", col("actions"))
              : col(shown[i]).cast("string");
      cells[i] = coalesce(c, lit(""));
    }
    return unknown.select(
        lit(Sources.ALERT_RESPONSES.name()).as("source"),
        col("source_file"),
        col("source_line"),
        col("source_sha256"),
        array(lit(ReasonCode.UNKNOWN_ALERT.code())).as("reasons"),
        array(
                concat(
                    lit(ReasonCode.UNKNOWN_ALERT.code() + " "),
                    col("source_file"),
                    lit(":"),
                    col("source_line").cast("string"),
                    lit(" alert_id(预警编号): '"),
                    col("alert_id"),
                    lit(
                        "' is in no alert of gold.cluster_alerts; check the id in the follow-up workbook")))
            .as("details"),
        concat_ws(",", cells).as("raw_line"),
        lit(null).cast("string").as("ingest_batch_id"),
        lit(at).as("quarantined_at"));
  }

  /** Replaces the UNKNOWN_ALERT rows of ops.quarantine (no commit when none is or was there). */
  static void quarantine(Warehouse wh, Dataset<Row> unknown, Timestamp at) {
    TableSpec spec = Tables.OPS_QUARANTINE;
    Dataset<Row> rows = TableWriter.conform(rows(unknown, at), spec);
    boolean none = rows.isEmpty();
    if (none && (!wh.exists(spec.id()) || wh.read(spec.id()).filter(WHERE).isEmpty())) return;
    TableWriter writer = new TableWriter(wh);
    writer.create(spec);
    writer.replaceWhere(spec, rows, WHERE, false);
    if (!none)
      LOG.warn(
          "{} alert response(s) name an alert_id in no alert: quarantined {} (see ops.quarantine)",
          rows.count(),
          ReasonCode.UNKNOWN_ALERT.code());
  }
}
