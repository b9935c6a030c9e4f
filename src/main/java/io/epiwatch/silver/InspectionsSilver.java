package io.epiwatch.silver;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * silver.inspections and silver.findings (docs/rules.md §2.11): the latest row per inspection_id
 * and per finding_id by submitted_at, then the later file and line, as for every keyed source.
 * Whether a finding's inspection exists and its dates follow the inspection's is decided by the
 * metrics stage, from silver alone.
 */
public final class InspectionsSilver {
  private InspectionsSilver() {}

  public static final List<String> INSPECTION_KEY = List.of("inspection_id");
  public static final List<String> FINDING_KEY = List.of("finding_id");

  public static Dataset<Row> inspections(Dataset<Row> bronze) {
    return Latest.perKey(bronze, INSPECTION_KEY, "submitted_at");
  }

  public static Dataset<Row> findings(Dataset<Row> bronze) {
    return Latest.perKey(bronze, FINDING_KEY, "submitted_at");
  }
}
