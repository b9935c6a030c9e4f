package io.epiwatch.gold;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;

import io.epiwatch.catalog.Warehouse;
import io.epiwatch.common.ReasonCode;
import io.epiwatch.contract.Sources;
import java.sql.Timestamp;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * UNKNOWN_ALERT (docs/rules.md §1.4): an alert response whose alert_id is in no alert of
 * gold.cluster_alerts. The check needs the alerts, which the metrics stage computes from silver, so
 * it lives here, after them: it depends on silver alone, whatever order the files came in. The row
 * is applied to no alert and listed in ops.quarantine with reason UNKNOWN_ALERT for as long as no
 * alert has its id ({@link StageQuarantine}: a line-list correction that creates the alert releases
 * the response).
 */
final class UnknownAlerts {
  private static final String[] SHOWN = {
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

  private UnknownAlerts() {}

  /** The quarantine rows of the responses of no alert. */
  static Dataset<Row> rows(Dataset<Row> unknown, Timestamp at) {
    return StageQuarantine.rows(
        unknown,
        Sources.ALERT_RESPONSES,
        lit(ReasonCode.UNKNOWN_ALERT.code()),
        concat(
            lit("alert_id(预警编号): '"),
            col("alert_id"),
            lit("' is in no alert of gold.cluster_alerts; check the id in the follow-up workbook")),
        SHOWN,
        at);
  }

  /** Replaces the UNKNOWN_ALERT rows of ops.quarantine (no commit when none is or was there). */
  static void quarantine(Warehouse wh, Dataset<Row> unknown, Timestamp at) {
    StageQuarantine.replace(
        wh,
        Sources.ALERT_RESPONSES,
        rows(unknown, at),
        "alert response(s) name an alert_id in no alert: " + ReasonCode.UNKNOWN_ALERT.code());
  }
}
