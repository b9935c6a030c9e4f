package io.epiwatch.gold;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.epiwatch.common.FindingStatus;
import io.epiwatch.common.InspectionMode;
import io.epiwatch.common.InspectionScope;
import io.epiwatch.common.OrgLevel;
import io.epiwatch.common.ReasonCode;
import io.epiwatch.config.Policy;
import io.epiwatch.spark.Frames;
import io.epiwatch.spark.OrgColumns;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * gold.inspection_summary and gold.rectification_ledger as of D (docs/rules.md §4.10), and the
 * checks of a finding against its inspection (UNKNOWN_INSPECTION, BAD_DATE) that only silver as a
 * whole can decide.
 *
 * <p>An inspection belongs to the school it names when that school is in force on D (its district
 * then is the school's), else to the district it reports (training institutions, district-level
 * checks): such an inspection counts at district and city level and never in the coverage of
 * schools; only scopes of schools ({@link InspectionScope#ofSchools()}) count in it. A finding
 * belongs where its inspection does and counts from its inspection's date.
 */
public final class Inspections {
  private Inspections() {}

  static final List<String> KEYS = List.of("as_of", "scope", "category");
  static final List<String> COUNTS =
      List.of(
          "schools_active",
          "schools_inspected_30d",
          "inspections_30d",
          "unannounced_30d",
          "findings_new_7d",
          "findings_open",
          "findings_overdue",
          "days_overdue",
          "findings_due",
          "rectified_on_time");

  /** The measures that are about inspections, not findings: null on rows of one category. */
  static final List<String> INSPECTION_MEASURES =
      List.of("schools_active", "schools_inspected_30d", "inspections_30d", "unannounced_30d");

  /** The measures about schools: null in a scope that is not of schools. */
  static final List<String> SCHOOL_MEASURES = List.of("schools_active", "schools_inspected_30d");

  /**
   * The findings with their inspection whose dates are consistent: the rows gold counts (the others
   * are quarantined by {@link #rejected}). Every finding column, and inspection_date, mode, scope,
   * team, the inspection's district_code, school_code and institution_name.
   */
  static Dataset<Row> checkedFindings(Dataset<Row> findings, Dataset<Row> inspections) {
    return withInspection(findings, inspections, "inner").filter(datesOk());
  }

  /**
   * The findings that gold ignores, each with its reason code in {@code reason}: UNKNOWN_INSPECTION
   * (no inspection has its id) or BAD_DATE (deadline or rectified_date before the inspection date).
   */
  public static Dataset<Row> rejected(Dataset<Row> findings, Dataset<Row> inspections) {
    return withInspection(findings, inspections, "left")
        .filter(col("_known").isNull().or(datesOk().unary_$bang()))
        .withColumn(
            "reason",
            when(col("_known").isNull(), lit(ReasonCode.UNKNOWN_INSPECTION.code()))
                .otherwise(lit(ReasonCode.BAD_DATE.code())))
        .drop("_known");
  }

  /** The quarantine rows of the rejected findings ({@link #rejected}). */
  static Dataset<Row> quarantineRows(Dataset<Row> rejected, java.sql.Timestamp at) {
    Column unknown = col("reason").equalTo(lit(ReasonCode.UNKNOWN_INSPECTION.code()));
    return StageQuarantine.rows(
        rejected,
        io.epiwatch.contract.Sources.FINDINGS,
        col("reason"),
        when(
                unknown,
                concat(
                    lit("inspection_id(检查编号): '"),
                    col("inspection_id"),
                    lit(
                        "' is in no inspection of silver.inspections; send the inspection or correct the id")))
            .otherwise(
                concat(
                    lit("deadline(整改期限) "),
                    coalesce(col("deadline").cast("string"), lit("-")),
                    lit(" / rectified_date(整改完成日期) "),
                    coalesce(col("rectified_date").cast("string"), lit("-")),
                    lit(" is before inspection_date(检查日期) "),
                    col("inspection_date").cast("string"),
                    lit(" of inspection "),
                    col("inspection_id"),
                    lit("; correct the dates and resubmit the finding"))),
        new String[] {
          "finding_id",
          "inspection_id",
          "category",
          "severity",
          "description",
          "deadline",
          "rectified_date",
          "verified_by",
          "submitted_at"
        },
        at);
  }

  private static Dataset<Row> withInspection(
      Dataset<Row> findings, Dataset<Row> inspections, String join) {
    Dataset<Row> i =
        inspections.select(
            col("inspection_id").as("_known"),
            col("inspection_date"),
            col("mode"),
            col("scope"),
            col("team"),
            col("district_code").as("_i_district"),
            col("school_code").as("_i_school"),
            col("institution_name"));
    return findings.join(i, col("inspection_id").equalTo(col("_known")), join);
  }

  private static Column datesOk() {
    return coalesce(col("deadline").geq(col("inspection_date")), lit(true))
        .and(coalesce(col("rectified_date").geq(col("inspection_date")), lit(true)));
  }

  /**
   * D's summary rows (without superseded_at).
   *
   * @param schools silver.schools
   * @param inspections silver.inspections (empty when none)
   * @param findings silver.findings (empty when none)
   * @param received whether the warehouse ever received an inspections file
   */
  public static Dataset<Row> summary(
      Dataset<Row> schools,
      Dataset<Row> inspections,
      Dataset<Row> findings,
      boolean received,
      Policy policy,
      LocalDate d) {
    Column day = lit(Date.valueOf(d));
    // Each row counts in its own scope and in "all" (explode), so the union has six branches; the
    // frames they share are materialised once (localCheckpoint; the roll-up keeps the union):
    // re-planning the joins in every branch cost 10 s a call on a handful of rows.
    Dataset<Row> inForce = schools.filter(Frames.inForce(day)).localCheckpoint();
    Dataset<Row> districts = districtsOf(inForce).localCheckpoint();
    Dataset<Row> allScopes = scopes(schools, scopesAndAll());
    Dataset<Row> schoolScopes =
        scopes(schools, scopesAndAll().stream().filter(Inspections::ofSchools).toList());
    List<Dataset<Row>> parts = new ArrayList<>();
    // every district has a zero row per scope; every school in force is active in the scopes of
    // schools
    parts.add(
        measures(
            districts
                .withColumn("school_code", lit(null).cast("string"))
                .withColumn("school_name", lit(null).cast("string"))
                .crossJoin(allScopes),
            null,
            Map.of()));
    parts.add(
        measures(
            inForce
                .select("school_code", "school_name", "district_code", "district_name", "city_code")
                .crossJoin(schoolScopes),
            null,
            Map.of("schools_active", lit(1L))));
    if (received) {
      Dataset<Row> placed =
          placed(inspections.filter(col("inspection_date").leq(day)), inForce, districts);
      Column in30 = col("inspection_date").geq(lit(Date.valueOf(d.minusDays(29))));
      Dataset<Row> recent = placed.filter(in30).localCheckpoint();
      parts.add(
          measures(
              andAll(recent.filter(col("school_code").isNotNull().and(ofSchoolsScope())))
                  .select(
                      "school_code",
                      "school_name",
                      "district_code",
                      "district_name",
                      "city_code",
                      "scope")
                  .distinct(),
              null,
              Map.of("schools_inspected_30d", lit(1L))));
      parts.add(
          measures(
              andAll(recent),
              null,
              Map.of(
                  "inspections_30d",
                  lit(1L),
                  "unannounced_30d",
                  when(col("mode").equalTo(InspectionMode.UNANNOUNCED.code()), 1L).otherwise(0L))));
      Dataset<Row> f =
          andAll(ledgerRows(findings, inspections, inForce, districts, d)).localCheckpoint();
      Map<String, Column> fm = findingMeasures(d);
      parts.add(measures(f, null, fm));
      parts.add(measures(f, col("category"), fm));
    }
    Dataset<Row> rows =
        parts.stream().reduce(Dataset::unionByName).orElseThrow().withColumn("as_of", day);
    Dataset<Row> out =
        OrgRollup.rollup(rows, KEYS, COUNTS, policy.cityNames())
            .filter(
                col("org_level").notEqual(OrgLevel.SCHOOL.code()).or(col("org_code").isNotNull()))
            .withColumn("org_name", coalesce(col("org_name"), col("org_code")));
    for (String c : INSPECTION_MEASURES)
      out = out.withColumn(c, when(col("category").isNull(), col(c)));
    Column notSchools = col("scope").equalTo(InspectionScope.TRAINING_INSTITUTION.code());
    for (String c : SCHOOL_MEASURES)
      out = out.withColumn(c, when(notSchools.unary_$bang(), col(c)));
    if (!received) for (String c : COUNTS) out = out.withColumn(c, lit(null).cast("bigint"));
    return out.withColumn(
            "inspection_coverage_30d", OrgRollup.rate("schools_inspected_30d", "schools_active"))
        .withColumn("unannounced_share_30d", OrgRollup.rate("unannounced_30d", "inspections_30d"))
        .withColumn("rectified_on_time_rate", OrgRollup.rate("rectified_on_time", "findings_due"));
  }

  /**
   * D's ledger rows (without superseded_at): the checked findings of inspections dated <= D that
   * are open on D or were rectified in D - 29 .. D, with their organisation and status.
   */
  public static Dataset<Row> ledger(
      Dataset<Row> schools, Dataset<Row> inspections, Dataset<Row> findings, LocalDate d) {
    Column day = lit(Date.valueOf(d));
    Dataset<Row> inForce = schools.filter(Frames.inForce(day));
    Dataset<Row> districts = districtsOf(inForce);
    return ledgerRows(findings, inspections, inForce, districts, d)
        .filter(col("_open").or(col("rectified_date").geq(lit(Date.valueOf(d.minusDays(29))))))
        .withColumn("as_of", day)
        .withColumn("school_name", coalesce(col("school_name"), col("institution_name")))
        .withColumn(
            "org_level",
            when(col("school_code").isNull(), lit(OrgLevel.DISTRICT.code()))
                .otherwise(lit(OrgLevel.SCHOOL.code())))
        .withColumn("org_code", coalesce(col("school_code"), col("district_code")))
        .withColumn(
            "org_name", coalesce(col("school_name"), col("district_name"), col("district_code")))
        .withColumn(
            "parent_code",
            when(col("school_code").isNull(), col("city_code")).otherwise(col("district_code")));
  }

  /**
   * The checked findings of inspections dated <= D, placed, with status, days_overdue and _open.
   */
  private static Dataset<Row> ledgerRows(
      Dataset<Row> findings,
      Dataset<Row> inspections,
      Dataset<Row> inForce,
      Dataset<Row> districts,
      LocalDate d) {
    Column day = lit(Date.valueOf(d));
    Dataset<Row> f =
        checkedFindings(findings, inspections)
            .filter(col("inspection_date").leq(day))
            .drop("_known")
            .withColumnRenamed("_i_district", "i_district")
            .withColumnRenamed("_i_school", "i_school");
    Column open = col("rectified_date").isNull().or(col("rectified_date").gt(day));
    Column overdue = open.and(col("deadline").lt(day));
    return placed(
            f.withColumnRenamed("i_district", "district_code")
                .withColumnRenamed("i_school", "school_code"),
            inForce,
            districts)
        .withColumn("_open", open)
        .withColumn(
            "status",
            when(overdue, lit(FindingStatus.OVERDUE.code()))
                .when(open, lit(FindingStatus.OPEN.code()))
                .when(
                    col("deadline").isNull().or(col("rectified_date").leq(col("deadline"))),
                    lit(FindingStatus.RECTIFIED_ON_TIME.code()))
                .otherwise(lit(FindingStatus.RECTIFIED_LATE.code())))
        .withColumn("days_overdue", when(overdue, datediff(day, col("deadline"))));
  }

  /** The findings measures of one ledger row as of D. */
  private static Map<String, Column> findingMeasures(LocalDate d) {
    Column day = lit(Date.valueOf(d));
    Column due = col("deadline").leq(day);
    return Map.of(
        "findings_new_7d",
        when(col("inspection_date").geq(lit(Date.valueOf(d.minusDays(6)))), 1L).otherwise(0L),
        "findings_open",
        when(col("_open"), 1L).otherwise(0L),
        "findings_overdue",
        when(col("days_overdue").isNotNull(), 1L).otherwise(0L),
        "days_overdue",
        coalesce(col("days_overdue"), lit(0)),
        "findings_due",
        when(due, 1L).otherwise(0L),
        "rectified_on_time",
        when(due.and(col("rectified_date").leq(col("deadline"))), 1L).otherwise(0L));
  }

  /**
   * Rows with school_code and district_code as reported -> the school in force on D (its name,
   * district and city), else school_code null and the district reported.
   */
  private static Dataset<Row> placed(
      Dataset<Row> rows, Dataset<Row> inForce, Dataset<Row> districts) {
    Dataset<Row> s =
        inForce.select(
            col("school_code").as("_sc"),
            col("school_name"),
            col("district_code").as("_school_district"));
    Dataset<Row> base =
        rows.join(s, col("school_code").equalTo(col("_sc")), "left")
            .withColumn("school_code", col("_sc"))
            .withColumn("district_code", coalesce(col("_school_district"), col("district_code")))
            .drop("_sc", "_school_district");
    return base.join(
            districts.select(col("district_code").as("_dc"), col("district_name")),
            col("district_code").equalTo(col("_dc")),
            "left")
        .drop("_dc")
        .withColumn("city_code", OrgColumns.cityOf(col("district_code")));
  }

  /**
   * The rows for {@link OrgRollup#rollup}: org columns, as_of, scope, category and every count
   * (those not given 0).
   */
  private static Dataset<Row> measures(
      Dataset<Row> rows, Column category, Map<String, Column> given) {
    List<Column> cols = new ArrayList<>();
    for (String c :
        List.of("school_code", "school_name", "district_code", "district_name", "city_code"))
      cols.add(col(c));
    cols.add(col("scope"));
    cols.add((category == null ? lit(null).cast("string") : category).as("category"));
    for (String c : COUNTS) cols.add(given.getOrDefault(c, lit(0L)).cast("bigint").as(c));
    return rows.select(cols.toArray(Column[]::new));
  }

  /** Every row twice: in its own scope and in "all". */
  private static Dataset<Row> andAll(Dataset<Row> rows) {
    return rows.withColumn(
        "scope",
        org.apache.spark.sql.functions.explode(
            org.apache.spark.sql.functions.array(col("scope"), lit(InspectionScope.ALL))));
  }

  /** A one-column frame (scope) of the given scopes. */
  private static Dataset<Row> scopes(Dataset<Row> any, List<String> scopes) {
    return any.sparkSession()
        .createDataset(scopes, org.apache.spark.sql.Encoders.STRING())
        .toDF("scope");
  }

  private static Column ofSchoolsScope() {
    return col("scope")
        .isin(
            java.util.Arrays.stream(InspectionScope.values())
                .filter(InspectionScope::ofSchools)
                .map(InspectionScope::code)
                .toArray());
  }

  private static boolean ofSchools(String scope) {
    return scope.equals(InspectionScope.ALL) || InspectionScope.of(scope).ofSchools();
  }

  private static List<String> scopesAndAll() {
    List<String> s = new ArrayList<>(io.epiwatch.common.Coded.codes(InspectionScope.class));
    s.add(InspectionScope.ALL);
    return s;
  }

  /** The districts of the schools in force, named, with their city. */
  private static Dataset<Row> districtsOf(Dataset<Row> inForce) {
    return inForce
        .groupBy("district_code")
        .agg(first("district_name", true).as("district_name"))
        .withColumn("city_code", OrgColumns.cityOf(col("district_code")));
  }
}
