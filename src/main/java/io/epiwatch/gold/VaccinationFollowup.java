package io.epiwatch.gold;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_contains;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_set;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.exists;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import io.epiwatch.common.VaccinationStatus;
import io.epiwatch.config.Policy;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Vaccination follow-up as of D (docs/rules.md §4.8): the status of every person aged at or above
 * the vaccination minimum age ({@link VaccinationStatus}, first match wins), counted per unit,
 * person type and age band into gold.vaccination_followup, and listed per person by the follow-up
 * list. The population and the dose reading are coverage's ({@link Vaccination#persons}), so the
 * six statuses of eligible persons add up to coverage's eligible.
 */
public final class VaccinationFollowup {
  private VaccinationFollowup() {}

  /**
   * One row per person of {@link Vaccination#persons} aged at or above the vaccination minimum age:
   * person_key, school_code, person_type, age_band, eligible, dose1, status, dose_due (the dose
   * number a scheduled, due or overdue person needs next), due_date (of that dose; the valid_until
   * of an expiring contraindication), days_overdue (D - due_date, overdue only) and
   * campaign_at_risk.
   *
   * @param persons {@link Vaccination#persons} of D
   * @param contraindications silver.contraindications
   * @param doses silver.vaccinations
   */
  public static Dataset<Row> persons(
      Dataset<Row> persons,
      Dataset<Row> contraindications,
      Dataset<Row> doses,
      Policy policy,
      LocalDate d) {
    Column day = lit(Date.valueOf(d));
    Policy.VaccinationFollowUp conf = policy.vaccination();
    Dataset<Row> perPerson =
        doses
            .filter(col("vaccination_date").leq(day))
            .groupBy(col("person_key").as("_fp"))
            .agg(
                collect_set("dose_number").as("_doses"),
                max("dose_number").as("_highest"),
                max_by(col("vaccination_date"), col("dose_number")).as("_last_date"),
                max(when(col("dose_number").equalTo(1), col("series_doses"))).as("_series"),
                max(when(col("dose_number").equalTo(1), col("min_interval_days"))).as("_interval"));
    // the contraindication valid on D (silver keeps one per person): its end, null = permanent
    Dataset<Row> ci =
        contraindications
            .filter(Vaccination.contraindicationValidOn(day))
            .groupBy(col("person_key").as("_cp"))
            .agg(max("valid_until").as("_valid_until"));

    Column doses1 = coalesce(col("_doses"), array().cast("array<int>"));
    Column gap = exists(doses1, k -> k.gt(1).and(not(array_contains(doses1, k.minus(1)))));
    Column hasDose1 = array_contains(doses1, 1);
    Column dueDate = date_add(col("_last_date"), coalesce(col("_interval"), lit(0)));
    Column late = datediff(day, dueDate);
    Column seriesDone = col("_series").isNotNull().and(col("_highest").geq(col("_series")));
    Column expiring =
        col("_valid_until")
            .isNotNull()
            .and(
                col("_valid_until")
                    .leq(lit(Date.valueOf(d.plusDays(VaccinationStatus.EXPIRING_WITHIN_DAYS)))));
    Column status =
        when(
                col("contraindicated"),
                when(expiring, code(VaccinationStatus.CONTRAINDICATION_EXPIRING))
                    .otherwise(code(VaccinationStatus.CONTRAINDICATED)))
            // a product not in conf: the series, and so the next dose, cannot be known
            .when(gap.or(hasDose1.and(col("_series").isNull())), code(VaccinationStatus.RECORD_GAP))
            .when(not(hasDose1), code(VaccinationStatus.NEVER_VACCINATED))
            .when(seriesDone, code(VaccinationStatus.COMPLETED))
            .when(late.gt(conf.graceDays()), code(VaccinationStatus.OVERDUE))
            .when(late.geq(0), code(VaccinationStatus.DUE))
            .otherwise(code(VaccinationStatus.SCHEDULED));
    Column pending =
        col("status")
            .isin(
                VaccinationStatus.OVERDUE.code(),
                VaccinationStatus.DUE.code(),
                VaccinationStatus.SCHEDULED.code());

    return persons
        .filter(col("age").geq(policy.vaccinationMinAge()))
        .join(perPerson, col("person_key").equalTo(col("_fp")), "left")
        .join(ci, col("person_key").equalTo(col("_cp")), "left")
        .withColumn("status", status)
        .withColumn("dose_due", when(pending, col("_highest").plus(1)))
        .withColumn(
            "due_date",
            when(pending, dueDate)
                .when(
                    col("status").equalTo(VaccinationStatus.CONTRAINDICATION_EXPIRING.code()),
                    col("_valid_until")))
        .withColumn(
            "days_overdue", when(col("status").equalTo(VaccinationStatus.OVERDUE.code()), late))
        .withColumn("campaign_at_risk", campaignAtRisk(policy, d))
        .select(
            "person_key",
            "school_code",
            "person_type",
            "age_band",
            "eligible",
            "dose1",
            "status",
            "dose_due",
            "due_date",
            "days_overdue",
            "campaign_at_risk");
  }

  /**
   * The rows with a listed status ({@link VaccinationStatus#listedStatuses()}): of {@link
   * #persons}, the persons the follow-up list names; of gold.vaccination_followup, their counts.
   */
  public static Dataset<Row> listed(Dataset<Row> followup) {
    return followup.filter(
        col("status")
            .isin(
                VaccinationStatus.listedStatuses().stream()
                    .map(VaccinationStatus::code)
                    .toArray()));
  }

  /**
   * An eligible person whose band has a campaign with its deadline at most deadline-warning-days
   * after D (or past) and who lacks that campaign's dose (as campaign progress counts it: dose 1,
   * dose 2, or the completed series for a higher dose number).
   */
  private static Column campaignAtRisk(Policy policy, LocalDate d) {
    Column atRisk = lit(false);
    for (Policy.Campaign c : policy.campaigns()) {
      if (c.deadline().isAfter(d.plusDays(policy.vaccination().deadlineWarningDays()))) continue;
      String achieved = c.dose() == 1 ? "dose1" : c.dose() == 2 ? "dose2" : "completed";
      atRisk = atRisk.or(col("age_band").equalTo(c.ageBand()).and(not(col(achieved))));
    }
    return col("eligible").and(atRisk);
  }

  /**
   * gold.vaccination_followup: per unit (school, district, city), person type and age band, one row
   * per status with the persons of that status and how many of them are campaign_at_risk.
   *
   * @param followup {@link #persons} of D
   */
  public static Dataset<Row> followup(
      Dataset<Row> schools, Dataset<Row> followup, Policy policy, LocalDate d) {
    Dataset<Row> school =
        OrgRollup.withSchoolInForce(
            followup.withColumn("as_of", lit(Date.valueOf(d))), schools, "as_of");
    List<String> counts = new ArrayList<>();
    List<Column> unpivot = new ArrayList<>();
    for (VaccinationStatus s : VaccinationStatus.values()) {
      String n = "_n_" + s.code();
      String r = "_r_" + s.code();
      Column is = col("status").equalTo(s.code());
      school =
          school
              .withColumn(n, when(is, 1L).otherwise(0L))
              .withColumn(r, when(is.and(col("campaign_at_risk")), 1L).otherwise(0L));
      counts.add(n);
      counts.add(r);
      unpivot.add(
          struct(lit(s.code()).as("status"), col(n).as("persons"), col(r).as("campaign_at_risk")));
    }
    Dataset<Row> rolled =
        OrgRollup.rollup(
            school, List.of("as_of", "person_type", "age_band"), counts, policy.cityNames());
    List<Column> out =
        new ArrayList<>(
            Arrays.stream(
                    new String[] {
                      "as_of",
                      "org_level",
                      "org_code",
                      "org_name",
                      "parent_code",
                      "person_type",
                      "age_band"
                    })
                .map(org.apache.spark.sql.functions::col)
                .toList());
    out.add(explode(array(unpivot.toArray(Column[]::new))).as("_s"));
    return rolled
        .select(out.toArray(Column[]::new))
        .select(col("*"), col("_s.status"), col("_s.persons"), col("_s.campaign_at_risk"))
        .drop("_s");
  }

  private static Column code(VaccinationStatus s) {
    return lit(s.code());
  }
}
