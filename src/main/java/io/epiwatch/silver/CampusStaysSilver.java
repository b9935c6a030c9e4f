package io.epiwatch.silver;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * silver.campus_stays (docs/rules.md §2.12): the latest row per (school_code, person, stay_from) by
 * submitted_at, then the later file and line, as for every keyed source. A resubmission of the same
 * stay (a changed approval, end date or guardian contact) replaces the earlier version.
 */
public final class CampusStaysSilver {
  private CampusStaysSilver() {}

  /** The source's natural key as bronze stores it (id_type and id_number are the person_key). */
  public static final List<String> KEY = List.of("school_code", "person_key", "stay_from");

  public static Dataset<Row> build(Dataset<Row> bronze) {
    return Latest.perKey(bronze, KEY, "submitted_at");
  }
}
