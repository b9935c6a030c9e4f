package io.epiwatch.silver;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * silver.roster per person and school (docs/rules.md §7): per school, the latest snapshot with
 * as_of <= D replaces earlier ones; a person missing from it is no longer active there, so the
 * person's row gets valid_to = that snapshot's as_of (exclusive). Leavers keep their rows.
 * Snapshots are numbered per school, so the rows of one school can be rebuilt on their own.
 */
public final class RosterDimension {
  private RosterDimension() {}

  static final List<String> ATTRIBUTES =
      List.of(
          "id_type",
          "person_type",
          "grade",
          "class_name",
          "dormitory",
          "birth_date",
          "sex",
          "boarding",
          "status");

  /**
   * @param bronzeRoster every bronze roster row of the schools to rebuild (all their snapshots)
   */
  public static Dataset<Row> build(Dataset<Row> bronzeRoster) {
    Dataset<Row> rows =
        Latest.perKey(bronzeRoster, List.of("person_key", "school_code", "as_of"), null);
    return Dimensions.scd2(
        rows, List.of("person_key", "school_code"), List.of("school_code"), ATTRIBUTES);
  }
}
