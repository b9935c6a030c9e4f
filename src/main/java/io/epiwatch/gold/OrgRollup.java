package io.epiwatch.gold;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.epiwatch.common.OrgLevel;
import io.epiwatch.spark.Frames;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * School rows -> school, district, city (and province when the schools span several cities) rows
 * (docs/rules.md §4: every metric is computed per school and rolled up). A school rolls up to the
 * district of the snapshot in force on the row's date; higher levels sum their schools' counts, and
 * rates are recomputed from the sums by the caller.
 */
final class OrgRollup {
  private OrgRollup() {}

  /** The school columns {@link #rollup} reads from its school rows. */
  private static final List<String> SCHOOL_COLUMNS =
      List.of("school_code", "school_name", "district_code", "district_name", "city_code");

  /** silver.schools rows in force on the value of {@code dateCol}, joined to school rows. */
  static Dataset<Row> withSchoolInForce(
      Dataset<Row> schoolRows, Dataset<Row> schools, String dateCol) {
    return withSchoolInForce(schoolRows, schools, dateCol, "inner");
  }

  /**
   * The same with a join type: "left" keeps a row whose school has no snapshot in force on its date
   * (its school columns null).
   */
  static Dataset<Row> withSchoolInForce(
      Dataset<Row> schoolRows, Dataset<Row> schools, String dateCol, String joinType) {
    Dataset<Row> s =
        schools.select(
            col("school_code").as("_sc"),
            col("school_name"),
            col("district_code"),
            col("district_name"),
            col("city_code"),
            col("valid_from"),
            col("valid_to"));
    return schoolRows
        .join(s, col("school_code").equalTo(col("_sc")).and(Frames.inForce(col(dateCol))), joinType)
        .drop("_sc", "valid_from", "valid_to");
  }

  /**
   * Rows of one school each (school_code, school_name, district_code) as school-level rows: the org
   * columns org_level school, org_code, org_name and parent_code (the district).
   */
  static Dataset<Row> atSchool(Dataset<Row> rows) {
    return rows.withColumn("org_level", lit(OrgLevel.SCHOOL.code()))
        .withColumn("org_code", col("school_code"))
        .withColumn("org_name", col("school_name"))
        .withColumn("parent_code", col("district_code"));
  }

  /**
   * Rolls up: rows must carry school_code, school_name, district_code, district_name, city_code,
   * the key columns and the count columns. Returns org_level, org_code, org_name, parent_code, the
   * key columns and the summed counts.
   */
  static Dataset<Row> rollup(
      Dataset<Row> schoolRows,
      List<String> keys,
      List<String> counts,
      Map<String, String> cityNames) {
    Column[] sums =
        counts.stream()
            .map(c -> sum(coalesce(col(c), lit(0L))).cast("bigint").as(c))
            .toArray(Column[]::new);
    List<Column> keyCols = keys.stream().map(functions::col).toList();
    // The school rows are summed per school snapshot and key, computed once and kept
    // (localCheckpoint, eager): every level below reads them, and so does the several-cities test.
    // Without it each read ran and planned the caller's whole query again (four or five times per
    // table; with the plan analysis that goes with it, most of a sample day's metrics time:
    // docs/benchmarks.md). Summing first keeps a few rows per school where a caller passes one row
    // per person (coverage, campaigns: a city's million persons were kept, then summed per level);
    // every level sums, so the sums of sums are the same.
    Dataset<Row> rows =
        schoolRows
            .groupBy(cols(keyCols, SCHOOL_COLUMNS.toArray(String[]::new)))
            .agg(sums[0], rest(sums))
            .localCheckpoint();

    Dataset<Row> school = atSchool(rows);
    Dataset<Row> schoolOut =
        school
            .groupBy(cols(keyCols, "org_level", "org_code", "org_name", "parent_code"))
            .agg(sums[0], rest(sums));

    Dataset<Row> district =
        rows.groupBy(cols(keyCols, "district_code", "city_code"))
            .agg(first("district_name", true).as("_dname"), sums)
            .withColumn("org_level", lit(OrgLevel.DISTRICT.code()))
            .withColumn("org_code", col("district_code"))
            .withColumn("org_name", coalesce(col("_dname"), col("district_code")))
            .withColumn("parent_code", col("city_code"))
            .drop("district_code", "city_code", "_dname");

    Column cityName = lit(null).cast("string");
    for (var e : cityNames.entrySet())
      cityName = when(col("city_code").equalTo(e.getKey()), lit(e.getValue())).otherwise(cityName);
    Dataset<Row> city =
        rows.groupBy(cols(keyCols, "city_code"))
            .agg(sums[0], rest(sums))
            .withColumn("org_level", lit(OrgLevel.CITY.code()))
            .withColumn("org_code", col("city_code"))
            .withColumn("org_name", coalesce(cityName, col("city_code")))
            .withColumn("parent_code", concat(substring(col("city_code"), 1, 2), lit("0000")))
            .drop("city_code");

    Dataset<Row> all = schoolOut.unionByName(district).unionByName(city);
    boolean severalCities = rows.select("city_code").distinct().limit(2).count() > 1;
    if (severalCities) {
      Dataset<Row> province =
          rows.withColumn("_prov", concat(substring(col("city_code"), 1, 2), lit("0000")))
              .groupBy(cols(keyCols, "_prov"))
              .agg(sums[0], rest(sums))
              .withColumn("org_level", lit(OrgLevel.PROVINCE.code()))
              .withColumn("org_code", col("_prov"))
              .withColumn("org_name", col("_prov"))
              .withColumn("parent_code", lit(null).cast("string"))
              .drop("_prov");
      all = all.unionByName(province);
    } else {
      all =
          all.withColumn(
              "parent_code",
              when(col("org_level").equalTo(OrgLevel.CITY.code()), lit(null).cast("string"))
                  .otherwise(col("parent_code")));
    }
    return all;
  }

  static Column rate(String num, String den) {
    return when(col(den).gt(0), col(num).cast("double").divide(col(den)))
        .otherwise(lit(null).cast("double"));
  }

  private static Column[] cols(List<Column> keys, String... more) {
    List<Column> c = new ArrayList<>(keys);
    for (String m : more) c.add(col(m));
    return c.toArray(Column[]::new);
  }

  private static Column[] rest(Column[] a) {
    return java.util.Arrays.copyOfRange(a, 1, a.length);
  }
}
