package io.epiwatch.gold;

import static io.epiwatch.gold.OrgRollup.rate;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_timestamp;
import static org.apache.spark.sql.functions.when;

import io.epiwatch.common.OrgLevel;
import io.epiwatch.config.Policy;
import java.sql.Date;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The daily metrics (docs/rules.md §4.1-4.3, §7): reporting compliance, attendance and absence by
 * cause, per school and rolled up, for every calendar day from the first report date to the run
 * date.
 */
public final class DailyMetrics {
  private DailyMetrics() {}

  /** Cutoff timestamp of a report date from the dated policy (10:00:00 exactly is on time). */
  static Column cutoff(Column reportDate, Policy policy) {
    List<Policy.Dated<java.time.LocalTime>> cuts =
        policy.reportingCutoffs().stream()
            .sorted(Comparator.comparing(Policy.Dated::from))
            .toList();
    Column time = lit(cuts.get(0).value().toString());
    for (Policy.Dated<java.time.LocalTime> c : cuts) {
      time =
          when(reportDate.geq(lit(Date.valueOf(c.from()))), lit(c.value().toString()))
              .otherwise(time);
    }
    return to_timestamp(concat(reportDate.cast("string"), lit(" "), time));
  }

  public static Dataset<Row> reportingCompliance(
      Dataset<Row> schools, Dataset<Row> reports, LocalDate runDate, Policy policy) {
    Row first = reports.agg(org.apache.spark.sql.functions.min("report_date")).first();
    if (first.isNullAt(0)) return reports.sparkSession().emptyDataFrame();
    return reportingCompliance(schools, reports, first.getDate(0).toLocalDate(), runDate, policy);
  }

  /**
   * Compliance for every day from {@code from} to the run date; {@code reports} needs only the rows
   * of those days (a day without any report has every expected school missing).
   */
  public static Dataset<Row> reportingCompliance(
      Dataset<Row> schools,
      Dataset<Row> reports,
      LocalDate from,
      LocalDate runDate,
      Policy policy) {
    Dataset<Row> days =
        reports
            .sparkSession()
            .range(1)
            .select(
                explode(sequence(lit(Date.valueOf(from)), lit(Date.valueOf(runDate))))
                    .as("report_date"));
    Dataset<Row> expected =
        OrgRollup.withSchoolInForce(
            days.crossJoin(schools.select("school_code").distinct()), schools, "report_date");
    Dataset<Row> r =
        reports.select(
            col("report_date").as("_d"),
            col("school_code").as("_s"),
            col("first_submitted_at"),
            col("zero_report"));
    Dataset<Row> school =
        expected
            .join(
                r,
                col("report_date").equalTo(col("_d")).and(col("school_code").equalTo(col("_s"))),
                "left")
            .withColumn(
                "status",
                when(col("_d").isNull(), "missing")
                    .when(
                        col("first_submitted_at").leq(cutoff(col("report_date"), policy)),
                        "on_time")
                    .otherwise("late"))
            .withColumn("expected", lit(1L))
            .withColumn("reported", when(col("_d").isNotNull(), 1L).otherwise(0L))
            .withColumn("on_time", when(col("status").equalTo("on_time"), 1L).otherwise(0L))
            .withColumn("late", when(col("status").equalTo("late"), 1L).otherwise(0L))
            .withColumn("missing", when(col("status").equalTo("missing"), 1L).otherwise(0L))
            .withColumn(
                "zero_reports", when(coalesce(col("zero_report"), lit(false)), 1L).otherwise(0L));
    Dataset<Row> rolled =
        OrgRollup.rollup(
            school,
            List.of("report_date"),
            List.of("expected", "reported", "on_time", "late", "missing", "zero_reports"),
            policy.cityNames());
    Dataset<Row> detail =
        school.select(
            col("report_date").as("_d2"),
            col("school_code").as("_s2"),
            col("status"),
            col("first_submitted_at"));
    return rolled
        .join(
            detail,
            col("org_level")
                .equalTo(OrgLevel.SCHOOL.code())
                .and(col("report_date").equalTo(col("_d2")))
                .and(col("org_code").equalTo(col("_s2"))),
            "left")
        .drop("_d2", "_s2")
        .withColumn("reporting_rate", rate("reported", "expected"))
        .withColumn("timeliness_rate", rate("on_time", "expected"))
        .withColumn("zero_report_share", rate("zero_reports", "reported"));
  }

  private static final List<String> ATTENDANCE_COUNTS =
      List.of(
          "schools_reporting",
          "students_expected",
          "students_present",
          "students_absent_illness",
          "students_absent_other",
          "staff_expected",
          "staff_absent_illness",
          "fever_cases",
          "suspected_cases",
          "confirmed_cases",
          "line_list_cases",
          "followed_up");

  public static Dataset<Row> attendance(
      Dataset<Row> schools, Dataset<Row> reports, Dataset<Row> cases, Policy policy) {
    Dataset<Row> listed =
        cases
            .groupBy(col("report_date").as("_d"), col("school_code").as("_s"))
            .agg(
                count(lit(1)).as("line_list_cases"),
                sum(when(coalesce(col("followed_up"), lit(false)), 1L).otherwise(0L))
                    .as("followed_up"));
    Dataset<Row> school =
        OrgRollup.withSchoolInForce(reports, schools, "report_date")
            .join(
                listed,
                col("report_date").equalTo(col("_d")).and(col("school_code").equalTo(col("_s"))),
                "left")
            .withColumn("schools_reporting", lit(1L));
    for (String c : ATTENDANCE_COUNTS)
      school = school.withColumn(c, coalesce(col(c).cast("bigint"), lit(0L)));
    return OrgRollup.rollup(school, List.of("report_date"), ATTENDANCE_COUNTS, policy.cityNames())
        .withColumn("illness_absence_rate", rate("students_absent_illness", "students_expected"))
        .withColumn("staff_illness_absence_rate", rate("staff_absent_illness", "staff_expected"))
        .withColumn("_summary", col("students_absent_illness").plus(col("staff_absent_illness")))
        .withColumn("follow_up_completeness", rate("followed_up", "_summary"))
        .drop("_summary");
  }

  /**
   * Line-list rows by symptom group and diagnosis; rate per 1,000 expected students of reporting
   * schools.
   */
  /** The line-list column {@link #withEpisodeStart} adds. */
  public static final String EPISODE_START = "episode_start";

  /**
   * Marks the line-list rows that start an episode (docs/rules.md §4.3): an episode is a person's
   * rows with the same onset (onset_date, else report_date); its first row (earliest report_date)
   * starts it. Give the whole history up to D: a row is compared with the person's earlier rows.
   */
  public static Dataset<Row> withEpisodeStart(Dataset<Row> cases) {
    return cases.withColumn(
        EPISODE_START,
        col("report_date")
            .equalTo(
                org.apache
                    .spark
                    .sql
                    .functions
                    .min("report_date")
                    .over(
                        org.apache.spark.sql.expressions.Window.partitionBy(
                            col("person_key"), coalesce(col("onset_date"), col("report_date"))))));
  }

  /**
   * Absence by cause per day and unit: cases (line-list rows) and new_cases (rows that start an
   * episode). The episode starts are taken from the {@link #EPISODE_START} column when the rows
   * carry it (marked on the whole history by the caller), else marked among the given rows.
   */
  public static Dataset<Row> absenceByCause(
      Dataset<Row> schools, Dataset<Row> cases, Dataset<Row> attendance, Policy policy) {
    Dataset<Row> marked =
        java.util.Arrays.asList(cases.columns()).contains(EPISODE_START)
            ? cases
            : withEpisodeStart(cases);
    Column isNew = when(col(EPISODE_START), 1L).otherwise(0L).as("new_cases");
    Dataset<Row> byGroup =
        marked.select(
            col("report_date"),
            col("school_code"),
            lit("symptom_group").as("cause_type"),
            col("symptom_group").as("cause"),
            isNew);
    Dataset<Row> byDiagnosis =
        marked.select(
            col("report_date"),
            col("school_code"),
            lit("diagnosis").as("cause_type"),
            coalesce(col("diagnosis"), lit("unknown")).as("cause"),
            isNew);
    Dataset<Row> school =
        OrgRollup.withSchoolInForce(byGroup.unionByName(byDiagnosis), schools, "report_date")
            .withColumn("cases", lit(1L));
    Dataset<Row> rolled =
        OrgRollup.rollup(
            school,
            List.of("report_date", "cause_type", "cause"),
            List.of("cases", "new_cases"),
            policy.cityNames());
    Dataset<Row> denominators =
        attendance.select(
            col("report_date").as("_d"),
            col("org_level").as("_l"),
            col("org_code").as("_c"),
            col("students_expected"));
    return rolled
        .join(
            denominators,
            col("report_date")
                .equalTo(col("_d"))
                .and(col("org_level").equalTo(col("_l")))
                .and(col("org_code").equalTo(col("_c"))),
            "left")
        .drop("_d", "_l", "_c")
        .withColumn("students_expected", coalesce(col("students_expected"), lit(0L)))
        .withColumn(
            "rate_per_1000",
            when(
                col("students_expected").gt(0),
                col("cases").multiply(1000.0).divide(col("students_expected"))));
  }
}
