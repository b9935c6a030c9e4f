package io.epiwatch.spark;

import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.substring;

import org.apache.spark.sql.Column;

/** Organisation codes as Spark columns. */
public final class OrgColumns {
  private OrgColumns() {}

  /**
   * City code = first four digits of the district code + 00 (docs/rules.md §7.2; {@link
   * io.epiwatch.common.OrgLevel#cityOf} for one code).
   */
  public static Column cityOf(Column district) {
    return concat(substring(district, 1, 4), lit("00"));
  }
}
