package io.epiwatch.gold;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.min_by;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;

import io.epiwatch.common.OrgLevel;
import io.epiwatch.common.SignalType;
import io.epiwatch.config.Policy;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * Case signals as of run date D (docs/rules.md §4.7): confirmed and suspected cases the schools
 * report, covid19 on the illness-absence line list, positive nucleic tests of travellers. Rebuilt
 * from silver on every run, like the alerts, so a correction that removes a value removes its
 * signal; first_seen_at comes from bronze, which keeps every accepted version.
 */
public final class CaseSignals {
  /** A signal is open until this many days after its date (then past). */
  public static final int OPEN_DAYS = 14;

  /** covid19 rows of a person fewer than this many days apart (or equal) are one episode. */
  public static final int EPISODE_GAP_DAYS = 14;

  private CaseSignals() {}

  /**
   * One row per signal with signal_date <= D: the columns of gold.case_signals.
   *
   * @param reports silver.daily_reports
   * @param cases silver.absence_cases
   * @param trips silver.travel_records
   * @param bronzeReports bronze.daily_reports (every accepted version; silver's rows will do when
   *     bronze is absent)
   * @param bronzeCases bronze.absence_cases
   * @param bronzeTrips bronze.travel_records
   */
  public static Dataset<Row> signals(
      Dataset<Row> schools,
      Dataset<Row> reports,
      Dataset<Row> cases,
      Dataset<Row> trips,
      Dataset<Row> bronzeReports,
      Dataset<Row> bronzeCases,
      Dataset<Row> bronzeTrips,
      LocalDate d) {
    Column day = lit(Date.valueOf(d));
    Dataset<Row> dated = reports.filter(col("report_date").leq(day));
    Dataset<Row> all =
        reportSignals(dated, bronzeReports, "confirmed_cases", SignalType.REPORT_CONFIRMED)
            .unionByName(
                reportSignals(dated, bronzeReports, "suspected_cases", SignalType.REPORT_SUSPECTED))
            .unionByName(lineListSignals(cases.filter(col("report_date").leq(day)), bronzeCases))
            .unionByName(positiveTests(trips, bronzeTrips, day));
    Column id =
        substring(
            sha2(
                concat_ws(
                    "|",
                    col("signal_type"),
                    col("school_code"),
                    coalesce(col("person_key"), lit("")),
                    col("signal_date").cast("string")),
                256),
            1,
            16);
    Column status =
        when(
                to_date(col("first_seen_at")).equalTo(day).or(col("signal_date").equalTo(day)),
                lit("new"))
            .when(datediff(day, col("signal_date")).lt(OPEN_DAYS), lit("open"))
            .otherwise(lit("past"));
    return OrgRollup.withSchoolInForce(all, schools, "signal_date", "left")
        .select(
            col("signal_date"),
            id.as("signal_id"),
            col("signal_type"),
            lit(OrgLevel.SCHOOL.code()).as("org_level"),
            col("school_code").as("org_code"),
            coalesce(col("school_name"), col("school_code")).as("org_name"),
            col("district_code").as("parent_code"),
            col("school_code"),
            col("district_code"),
            col("person_type"),
            col("person_key"),
            col("persons"),
            col("first_seen_at"),
            status.as("status"));
  }

  /** One row per (report_date, school_code) whose latest version has countColumn > 0. */
  private static Dataset<Row> reportSignals(
      Dataset<Row> reports, Dataset<Row> bronze, String countColumn, SignalType type) {
    Dataset<Row> seen =
        bronze
            .filter(col(countColumn).gt(0))
            .groupBy(col("report_date").as("_d"), col("school_code").as("_s"))
            .agg(min("submitted_at").as("_first"));
    return reports
        .filter(col(countColumn).gt(0))
        .join(
            seen,
            col("report_date").equalTo(col("_d")).and(col("school_code").equalTo(col("_s"))),
            "left")
        .select(
            lit(type.code()).as("signal_type"),
            col("report_date").as("signal_date"),
            col("school_code"),
            lit(null).cast("string").as("person_type"),
            lit(null).cast("string").as("person_key"),
            col(countColumn).cast("bigint").as("persons"),
            coalesce(col("_first"), col("submitted_at")).as("first_seen_at"));
  }

  /**
   * One row per person and episode of covid19 line-list rows: an episode starts at a row not
   * preceded by another covid19 row of the person within {@link #EPISODE_GAP_DAYS} days.
   */
  private static Dataset<Row> lineListSignals(Dataset<Row> cases, Dataset<Row> bronze) {
    String covid = "covid19";
    Dataset<Row> seen =
        bronze
            .filter(col("diagnosis").equalTo(covid))
            .groupBy(col("person_key").as("_k"), col("report_date").as("_d"))
            .agg(min("submitted_at").as("_first"));
    WindowSpec byPerson = Window.partitionBy("person_key").orderBy("report_date", "school_code");
    Dataset<Row> rows =
        cases
            .filter(col("diagnosis").equalTo(covid))
            .join(
                seen,
                col("person_key").equalTo(col("_k")).and(col("report_date").equalTo(col("_d"))),
                "left")
            .withColumn("_prev", lag("report_date", 1).over(byPerson))
            .withColumn(
                "_starts",
                when(
                        col("_prev")
                            .isNull()
                            .or(datediff(col("report_date"), col("_prev")).gt(EPISODE_GAP_DAYS)),
                        lit(1))
                    .otherwise(lit(0)))
            .withColumn(
                "_episode",
                sum("_starts")
                    .over(byPerson.rowsBetween(Window.unboundedPreceding(), Window.currentRow())));
    return rows.groupBy("person_key", "_episode")
        .agg(
            min("report_date").as("signal_date"),
            min_by(col("school_code"), col("report_date")).as("school_code"),
            min_by(col("person_type"), col("report_date")).as("person_type"),
            min(coalesce(col("_first"), col("submitted_at"))).as("first_seen_at"))
        .transform(r -> personSignals(r, SignalType.LINE_LIST_COVID19, col("first_seen_at")));
  }

  /**
   * One row per (person, test date) of trips with a positive result, under the attributed school
   * (household members under the linked student's): test date, else return date, else the date of
   * submission.
   */
  private static Dataset<Row> positiveTests(Dataset<Row> trips, Dataset<Row> bronze, Column day) {
    Dataset<Row> seen =
        bronze
            .filter(col("nucleic_test_result").equalTo("positive"))
            .withColumn("_sd", testDate())
            .groupBy(col("person_key").as("_k"), col("_sd"))
            .agg(min("submitted_at").as("_first"));
    return trips
        .filter(col("nucleic_test_result").equalTo("positive"))
        .withColumn("signal_date", testDate())
        .filter(col("signal_date").leq(day))
        .groupBy("person_key", "signal_date")
        .agg(
            min("attributed_school_code").as("school_code"),
            min("person_type").as("person_type"),
            min("submitted_at").as("_silver_first"))
        .join(
            seen,
            col("person_key").equalTo(col("_k")).and(col("signal_date").equalTo(col("_sd"))),
            "left")
        .transform(
            rows ->
                personSignals(
                    rows, SignalType.TEST_POSITIVE, coalesce(col("_first"), col("_silver_first"))));
  }

  /** Signal rows of one person each (signal_date, school_code, person_type, person_key). */
  private static Dataset<Row> personSignals(Dataset<Row> rows, SignalType type, Column firstSeen) {
    return rows.select(
        lit(type.code()).as("signal_type"),
        col("signal_date"),
        col("school_code"),
        col("person_type"),
        col("person_key"),
        lit(1L).as("persons"),
        firstSeen.as("first_seen_at"));
  }

  private static Column testDate() {
    return coalesce(col("nucleic_test_date"), col("return_date"), to_date(col("submitted_at")));
  }

  /** The count columns of gold.case_signals_daily: per type on D, then in the last 14 days. */
  public static List<String> dailyCounts() {
    List<String> out = new ArrayList<>();
    for (SignalType t : SignalType.values()) out.add(t.code());
    for (SignalType t : SignalType.values()) out.add(t.code() + "_14d");
    out.add("signals_new");
    return out;
  }

  /**
   * gold.case_signals_daily as of D: per organisation (every school in force on D, rolled up), the
   * persons of report signals and the number of person signals dated D and in [D-13, D], the new
   * signals, and days_since_last_confirmed = D - the latest date of a confirmed signal
   * (report_confirmed, line_list_covid19, test_positive) of the organisation, null when none.
   */
  public static Dataset<Row> daily(
      Dataset<Row> schools, Dataset<Row> signals, Policy policy, LocalDate d) {
    Column day = lit(Date.valueOf(d));
    // in the order of dailyCounts(): per type on D, per type over [D-13, D], then the new ones
    Column onDay = col("signal_date").equalTo(day);
    Column recent = datediff(day, col("signal_date")).lt(OPEN_DAYS);
    List<Column> aggs = new ArrayList<>();
    for (Column dated : List.of(onDay, recent)) {
      for (SignalType t : SignalType.values()) {
        String name = dated == onDay ? t.code() : t.code() + "_14d";
        aggs.add(
            sum(when(col("signal_type").equalTo(t.code()).and(dated), col("persons"))).as(name));
      }
    }
    aggs.add(count(when(col("status").equalTo("new"), lit(1))).as("signals_new"));
    Dataset<Row> perSchool =
        signals
            .groupBy(col("school_code").as("_s"))
            .agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(Column[]::new));
    Dataset<Row> inForce =
        OrgRollup.withSchoolInForce(
            schools.select(col("school_code")).distinct().withColumn("as_of", day),
            schools,
            "as_of");
    Dataset<Row> rows =
        inForce.join(perSchool, col("school_code").equalTo(col("_s")), "left").drop("_s");
    Dataset<Row> rolled =
        OrgRollup.rollup(rows, List.of("as_of"), dailyCounts(), policy.cityNames());
    Column confirmed =
        col("signal_type")
            .isin(
                Arrays.stream(SignalType.values())
                    .filter(SignalType::confirmed)
                    .map(SignalType::code)
                    .toArray());
    Dataset<Row> last =
        inForce
            .join(
                signals.filter(confirmed).select(col("school_code").as("_s"), col("signal_date")),
                col("school_code").equalTo(col("_s")))
            .drop("_s");
    Dataset<Row> lastPerOrg =
        lastDate(last, OrgLevel.SCHOOL, col("school_code"))
            .unionByName(lastDate(last, OrgLevel.DISTRICT, col("district_code")))
            .unionByName(lastDate(last, OrgLevel.CITY, col("city_code")))
            .unionByName(
                lastDate(
                    last,
                    OrgLevel.PROVINCE,
                    concat(substring(col("city_code"), 1, 2), lit("0000"))));
    return rolled
        .join(
            lastPerOrg,
            col("org_level").equalTo(col("_level")).and(col("org_code").equalTo(col("_code"))),
            "left")
        .withColumn("days_since_last_confirmed", datediff(day, col("_last")))
        .drop("_level", "_code", "_last");
  }

  private static Dataset<Row> lastDate(Dataset<Row> rows, OrgLevel level, Column code) {
    return rows.groupBy(code.as("_code"))
        .agg(max("signal_date").as("_last"))
        .withColumn("_level", lit(level.code()));
  }
}
