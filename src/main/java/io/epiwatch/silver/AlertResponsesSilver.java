package io.epiwatch.silver;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.trim;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * silver.alert_responses: the latest response per alert by submitted_at (docs/rules.md §2.10), the
 * alert_id trimmed and in lower case (the ids are hex; a spreadsheet may have upper-cased them).
 * Whether the alert exists is decided in gold, where the run's alerts are known.
 */
public final class AlertResponsesSilver {
  private AlertResponsesSilver() {}

  public static final List<String> KEY = List.of("alert_id");

  public static Dataset<Row> build(Dataset<Row> bronze) {
    return Latest.perKey(normalized(bronze), KEY, "submitted_at");
  }

  /** The alert_id as silver keys it. */
  static Dataset<Row> normalized(Dataset<Row> bronze) {
    return bronze.withColumn("alert_id", lower(trim(col("alert_id"))));
  }
}
