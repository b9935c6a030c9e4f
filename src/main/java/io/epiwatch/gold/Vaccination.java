package io.epiwatch.gold;

import static io.epiwatch.gold.OrgRollup.rate;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.floor;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.months_between;
import static org.apache.spark.sql.functions.when;

import io.epiwatch.config.Policy;
import io.epiwatch.spark.Frames;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Vaccination coverage and campaign progress as of D (docs/rules.md §4.5, §7). Eligible = active
 * roster persons aged >= the minimum age without a contraindication valid on D; doses dated <= D,
 * the latest row per (person, dose); the dose-1 product decides the series length.
 */
public final class Vaccination {
  private Vaccination() {}

  /** One row per active roster person on D with age band and dose status. */
  public static Dataset<Row> persons(
      Dataset<Row> roster,
      Dataset<Row> contraindications,
      Dataset<Row> doses,
      Policy policy,
      LocalDate d) {
    Column day = lit(Date.valueOf(d));
    Dataset<Row> active =
        roster
            .filter(Frames.inForce(day).and(col("status").equalTo("active")))
            .transform(
                rows ->
                    io.epiwatch.spark.Frames.firstPer(
                        rows,
                        java.util.List.of("person_key"),
                        col("valid_from").desc(),
                        col("school_code")))
            .withColumn(
                "age", floor(months_between(day, col("birth_date")).divide(12)).cast("int"));
    Column band = lit(null).cast("string");
    List<Policy.AgeBand> bands = policy.ageBands();
    for (int i = bands.size() - 1; i >= 0; i--) {
      Policy.AgeBand b = bands.get(i);
      Column in = col("age").geq(b.min());
      if (b.max() != null) in = in.and(col("age").leq(b.max()));
      band = when(in, lit(b.band())).otherwise(band);
    }
    Dataset<Row> ci =
        contraindications
            .filter(contraindicationValidOn(day))
            .select(col("person_key").as("_ci"))
            .distinct();
    Dataset<Row> perPerson =
        doses
            .filter(col("vaccination_date").leq(day))
            .groupBy(col("person_key").as("_dp"))
            .agg(
                max(when(col("dose_number").equalTo(1), col("series_doses"))).as("_series"),
                max(when(col("dose_number").equalTo(1), true).otherwise(false)).as("_has1"),
                org.apache.spark.sql.functions.collect_set("dose_number").as("_doses"),
                max(when(col("dose_number").equalTo(2), true).otherwise(false)).as("_has2"),
                max(when(col("dose_number").equalTo(3), true).otherwise(false)).as("_has3"),
                max(when(col("dose_number").equalTo(4), true).otherwise(false)).as("_has4"));
    Column completed =
        col("_has1")
            .and(col("_series").isNotNull())
            .and(col("_series").leq(1).or(col("_has2")))
            .and(col("_series").leq(2).or(col("_has3")))
            .and(col("_series").leq(3).or(col("_has4")));
    Column booster =
        col("_series")
            .isNotNull()
            .and(org.apache.spark.sql.functions.exists(col("_doses"), x -> x.gt(col("_series"))));
    return active
        .withColumn("age_band", band)
        .filter(col("age_band").isNotNull())
        .join(ci, col("person_key").equalTo(col("_ci")), "left")
        .join(perPerson, col("person_key").equalTo(col("_dp")), "left")
        .withColumn("contraindicated", col("_ci").isNotNull())
        .withColumn("eligible", col("age").geq(policy.vaccinationMinAge()).and(col("_ci").isNull()))
        .withColumn("dose1", col("eligible").and(coalesce(col("_has1"), lit(false))))
        .withColumn(
            "dose2",
            col("eligible")
                .and(coalesce(col("_has1"), lit(false)))
                .and(coalesce(col("_has2"), lit(false))))
        .withColumn("completed", col("eligible").and(coalesce(completed, lit(false))))
        .withColumn("booster", col("eligible").and(coalesce(booster, lit(false))))
        .select(
            "person_key",
            "school_code",
            "person_type",
            "age",
            "age_band",
            "contraindicated",
            "eligible",
            "dose1",
            "dose2",
            "completed",
            "booster");
  }

  private static Column n(String flag) {
    return when(col(flag), 1L).otherwise(0L);
  }

  public static Dataset<Row> coverage(
      Dataset<Row> schools, Dataset<Row> persons, Policy policy, LocalDate d) {
    Dataset<Row> school =
        OrgRollup.withSchoolInForce(
                persons.withColumn("as_of", lit(Date.valueOf(d))), schools, "as_of")
            .withColumn("roster_persons", lit(1L))
            .withColumn("contraindicated", n("contraindicated"))
            .withColumn("eligible", n("eligible"))
            .withColumn("dose1", n("dose1"))
            .withColumn("completed", n("completed"))
            .withColumn("booster", n("booster"));
    Dataset<Row> out =
        OrgRollup.rollup(
                school,
                List.of("as_of", "person_type", "age_band"),
                List.of(
                    "roster_persons",
                    "contraindicated",
                    "eligible",
                    "dose1",
                    "completed",
                    "booster"),
                policy.cityNames())
            .withColumn("dose1_rate", rate("dose1", "eligible"))
            .withColumn("completed_rate", rate("completed", "eligible"))
            .withColumn("_d1_minus_c", col("dose1").minus(col("completed")))
            .withColumn("dropout_rate", rate("_d1_minus_c", "dose1"))
            .drop("_d1_minus_c");
    return out;
  }

  public static Dataset<Row> campaigns(
      Dataset<Row> schools, Dataset<Row> persons, Policy policy, LocalDate d) {
    List<Dataset<Row>> parts = new ArrayList<>();
    Dataset<Row> base =
        OrgRollup.withSchoolInForce(
            persons.withColumn("as_of", lit(Date.valueOf(d))), schools, "as_of");
    for (Policy.Campaign c : policy.campaigns()) {
      String doseFlag = c.dose() == 1 ? "dose1" : c.dose() == 2 ? "dose2" : "completed";
      Dataset<Row> school =
          base.filter(col("age_band").equalTo(c.ageBand()))
              .withColumn("campaign_id", lit(c.id()))
              .withColumn("eligible", n("eligible"))
              .withColumn("achieved", n(doseFlag));
      Dataset<Row> rolled =
          OrgRollup.rollup(
                  school,
                  List.of("as_of", "campaign_id"),
                  List.of("eligible", "achieved"),
                  policy.cityNames())
              .withColumn("age_band", lit(c.ageBand()))
              .withColumn("dose_number", lit(c.dose()))
              .withColumn("deadline", lit(Date.valueOf(c.deadline())))
              .withColumn("target_rate", lit(c.targetRate()))
              .withColumn("achieved_rate", rate("achieved", "eligible"))
              .withColumn(
                  "gap_persons",
                  org.apache.spark.sql.functions.greatest(
                      lit(0L),
                      org.apache
                          .spark
                          .sql
                          .functions
                          .ceil(col("eligible").multiply(c.targetRate()).minus(1e-9))
                          .cast("bigint")
                          .minus(col("achieved"))))
              .withColumn(
                  "days_left", datediff(lit(Date.valueOf(c.deadline())), lit(Date.valueOf(d))))
              .withColumn(
                  "lagging",
                  coalesce(col("achieved_rate"), lit(0.0))
                      .lt(policy.laggingThreshold() * c.targetRate())
                      .and(col("eligible").gt(0)));
      parts.add(rolled);
    }
    return parts.stream().reduce(Dataset::unionByName).orElseThrow();
  }

  /** A rate above 100% can only come from a bug (docs/rules.md §4.5): fail the job. */
  static void assertRatesAtMostOne(Dataset<Row> coverage) {
    long bad = coverage.filter(col("dose1_rate").gt(1.0).or(col("completed_rate").gt(1.0))).count();
    if (bad > 0)
      throw new IllegalStateException(
          "gold.vaccination_coverage: "
              + bad
              + " row(s) with a rate above 100% (a bug; nothing written)");
  }

  /**
   * A silver.contraindications row in force on the day: recorded by then and valid until then or
   * without an end (docs/rules.md §4.5).
   */
  static Column contraindicationValidOn(Column day) {
    return col("recorded_at")
        .cast("date")
        .leq(day)
        .and(col("valid_until").isNull().or(col("valid_until").geq(day)));
  }
}
