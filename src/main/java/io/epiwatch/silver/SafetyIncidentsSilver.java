package io.epiwatch.silver;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * silver.safety_incidents: latest row per incident_id by submitted_at, then the later file and line
 * (docs/rules.md §2, §7), as for every keyed source.
 */
public final class SafetyIncidentsSilver {
  private SafetyIncidentsSilver() {}

  public static final List<String> KEY = List.of("incident_id");

  public static Dataset<Row> build(Dataset<Row> bronze) {
    return Latest.perKey(bronze, KEY, "submitted_at");
  }
}
