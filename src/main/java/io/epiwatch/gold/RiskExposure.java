package io.epiwatch.gold;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.when;

import io.epiwatch.common.ExposureCategory;
import io.epiwatch.common.ExposureCategory.Rank;
import io.epiwatch.config.Policy;
import io.epiwatch.spark.Frames;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * Risk exposure as of D per distinct person (docs/rules.md §4.6, §7): each trip departed by D gets
 * the highest category its stay [departure, return or D] reaches (abroad > high direct > high
 * possible > medium direct > medium possible > out_of_province > in_province); a person counts
 * once, under the category of their highest trip, at attributed_school_code (household members
 * under the linked student's school). The policy must be resolved against the schools ({@link
 * DataPolicy#resolve}): in_province means the home province derived from them, and in_province rows
 * are split into in_city / out_of_city by the home city (added columns; the rows are those of the
 * categories, docs/decisions.md).
 */
public final class RiskExposure {
  /** The counts of gold.risk_exposure, per person 0 or 1 and summed by the roll-up. */
  static final List<String> MEASURES =
      List.of(
          "persons",
          "persons_14d",
          "away",
          "in_monitoring",
          "completed",
          "unapproved",
          "missing_test",
          "in_city",
          "out_of_city");

  /** What identifies a person row of {@link #persons}. */
  private static final List<String> PERSON_KEYS =
      List.of("as_of", "person_key", "person_type", "school_code", "category", "match_type");

  private RiskExposure() {}

  public static Dataset<Row> exposure(
      Dataset<Row> schools, Dataset<Row> trips, Dataset<Row> areas, Policy policy, LocalDate d) {
    Dataset<Row> school =
        OrgRollup.withSchoolInForce(persons(trips, areas, policy, d), schools, "as_of");
    return OrgRollup.rollup(
            school,
            List.of("as_of", "person_type", "category", "match_type"),
            MEASURES,
            policy.cityNames())
        .withColumn(
            "match_type",
            when(col("match_type").equalTo(""), lit(null).cast("string"))
                .otherwise(col("match_type")))
        // the split belongs to in_province rows, and needs a home city
        .withColumn("in_city", splitOnly(col("in_city"), policy))
        .withColumn("out_of_city", splitOnly(col("out_of_city"), policy));
  }

  private static Column splitOnly(Column count, Policy policy) {
    return when(
            lit(policy.homeCity() != null)
                .and(col("category").equalTo(ExposureCategory.IN_PROVINCE.code())),
            count)
        .otherwise(lit(null).cast("bigint"));
  }

  /**
   * One row per person with a trip departed by D: person_key, person_type, school_code
   * (attributed), category, match_type ("" when none), the 0/1 counts persons, persons_14d, away,
   * in_monitoring, completed, unapproved, missing_test, in_city and out_of_city (an in_province
   * person whose trips all stayed within the home city, or not; both 0 otherwise or without a home
   * city), and last_return.
   */
  public static Dataset<Row> persons(
      Dataset<Row> trips, Dataset<Row> areas, Policy policy, LocalDate d) {
    Dataset<Row> perTrip = trips(trips, areas, policy, d);
    return persons(perTrip, policy, d);
  }

  /**
   * One row per trip departed by D (the stays every exposure view shares, docs/rules.md §7): the
   * columns of silver.travel_records plus _away (the stay is ongoing on D), _end (return date, or D
   * when away), _rank and _category / _match of the trip, _in_city (an in_province trip within the
   * home city; false without a home city), _days (the monitoring days of the trip: its category's,
   * in-city trips the in-city days), and the 0/1 flags _monitoring (returned and D - return <
   * _days), _recent (the stay ends on or after D - window + 1), _unapproved and _missing_test.
   */
  static Dataset<Row> trips(Dataset<Row> trips, Dataset<Row> areas, Policy policy, LocalDate d) {
    if (policy.homeProvince() == null) {
      throw new IllegalStateException(
          "epiwatch.policy.home-province is not set and silver.schools holds no school to derive it from: "
              + "load the schools extract first or set it");
    }
    Column day = lit(Date.valueOf(d));
    Dataset<Row> t =
        trips
            .filter(col("departure_date").leq(day))
            .withColumn("_away", col("return_date").isNull().or(col("return_date").gt(day)))
            .withColumn("_end", when(col("_away"), day).otherwise(col("return_date")));
    // risk_level codes of silver.risk_areas: a high or medium area makes a high or medium trip
    Dataset<Row> a =
        areas
            .filter(
                col("risk_level")
                    .isin(ExposureCategory.HIGH.code(), ExposureCategory.MEDIUM.code()))
            .select(col("area_code"), col("risk_level"), col("period_from"), col("period_to"));
    Column overlap =
        col("period_from")
            .leq(col("_end"))
            .and(col("period_to").isNull().or(col("period_to").geq(col("departure_date"))));
    Column direct = col("destination_code").startsWith(col("area_code"));
    Column possible =
        col("area_code").startsWith(col("destination_code")).and(direct.unary_$bang());
    Dataset<Row> hits =
        t.select("record_key", "destination_code", "departure_date", "_end")
            .join(a, overlap.and(direct.or(possible)), "inner")
            .withColumn(
                "_rank",
                when(
                        col("risk_level").equalTo(ExposureCategory.HIGH.code()).and(direct),
                        Rank.HIGH_DIRECT.rank())
                    .when(
                        col("risk_level").equalTo(ExposureCategory.HIGH.code()),
                        Rank.HIGH_POSSIBLE.rank())
                    .when(direct, Rank.MEDIUM_DIRECT.rank())
                    .otherwise(Rank.MEDIUM_POSSIBLE.rank()))
            .groupBy(col("record_key").as("_rk"))
            .agg(min("_rank").as("_risk_rank"));
    Dataset<Row> ranked =
        t.join(hits, col("record_key").equalTo(col("_rk")), "left")
            .withColumn(
                "_rank",
                when(coalesce(col("abroad"), lit(false)), Rank.ABROAD.rank())
                    .when(col("_risk_rank").isNotNull(), col("_risk_rank"))
                    .when(
                        substring(col("destination_code"), 1, 2).notEqual(policy.homeProvince()),
                        Rank.OUT_OF_PROVINCE.rank())
                    .otherwise(Rank.IN_PROVINCE.rank()));
    Column category = lit(null).cast("string");
    Column match = lit(null).cast("string");
    Rank[] ranks = Rank.values();
    for (int i = ranks.length - 1; i >= 0; i--) {
      Rank r = ranks[i];
      category = when(col("_rank").equalTo(r.rank()), lit(r.category().code())).otherwise(category);
      match =
          when(
                  col("_rank").equalTo(r.rank()),
                  lit(r.match() == null ? null : r.match().code()).cast("string"))
              .otherwise(match);
    }
    Column days = lit(0);
    for (var e : policy.monitoringDays().entrySet())
      days = when(col("_category").equalTo(e.getKey()), lit(e.getValue())).otherwise(days);
    days = when(col("_in_city"), lit(policy.inCityMonitoringDays())).otherwise(days);
    Column inCity =
        policy.homeCity() == null
            ? lit(false)
            : col("_rank")
                .equalTo(Rank.IN_PROVINCE.rank())
                .and(col("destination_code").startsWith(policy.homeCity()));
    return ranked
        .withColumn("_category", category)
        .withColumn("_match", match)
        .withColumn("_in_city", inCity)
        .withColumn("_days", days)
        .withColumn(
            "_monitoring",
            col("_away").unary_$bang().and(datediff(day, col("return_date")).lt(col("_days"))))
        .withColumn(
            "_recent",
            col("_end").geq(lit(Date.valueOf(d.minusDays(policy.exposureWindowDays() - 1)))))
        .withColumn("_unapproved", coalesce(col("approved"), lit("pending")).notEqual("yes"))
        .withColumn(
            "_missing_test",
            col("_away")
                .unary_$bang()
                .and(
                    col("nucleic_test_date")
                        .isNull()
                        .or(col("nucleic_test_date").lt(col("return_date")))));
  }

  /** {@link #persons(Dataset, Dataset, Policy, LocalDate)} from the trips of {@link #trips}. */
  static Dataset<Row> persons(Dataset<Row> perTrip, Policy policy, LocalDate d) {
    Column day = lit(Date.valueOf(d));
    Dataset<Row> best =
        Frames.firstPer(
                perTrip,
                List.of("person_key"),
                col("_rank"),
                col("departure_date").desc(),
                col("record_key"))
            .select(
                col("person_key").as("_p"),
                col("person_type"),
                col("attributed_school_code").as("school_code"),
                col("_category").as("category"),
                col("_match").as("match_type"));
    Dataset<Row> flags =
        perTrip
            .groupBy("person_key")
            .agg(
                max(col("_away").cast("int")).as("_any_away"),
                max(col("_monitoring").cast("int")).as("_any_monitoring"),
                max(col("_recent").cast("int")).as("_any_recent"),
                max(col("_unapproved").cast("int")).as("_any_unapproved"),
                max(col("_missing_test").cast("int")).as("_any_missing"),
                max("return_date").as("last_return"),
                max(col("_in_city").unary_$bang().cast("int")).as("_left_city"));
    // in_province persons split by the home city; without one, neither (0).
    Column inProvince =
        lit(policy.homeCity() != null)
            .and(col("category").equalTo(ExposureCategory.IN_PROVINCE.code()));
    Dataset<Row> persons =
        best.join(flags, col("_p").equalTo(col("person_key")))
            .withColumn("as_of", day)
            .withColumn("persons", lit(1L))
            .withColumn("away", col("_any_away").cast("long"))
            .withColumn(
                "in_monitoring",
                when(col("_any_away").equalTo(0).and(col("_any_monitoring").equalTo(1)), 1L)
                    .otherwise(0L))
            .withColumn(
                "completed",
                when(col("_any_away").equalTo(0).and(col("_any_monitoring").equalTo(0)), 1L)
                    .otherwise(0L))
            .withColumn("persons_14d", col("_any_recent").cast("long"))
            .withColumn("unapproved", col("_any_unapproved").cast("long"))
            .withColumn("missing_test", col("_any_missing").cast("long"))
            .withColumn("in_city", inProvince.and(col("_left_city").equalTo(0)).cast("long"))
            .withColumn("out_of_city", inProvince.and(col("_left_city").equalTo(1)).cast("long"))
            .withColumn("match_type", coalesce(col("match_type"), lit("")));
    List<String> columns = new ArrayList<>(PERSON_KEYS);
    columns.addAll(MEASURES);
    columns.add("last_return");
    return persons.select(columns.stream().map(functions::col).toArray(Column[]::new));
  }
}
