package io.epiwatch.gold;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.when;

import io.epiwatch.common.AreaKind;
import io.epiwatch.common.ExposureCategory;
import io.epiwatch.common.ExposureCategory.MatchType;
import io.epiwatch.config.Policy;
import io.epiwatch.spark.Frames;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;

/**
 * Exposure by area as of D (docs/rules.md §4.6.1): for each risk area with a high or medium period
 * overlapping the exposure window [D - window + 1, D], and each focus area of the policy shown on
 * D, the persons with a matching stay, by person type and 局直 (directly_managed of the attributed
 * school in the snapshot in force on D); plus the "all areas" rows (area_kind null), which count
 * each person once however many areas they stayed in. The stays, their flags and the attribution
 * are those of {@link RiskExposure} (one school and person type per person, as there).
 */
public final class ExposureByArea {
  private ExposureByArea() {}

  static final List<String> KEYS =
      List.of(
          "as_of",
          "area_kind",
          "area_code",
          "area_name",
          "risk_level",
          "match_type",
          "person_type",
          "directly_managed");
  static final List<String> COUNTS =
      List.of(
          "persons", "away", "in_monitoring", "tested_after_return", "missing_test", "unapproved");

  /** The org-level rows of gold.exposure_by_area as of D (without superseded_at). */
  public static Dataset<Row> exposure(
      Dataset<Row> schools, Dataset<Row> trips, Dataset<Row> areas, Policy policy, LocalDate d) {
    Dataset<Row> school =
        OrgRollup.withSchoolInForce(
            withDirectlyManaged(persons(trips, areas, policy, d), schools, d), schools, "as_of");
    return OrgRollup.rollup(school, KEYS, COUNTS, policy.cityNames());
  }

  /**
   * One row per person and area (and one per person with area_kind null: all areas): as_of,
   * person_key, person_type, school_code (attributed), the area columns and the 0/1 counts.
   */
  static Dataset<Row> persons(Dataset<Row> trips, Dataset<Row> areas, Policy policy, LocalDate d) {
    Dataset<Row> perTrip = RiskExposure.trips(trips, areas, policy, d);
    Dataset<Row> who =
        RiskExposure.persons(perTrip, policy, d)
            .select(col("person_key").as("_p"), col("person_type"), col("school_code"));
    Dataset<Row> stays =
        perTrip.select(
            col("person_key"),
            col("destination_code"),
            col("departure_date"),
            col("_end"),
            col("_away"),
            col("_monitoring"),
            col("_missing_test"),
            col("_unapproved"));
    Dataset<Row> perArea =
        riskAreas(stays, areas, policy, d).unionByName(focusAreas(stays, policy, d));
    Dataset<Row> all =
        perArea
            .groupBy("person_key")
            .agg(
                max("_a").as("_a"),
                max("_m").as("_m"),
                max("_r").as("_r"),
                max("_t").as("_t"),
                max("_u").as("_u"))
            .withColumn("area_kind", lit(null).cast("string"))
            .withColumn("area_code", lit(null).cast("string"))
            .withColumn("area_name", lit(null).cast("string"))
            .withColumn("risk_level", lit(null).cast("string"))
            .withColumn("match_type", lit(null).cast("string"));
    return perArea
        .unionByName(all)
        .join(who, col("person_key").equalTo(col("_p")))
        .withColumn("as_of", lit(Date.valueOf(d)))
        .withColumn("persons", lit(1L))
        .withColumn("away", col("_a").cast("long"))
        .withColumn(
            "in_monitoring", when(col("_a").equalTo(0).and(col("_m").equalTo(1)), 1L).otherwise(0L))
        .withColumn(
            "tested_after_return",
            when(col("_r").equalTo(1).and(col("_t").equalTo(0)), 1L).otherwise(0L))
        .withColumn("missing_test", col("_t").cast("long"))
        .withColumn("unapproved", col("_u").cast("long"))
        .select(
            "as_of",
            "person_key",
            "person_type",
            "school_code",
            "area_kind",
            "area_code",
            "area_name",
            "risk_level",
            "match_type",
            "persons",
            "away",
            "in_monitoring",
            "tested_after_return",
            "missing_test",
            "unapproved");
  }

  /**
   * Risk areas: an area counts on D when one of its high or medium periods overlaps the window; a
   * person when a stay overlaps both the window and a high or medium period of the area, matched
   * direct (destination inside the area) or possible (the area inside the destination).
   */
  private static Dataset<Row> riskAreas(
      Dataset<Row> stays, Dataset<Row> areas, Policy policy, LocalDate d) {
    Column day = lit(Date.valueOf(d));
    Column windowFrom = lit(Date.valueOf(d.minusDays(policy.exposureWindowDays() - 1L)));
    Dataset<Row> periods =
        areas
            .filter(
                col("risk_level")
                    .isin(ExposureCategory.HIGH.code(), ExposureCategory.MEDIUM.code()))
            .select("area_code", "area_name", "risk_level", "period_from", "period_to");
    Column inWindow =
        col("period_from")
            .leq(day)
            .and(col("period_to").isNull().or(col("period_to").geq(windowFrom)));
    // per area in force in the window: the highest level, the name of its latest period
    Dataset<Row> listed =
        periods
            .filter(inWindow)
            .groupBy(col("area_code").as("_ac"))
            .agg(
                max(when(col("risk_level").equalTo(ExposureCategory.HIGH.code()), 2).otherwise(1))
                    .as("_level"),
                max_by(col("area_name"), col("period_from")).as("area_name"));
    Column direct = col("destination_code").startsWith(col("area_code"));
    Column possible = col("area_code").startsWith(col("destination_code"));
    Column overlap =
        col("_end")
            .geq(windowFrom)
            .and(col("period_from").leq(col("_end")))
            .and(col("period_to").isNull().or(col("period_to").geq(col("departure_date"))))
            .and(direct.or(possible));
    Dataset<Row> hits =
        stays
            .join(periods.select("area_code", "period_from", "period_to"), overlap)
            .withColumn("_direct", direct.cast("int"))
            .groupBy("person_key", "area_code")
            .agg(max("_direct").as("_direct"), flags());
    return hits.join(listed, col("area_code").equalTo(col("_ac")))
        .select(
            col("person_key"),
            lit(AreaKind.RISK_AREA.code()).as("area_kind"),
            col("area_code"),
            col("area_name"),
            when(col("_level").equalTo(2), ExposureCategory.HIGH.code())
                .otherwise(ExposureCategory.MEDIUM.code())
                .as("risk_level"),
            when(col("_direct").equalTo(1), MatchType.DIRECT.code())
                .otherwise(MatchType.POSSIBLE.code())
                .as("match_type"),
            col("_a"),
            col("_m"),
            col("_r"),
            col("_t"),
            col("_u"));
  }

  /**
   * Focus areas shown on D: a person counts when a stay overlaps [since, D] (or the area's last
   * window-days days) and its destination starts with one of the area's match prefixes.
   */
  private static Dataset<Row> focusAreas(Dataset<Row> stays, Policy policy, LocalDate d) {
    List<Row> rows = new ArrayList<>();
    for (Policy.FocusArea f : policy.focusAreas()) {
      if (!f.appliesOn(d)) continue;
      for (String m : f.match())
        rows.add(RowFactory.create(f.id(), f.name(), m, Date.valueOf(f.windowFrom(d))));
    }
    Dataset<Row> focus =
        stays
            .sparkSession()
            .createDataFrame(
                rows,
                StructType.fromDDL(
                    "area_code STRING, area_name STRING, _prefix STRING, _from DATE"));
    return stays
        .join(
            focus,
            col("destination_code").startsWith(col("_prefix")).and(col("_end").geq(col("_from"))))
        .groupBy("person_key", "area_code", "area_name")
        .agg(max(lit(1)).as("_any"), flags())
        .select(
            col("person_key"),
            lit(AreaKind.FOCUS_AREA.code()).as("area_kind"),
            col("area_code"),
            col("area_name"),
            lit(null).cast("string").as("risk_level"),
            lit(null).cast("string").as("match_type"),
            col("_a"),
            col("_m"),
            col("_r"),
            col("_t"),
            col("_u"));
  }

  /**
   * Over a person's matching stays, as 0/1: _a any ongoing, _m any returned within its monitoring
   * days, _r any returned, _t any returned without a test on or after its return, _u any not
   * approved.
   */
  private static Column[] flags() {
    return new Column[] {
      max(col("_away").cast("int")).as("_a"),
      max(col("_monitoring").cast("int")).as("_m"),
      max(col("_away").unary_$bang().cast("int")).as("_r"),
      max(col("_missing_test").cast("int")).as("_t"),
      max(col("_unapproved").cast("int")).as("_u")
    };
  }

  /** directly_managed of the attributed school in the snapshot in force on D (false if unset). */
  private static Dataset<Row> withDirectlyManaged(
      Dataset<Row> rows, Dataset<Row> schools, LocalDate d) {
    Column day = lit(Date.valueOf(d));
    Dataset<Row> flag =
        schools
            .filter(Frames.inForce(day))
            .select(col("school_code").as("_dm"), col("directly_managed").as("_flag"));
    return rows.join(flag, col("school_code").equalTo(col("_dm")), "left")
        .withColumn("directly_managed", coalesce(col("_flag"), lit(false)))
        .drop("_dm", "_flag");
  }
}
