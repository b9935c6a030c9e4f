package io.epiwatch.gold;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.epiwatch.common.IncidentPeriod;
import io.epiwatch.common.IncidentType;
import io.epiwatch.common.OrgLevel;
import io.epiwatch.config.Policy;
import io.epiwatch.spark.OrgColumns;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * gold.safety_incidents_summary as of D (docs/rules.md §4.9): per organisation, period ({@link
 * IncidentPeriod}) and incident type (and all types), the incidents dated in the period: events,
 * death events (deaths > 0), deaths, injured, students involved, and incidents reported more than
 * 24 hours after the end of their day. A school's incidents roll up to the district of the snapshot
 * in force on D; an incident without a school (or of a school not in force on D) counts under the
 * district it names. Every city and district in force has an "all" row per period, zeros included,
 * so "no incident" is a stated zero; when no safety_incidents file was ever received those rows
 * carry null measures (no data), and there are no other rows.
 */
public final class SafetyIncidents {
  private SafetyIncidents() {}

  static final List<String> KEYS =
      List.of("as_of", "period", "period_from", "period_to", "incident_type");
  static final List<String> COUNTS =
      List.of(
          "events",
          "death_events",
          "deaths",
          "injured",
          "students_involved",
          "report_delay_gt_24h");

  /**
   * The org-level rows as of D (without superseded_at).
   *
   * @param schools silver.schools
   * @param incidents silver.safety_incidents (empty when none)
   * @param received whether the warehouse ever received a safety_incidents file
   */
  public static Dataset<Row> summary(
      Dataset<Row> schools, Dataset<Row> incidents, boolean received, Policy policy, LocalDate d) {
    // the frames every period's branches read are computed once and kept (localCheckpoint, as in
    // Inspections): otherwise each branch of the union ran its own joins and broadcasts again (82
    // Spark jobs for a city's 33 rows)
    Dataset<Row> inForce = inForce(schools, d).localCheckpoint();
    Dataset<Row> districts =
        inForce
            .groupBy("district_code")
            .agg(first("district_name", true).as("district_name"))
            .withColumn("city_code", OrgColumns.cityOf(col("district_code")))
            .localCheckpoint();
    Dataset<Row> zeros = null;
    for (IncidentPeriod p : IncidentPeriod.values()) {
      Dataset<Row> z =
          withPeriod(districts, p, d)
              .withColumn("school_code", lit(null).cast("string"))
              .withColumn("school_name", lit(null).cast("string"))
              .withColumn("incident_type", lit(IncidentType.ALL));
      for (String c : COUNTS) z = z.withColumn(c, lit(0L));
      zeros = zeros == null ? z : zeros.unionByName(z);
    }
    Dataset<Row> rows =
        received ? perIncident(incidents, inForce, districts, d).unionByName(zeros) : zeros;
    Dataset<Row> out =
        OrgRollup.rollup(rows, KEYS, COUNTS, policy.cityNames())
            .filter(
                col("org_level").notEqual(OrgLevel.SCHOOL.code()).or(col("org_code").isNotNull()))
            .withColumn("org_name", coalesce(col("org_name"), col("org_code")));
    if (!received) for (String c : COUNTS) out = out.withColumn(c, lit(null).cast("bigint"));
    return out;
  }

  /**
   * One row per incident and period it falls in, twice (its type and "all"), with the school and
   * district columns {@link OrgRollup#rollup} needs and 0/1 or count measures.
   */
  static Dataset<Row> perIncident(
      Dataset<Row> incidents, Dataset<Row> inForce, Dataset<Row> districts, LocalDate d) {
    Dataset<Row> s =
        inForce.select(
            col("school_code").as("_sc"),
            col("school_name"),
            col("district_code").as("_school_district"));
    Dataset<Row> base =
        incidents
            .filter(
                col("incident_date")
                    .geq(lit(Date.valueOf(IncidentPeriod.SAME_PERIOD_LAST_YEAR.from(d))))
                    .and(col("incident_date").leq(lit(Date.valueOf(d)))))
            .join(s, col("school_code").equalTo(col("_sc")), "left")
            .withColumn("_district", coalesce(col("_school_district"), col("district_code")))
            .drop("_sc", "_school_district", "district_code")
            .withColumnRenamed("_district", "district_code");
    Dataset<Row> named =
        base.join(
                districts.select(col("district_code").as("_dc"), col("district_name")),
                col("district_code").equalTo(col("_dc")),
                "left")
            .drop("_dc")
            .withColumn("city_code", OrgColumns.cityOf(col("district_code")));
    Column deaths = coalesce(col("deaths"), lit(0)).cast("bigint");
    Dataset<Row> measured =
        named
            .select(
                col("incident_date"),
                col("incident_type"),
                col("school_code"),
                col("school_name"),
                col("district_code"),
                col("district_name"),
                col("city_code"),
                lit(1L).as("events"),
                when(deaths.gt(0), 1L).otherwise(0L).as("death_events"),
                deaths.as("deaths"),
                coalesce(col("injured"), lit(0)).cast("bigint").as("injured"),
                coalesce(col("students_involved"), lit(0)).cast("bigint").as("students_involved"),
                when(lateReport(), 1L).otherwise(0L).as("report_delay_gt_24h"))
            .localCheckpoint();
    Dataset<Row> all = null;
    for (IncidentPeriod p : IncidentPeriod.values()) {
      Dataset<Row> inPeriod =
          withPeriod(
                  measured.filter(
                      col("incident_date")
                          .geq(lit(Date.valueOf(p.from(d))))
                          .and(col("incident_date").leq(lit(Date.valueOf(p.to(d)))))),
                  p,
                  d)
              .drop("incident_date");
      Dataset<Row> both =
          inPeriod.unionByName(inPeriod.withColumn("incident_type", lit(IncidentType.ALL)));
      all = all == null ? both : all.unionByName(both);
    }
    return all;
  }

  /**
   * Reported more than 24 hours after the end of the incident's day (the extract has no time of
   * day): reported_at later than incident_date + 2 days, 00:00 local time.
   */
  static Column lateReport() {
    return col("reported_at").gt(date_add(col("incident_date"), 2).cast("timestamp"));
  }

  private static Dataset<Row> withPeriod(Dataset<Row> rows, IncidentPeriod p, LocalDate d) {
    return rows.withColumn("as_of", lit(Date.valueOf(d)))
        .withColumn("period", lit(p.code()))
        .withColumn("period_from", lit(Date.valueOf(p.from(d))))
        .withColumn("period_to", lit(Date.valueOf(p.to(d))));
  }

  /** silver.schools rows in force on D. */
  private static Dataset<Row> inForce(Dataset<Row> schools, LocalDate d) {
    Column day = lit(Date.valueOf(d));
    return schools.filter(
        col("valid_from").leq(day).and(col("valid_to").isNull().or(day.lt(col("valid_to")))));
  }
}
