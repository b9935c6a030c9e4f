package io.epiwatch.gold;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.when;

import io.epiwatch.common.OrgLevel;
import io.epiwatch.config.Policy;
import io.epiwatch.spark.Frames;
import io.epiwatch.spark.OrgColumns;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * gold.campus_stays as of D (docs/rules.md §4.12): students staying on campus during a holiday. A
 * stay is on campus on D when approved = yes and stay_from <= D <= stay_to (stay_to null =
 * open-ended); pending when approved = pending and stay_to is null or >= D (covering D or starting
 * later); a rejected stay (no) counts nowhere. Of the students on campus: those whose guardian was
 * not contacted (guardian_contact_ok false on an on-campus stay), and those with an illness absence
 * dated D (silver.absence_cases) or a case signal dated D (gold.case_signals). A student counts
 * once per school whatever the number of stays. Schools roll up to the district of the snapshot in
 * force on D; every city and district in force has a row (zeros), and when no campus_stays file was
 * ever received those rows carry null measures (no data), and there are no other rows.
 */
public final class CampusStays {
  private CampusStays() {}

  static final List<String> KEYS = List.of("as_of");
  static final List<String> COUNTS =
      List.of("on_campus", "pending", "no_guardian_contact", "ill_or_signal");

  /**
   * One row per (school_code, person_key) with a stay on campus or pending on D: the person's
   * grade, class, dormitory and dates of the on-campus stay (the latest starting one), and 0/1
   * measures of {@link #COUNTS}. The follow-up list reads the on-campus rows.
   *
   * @param stays silver.campus_stays
   * @param cases silver.absence_cases
   * @param signals gold.case_signals (the rows of this run)
   */
  public static Dataset<Row> persons(
      Dataset<Row> stays, Dataset<Row> cases, Dataset<Row> signals, LocalDate d) {
    Column day = lit(Date.valueOf(d));
    Column open = col("stay_to").isNull().or(col("stay_to").geq(day));
    Column onCampus = col("approved").equalTo("yes").and(col("stay_from").leq(day)).and(open);
    Column pending = col("approved").equalTo("pending").and(open);
    Dataset<Row> flagged =
        stays
            .withColumn("_on", when(onCampus, 1L).otherwise(0L))
            .withColumn("_pending", when(pending, 1L).otherwise(0L))
            .filter(col("_on").equalTo(1L).or(col("_pending").equalTo(1L)))
            .withColumn(
                "_no_contact",
                when(onCampus.and(not(coalesce(col("guardian_contact_ok"), lit(false)))), 1L)
                    .otherwise(0L));
    // one row per student and school: the on-campus stay (else the pending one) starting latest
    Dataset<Row> perPerson =
        Frames.firstPer(
                flagged
                    .withColumn("on_campus", max("_on").over(byPerson()))
                    .withColumn("pending", max("_pending").over(byPerson()))
                    .withColumn("no_guardian_contact", max("_no_contact").over(byPerson())),
                List.of("school_code", "person_key"),
                col("_on").desc(),
                col("stay_from").desc())
            .select(
                "school_code",
                "person_key",
                "grade",
                "class_name",
                "dormitory",
                "stay_from",
                "stay_to",
                "guardian_contact_ok",
                "on_campus",
                "pending",
                "no_guardian_contact");
    Dataset<Row> ill =
        cases
            .filter(col("report_date").equalTo(day))
            .select(col("person_key").as("_ill"))
            .unionByName(
                signals
                    .filter(col("signal_date").equalTo(day).and(col("person_key").isNotNull()))
                    .select(col("person_key").as("_ill")))
            .distinct();
    return perPerson
        .join(ill, col("person_key").equalTo(col("_ill")), "left")
        .withColumn(
            "ill_or_signal",
            when(col("on_campus").equalTo(1L).and(col("_ill").isNotNull()), 1L).otherwise(0L))
        .drop("_ill")
        .withColumn("as_of", day);
  }

  private static org.apache.spark.sql.expressions.WindowSpec byPerson() {
    return org.apache.spark.sql.expressions.Window.partitionBy("school_code", "person_key");
  }

  /**
   * The org-level rows as of D (without superseded_at).
   *
   * @param schools silver.schools
   * @param persons {@link #persons} of D
   * @param received whether the warehouse ever received a campus_stays file
   */
  public static Dataset<Row> summary(
      Dataset<Row> schools, Dataset<Row> persons, boolean received, Policy policy, LocalDate d) {
    Column day = lit(Date.valueOf(d));
    Dataset<Row> inForce = schools.filter(Frames.inForce(day));
    Dataset<Row> zeros =
        inForce
            .groupBy("district_code")
            .agg(first("district_name", true).as("district_name"))
            .withColumn("city_code", OrgColumns.cityOf(col("district_code")))
            .withColumn("school_code", lit(null).cast("string"))
            .withColumn("school_name", lit(null).cast("string"))
            .withColumn("as_of", day);
    for (String c : COUNTS) zeros = zeros.withColumn(c, lit(0L));
    Dataset<Row> rows = zeros;
    if (received) {
      Dataset<Row> school =
          OrgRollup.withSchoolInForce(persons, schools, "as_of")
              .select(
                  col("as_of"),
                  col("school_code"),
                  col("school_name"),
                  col("district_code"),
                  col("district_name"),
                  col("city_code"),
                  col("on_campus"),
                  col("pending"),
                  col("no_guardian_contact"),
                  col("ill_or_signal"));
      rows = school.unionByName(zeros);
    }
    Dataset<Row> out =
        OrgRollup.rollup(rows, KEYS, COUNTS, policy.cityNames())
            .filter(
                col("org_level").notEqual(OrgLevel.SCHOOL.code()).or(col("org_code").isNotNull()))
            .withColumn("org_name", coalesce(col("org_name"), col("org_code")));
    if (!received) for (String c : COUNTS) out = out.withColumn(c, lit(null).cast("bigint"));
    return out;
  }
}
