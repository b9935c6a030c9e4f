package io.epiwatch.gold;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.min_by;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.sha2;
import static org.apache.spark.sql.functions.stddev_samp;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.substring;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.epiwatch.common.ResponseStatus;
import io.epiwatch.common.RuleMeasure;
import io.epiwatch.common.RuleScope;
import io.epiwatch.config.Policy;
import io.epiwatch.spark.Frames;
import io.epiwatch.spark.StepMeter;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * Cluster alerts (docs/rules.md §4.4, §7), driven by the dated rule table in conf. A rule fires on
 * day t when the distinct persons with onset in [t - window + 1, t] reach its threshold; firing
 * days fewer than quiet-gap days apart form one alert (report once per outbreak). EARS-C2 flags an
 * aberrant illness-absence rate per school against days t-9..t-3.
 */
public final class ClusterAlerts {
  private ClusterAlerts() {}

  /**
   * Firing days: rule, school_code, grade, class_name, dormitory, symptom_group, diagnosis, t,
   * persons, threshold, window_days, measure, rate (persons / denominator; null for measure
   * persons), and for the detection time _denominator and _min_persons (null for measure persons).
   *
   * @param roster silver.roster (the class denominators of measure rate)
   * @param reports silver.daily_reports, @param schools silver.schools (the school denominators)
   */
  static Dataset<Row> firingDays(
      Dataset<Row> cases,
      Dataset<Row> roster,
      Dataset<Row> reports,
      Dataset<Row> schools,
      Policy policy,
      LocalDate runDate) {
    Dataset<Row> base =
        cases
            .withColumn("onset", coalesce(col("onset_date"), col("report_date")))
            .select(
                "person_key",
                "school_code",
                "grade",
                "class_name",
                "dormitory",
                "person_type",
                "onset",
                "symptom_group",
                "diagnosis");
    // One pass over the line list for every rule: each row carries one entry per rule it matches
    // (the rule's index, its unit and group, and the days t its window reaches, bounded by the
    // run date and the rule's dates), exploded to (rule, unit, t) rows and counted in one
    // aggregation; the rules then take their own rows of the kept counts. One branch and one
    // aggregation per rule cost about 4 Spark jobs each.
    List<Policy.ClusterRule> rules = policy.clusterRules();
    Column[] entries = new Column[rules.size()];
    for (int i = 0; i < rules.size(); i++) {
      Policy.ClusterRule r = rules.get(i);
      Column match = lit(r.symptomGroup() == null && r.diagnosis() == null);
      if (r.symptomGroup() != null)
        match = match.or(col("symptom_group").equalTo(r.symptomGroup().code()));
      if (r.diagnosis() != null) match = match.or(col("diagnosis").equalTo(r.diagnosis()));
      boolean classScope = r.scope() == RuleScope.CLASS;
      boolean dormScope = r.scope() == RuleScope.DORMITORY;
      if (classScope)
        match =
            match.and(
                col("grade")
                    .isNotNull()
                    .and(col("class_name").isNotNull())
                    .and(col("person_type").equalTo("student")));
      if (dormScope)
        match = match.and(col("dormitory").isNotNull().and(col("person_type").equalTo("student")));
      Column group =
          r.perSymptomGroup()
              ? col("symptom_group")
              : lit(r.symptomGroup() == null ? null : r.symptomGroup().code()).cast("string");
      Column last = least(date_add(col("onset"), r.window() - 1), lit(Date.valueOf(runDate)));
      if (r.to() != null) last = least(last, lit(Date.valueOf(r.to())));
      entries[i] =
          when(
              match,
              struct(
                  lit(i).as("_r"),
                  (classScope ? col("grade") : lit(null).cast("string")).as("grade"),
                  (classScope ? col("class_name") : lit(null).cast("string")).as("class_name"),
                  (dormScope ? col("dormitory") : lit(null).cast("string")).as("dormitory"),
                  group.as("symptom_group"),
                  greatest(col("onset"), lit(Date.valueOf(r.from()))).as("_first"),
                  last.as("_last")));
    }
    Dataset<Row> counted =
        base.select(
                col("person_key"),
                col("school_code"),
                explode(filter(array(entries), e -> e.isNotNull())).as("_e"))
            .filter(col("_e._first").leq(col("_e._last")))
            .select(
                col("person_key"),
                col("school_code"),
                col("_e._r").as("_r"),
                col("_e.grade").as("grade"),
                col("_e.class_name").as("class_name"),
                col("_e.dormitory").as("dormitory"),
                col("_e.symptom_group").as("symptom_group"),
                explode(sequence(col("_e._first"), col("_e._last"))).as("t"))
            .groupBy("_r", "school_code", "grade", "class_name", "dormitory", "symptom_group", "t")
            .agg(countDistinct("person_key").as("persons"))
            .localCheckpoint();
    List<Dataset<Row>> fired = new ArrayList<>();
    for (int i = 0; i < rules.size(); i++) {
      Policy.ClusterRule r = rules.get(i);
      Dataset<Row> mine = counted.filter(col("_r").equalTo(i)).drop("_r");
      Dataset<Row> days;
      if (r.measure() == RuleMeasure.RATE) {
        days =
            withDenominator(
                    mine.filter(col("persons").geq(r.minPersons())),
                    r.scope(),
                    roster,
                    reports,
                    schools)
                .filter(col("_denominator").gt(0))
                .withColumn("rate", col("persons").cast("double").divide(col("_denominator")))
                .filter(col("rate").geq(r.threshold()))
                .withColumn("_min_persons", lit(r.minPersons()));
      } else {
        days =
            mine.filter(col("persons").geq(r.threshold()))
                .withColumn("rate", lit(null).cast("double"))
                .withColumn("_denominator", lit(null).cast("long"))
                .withColumn("_min_persons", lit(null).cast("int"));
      }
      fired.add(
          days.withColumn("rule", lit(r.rule()))
              .withColumn("diagnosis", lit(r.diagnosis()).cast("string"))
              .withColumn("threshold", lit(r.threshold()))
              .withColumn("window_days", lit(r.window()))
              .withColumn("measure", lit(r.measure().code())));
    }
    return fired.stream().reduce(Dataset::unionByName).orElseThrow();
  }

  /**
   * The firing candidates (school_code, grade, class_name, dormitory, symptom_group, t, persons)
   * with their _denominator on t: the class's (dormitory's) active roster pupils (status active,
   * valid_from <= t < valid_to) for scope class (dormitory); for scope school the students_expected
   * of the school's daily report of t, else the students_enrolled of the school's row in force on
   * t. Null when there is none.
   */
  private static Dataset<Row> withDenominator(
      Dataset<Row> counted,
      RuleScope scope,
      Dataset<Row> roster,
      Dataset<Row> reports,
      Dataset<Row> schools) {
    if (scope != RuleScope.SCHOOL) {
      Column sameUnit =
          scope == RuleScope.CLASS
              ? col("_rg").equalTo(col("grade")).and(col("_rc").equalTo(col("class_name")))
              : col("_rd").equalTo(col("dormitory"));
      Dataset<Row> pupils =
          roster
              .filter(col("person_type").equalTo("student").and(col("status").equalTo("active")))
              .select(
                  col("person_key").as("_rp"),
                  col("school_code").as("_rs"),
                  col("grade").as("_rg"),
                  col("class_name").as("_rc"),
                  col("dormitory").as("_rd"),
                  col("valid_from").as("_rf"),
                  col("valid_to").as("_rt"));
      Dataset<Row> n =
          counted
              .join(
                  pupils,
                  col("_rs")
                      .equalTo(col("school_code"))
                      .and(sameUnit)
                      .and(Frames.inForce(col("_rf"), col("_rt"), col("t"))))
              .groupBy(
                  "school_code",
                  "grade",
                  "class_name",
                  "dormitory",
                  "symptom_group",
                  "t",
                  "persons")
              .agg(countDistinct("_rp").as("_denominator"));
      return n;
    }
    Dataset<Row> expected =
        reports.select(
            col("school_code").as("_es"),
            col("report_date").as("_et"),
            col("students_expected").as("_expected"));
    Dataset<Row> enrolled =
        schools.select(
            col("school_code").as("_ns"),
            col("valid_from").as("_nf"),
            col("valid_to").as("_nt"),
            col("students_enrolled").as("_enrolled"));
    return counted
        .join(
            expected,
            col("_es").equalTo(col("school_code")).and(col("_et").equalTo(col("t"))),
            "left")
        .join(
            enrolled,
            col("_ns")
                .equalTo(col("school_code"))
                .and(Frames.inForce(col("_nf"), col("_nt"), col("t"))),
            "left")
        .withColumn("_denominator", coalesce(col("_expected"), col("_enrolled")).cast("long"))
        .drop("_es", "_et", "_expected", "_ns", "_nf", "_nt", "_enrolled");
  }

  /**
   * The line list with each row's dormitory resolved (docs/rules.md §4.4): the row's own, else the
   * dormitory of the person's roster row at that school in force on the report date. The cluster
   * alerts, their detection and their persons all read the line list through this.
   */
  public static Dataset<Row> withDormitory(Dataset<Row> cases, Dataset<Row> roster) {
    // a warehouse written before the dormitory column existed reads without it until rewritten
    if (!java.util.Arrays.asList(cases.columns()).contains("dormitory"))
      cases = cases.withColumn("dormitory", lit(null).cast("string"));
    if (!java.util.Arrays.asList(roster.columns()).contains("dormitory"))
      roster = roster.withColumn("dormitory", lit(null).cast("string"));
    Dataset<Row> r =
        roster
            .filter(col("dormitory").isNotNull())
            .select(
                col("person_key").as("_wp"),
                col("school_code").as("_ws"),
                col("valid_from").as("_wf"),
                col("valid_to").as("_wt"),
                col("dormitory").as("_wd"));
    return cases
        .join(
            r,
            col("_wp")
                .equalTo(col("person_key"))
                .and(col("_ws").equalTo(col("school_code")))
                .and(Frames.inForce(col("_wf"), col("_wt"), col("report_date"))),
            "left")
        .withColumn("dormitory", coalesce(col("dormitory"), col("_wd")))
        .drop("_wp", "_ws", "_wf", "_wt", "_wd");
  }

  /** EARS-C2 firing days per school (docs/rules.md §7). */
  static Dataset<Row> earsFiringDays(Dataset<Row> reports, Policy.EarsC2 e, LocalDate runDate) {
    Dataset<Row> x =
        reports
            .filter(
                col("students_expected")
                    .gt(0)
                    .and(col("report_date").leq(lit(Date.valueOf(runDate)))))
            .select(
                col("school_code"),
                col("report_date").as("t"),
                col("students_absent_illness")
                    .cast("double")
                    .divide(col("students_expected"))
                    .as("x"),
                coalesce(col("students_absent_illness"), lit(0)).as("absent"));
    Dataset<Row> b = x.select(col("school_code").as("_s"), col("t").as("_bt"), col("x").as("_bx"));
    Dataset<Row> stats =
        x.join(
                b,
                col("school_code")
                    .equalTo(col("_s"))
                    .and(col("_bt").geq(date_add(col("t"), -e.baselineFrom())))
                    .and(col("_bt").leq(date_add(col("t"), -e.baselineTo()))))
            .groupBy("school_code", "t", "x", "absent")
            .agg(count("_bx").as("n"), avg("_bx").as("mean"), stddev_samp("_bx").as("sd"))
            .filter(col("n").geq(e.minBaselineDays()))
            .withColumn(
                "c2",
                col("x")
                    .minus(col("mean"))
                    .divide(greatest(coalesce(col("sd"), lit(0.0)), lit(e.sdFloor()))))
            .filter(col("c2").gt(e.threshold()));
    return stats.select(
        col("school_code"),
        lit(null).cast("string").as("grade"),
        lit(null).cast("string").as("class_name"),
        lit(null).cast("string").as("dormitory"),
        lit(null).cast("string").as("symptom_group"),
        col("t"),
        col("absent").cast("long").as("persons"),
        lit("school_ears_c2").as("rule"),
        lit(null).cast("string").as("diagnosis"),
        lit(e.threshold()).as("threshold"),
        lit(1).as("window_days"),
        lit(null).cast("string").as("measure"),
        lit(null).cast("double").as("rate"),
        lit(null).cast("long").as("_denominator"),
        lit(null).cast("int").as("_min_persons"));
  }

  /** Groups firing days into alerts; counts persons over each alert's span. */
  public static Dataset<Row> alerts(
      Dataset<Row> schools,
      Dataset<Row> cases,
      Dataset<Row> reports,
      Dataset<Row> roster,
      Policy policy,
      LocalDate runDate) {
    Dataset<Row> fired =
        policy.earsC2().enabled()
            ? firingDays(cases, roster, reports, schools, policy, runDate)
                .unionByName(earsFiringDays(reports, policy.earsC2(), runDate))
            : firingDays(cases, roster, reports, schools, policy, runDate);
    // The firing days (one union branch per rule) and the alerts grouped from them are computed
    // once and kept: both are read again below (members, EARS, the alert ids), and each read of
    // the lazy frames planned every rule's branch again (most of the table's 30 s on the sample).
    Dataset<Row> days =
        StepMeter.step(
            cases.sparkSession(), "cluster alerts: firing days", () -> fired.localCheckpoint());
    int gap = policy.quietGapDays();
    Column[] unit = {
      col("rule"),
      col("school_code"),
      col("grade"),
      col("class_name"),
      col("dormitory"),
      col("symptom_group"),
      col("diagnosis"),
      col("threshold")
    };
    WindowSpec w = Window.partitionBy(unit).orderBy("t");
    Dataset<Row> episodes =
        days.withColumn(
                "_new",
                when(
                        lag("t", 1)
                            .over(w)
                            .isNull()
                            .or(datediff(col("t"), lag("t", 1).over(w)).minus(1).geq(gap)),
                        1)
                    .otherwise(0))
            .withColumn(
                "_episode",
                sum("_new").over(w.rowsBetween(Window.unboundedPreceding(), Window.currentRow())));
    Column[] groupCols = new Column[unit.length + 4];
    System.arraycopy(unit, 0, groupCols, 0, unit.length);
    groupCols[unit.length] = col("window_days");
    groupCols[unit.length + 1] = col("measure");
    groupCols[unit.length + 2] = col("_min_persons");
    groupCols[unit.length + 3] = col("_episode");
    Dataset<Row> grouped =
        episodes
            .groupBy(groupCols)
            .agg(
                min("t").as("first_detected"),
                max("t").as("last_detected"),
                max("persons").as("_max_persons"),
                max("rate").as("rate"),
                min_by(col("_denominator"), col("t")).as("_denominator"));
    Dataset<Row> alerts =
        StepMeter.step(
            cases.sparkSession(), "cluster alerts: grouped", () -> grouped.localCheckpoint());

    Dataset<Row> counted =
        members(alerts.filter(col("rule").notEqual(Policy.EARS_RULE)), cases, "left")
            .groupBy(
                java.util.Arrays.stream(alerts.columns())
                    .map(org.apache.spark.sql.functions::col)
                    .toArray(Column[]::new))
            .agg(countDistinct("person_key").as("cases"));
    Dataset<Row> ears =
        alerts
            .filter(col("rule").equalTo(Policy.EARS_RULE))
            .withColumn("cases", col("_max_persons"));
    Dataset<Row> all =
        counted
            .unionByName(ears)
            .withColumn(
                "alert_id",
                substring(
                    sha2(
                        concat_ws(
                            "|",
                            col("rule"),
                            col("school_code"),
                            coalesce(col("grade"), lit("")),
                            coalesce(col("class_name"), lit("")),
                            coalesce(col("symptom_group"), lit("")),
                            coalesce(col("diagnosis"), lit("")),
                            col("threshold").cast("string"),
                            col("first_detected").cast("string"),
                            // null (skipped) outside dormitory rules: the other ids stay as they
                            // were
                            col("dormitory")),
                        256),
                    1,
                    16))
            .withColumn(
                "status",
                when(datediff(lit(Date.valueOf(runDate)), col("last_detected")).geq(gap), "closed")
                    .otherwise("active"));
    Dataset<Row> s =
        Frames.firstPer(schools, List.of("school_code"), col("valid_from").desc())
            .select(col("school_code").as("_sc"), col("school_name"), col("district_code"));
    return OrgRollup.atSchool(
        all.join(s, col("school_code").equalTo(col("_sc")), "left").drop("_sc"));
  }

  /**
   * The line-list rows behind each (non-EARS) alert: the alerts' columns joined with the rows of
   * the same unit and group whose onset (else report date) lies in [first_detected - window + 1,
   * last_detected]; class alerts count pupils only (docs/rules.md §7). The row columns are
   * person_key, _s, _g, _c, _pt, _sg, _dx, onset, _rd.
   */
  private static Dataset<Row> members(Dataset<Row> alerts, Dataset<Row> cases, String joinType) {
    Dataset<Row> c =
        cases
            .withColumn("onset", coalesce(col("onset_date"), col("report_date")))
            .select(
                col("person_key"),
                col("school_code").as("_s"),
                col("grade").as("_g"),
                col("class_name").as("_c"),
                col("dormitory").as("_d"),
                col("person_type").as("_pt"),
                col("symptom_group").as("_sg"),
                col("diagnosis").as("_dx"),
                col("onset"),
                col("report_date").as("_rd"));
    Column sameUnit =
        col("_s")
            .equalTo(col("school_code"))
            .and(col("grade").isNull().or(col("_g").equalTo(col("grade"))))
            .and(col("class_name").isNull().or(col("_c").equalTo(col("class_name"))))
            .and(col("dormitory").isNull().or(col("_d").equalTo(col("dormitory"))))
            .and(
                col("grade")
                    .isNull()
                    .and(col("dormitory").isNull())
                    .or(col("_pt").equalTo("student")))
            .and(
                col("onset").geq(date_add(col("first_detected"), lit(1).minus(col("window_days")))))
            .and(col("onset").leq(col("last_detected")));
    Column sameGroup =
        col("symptom_group")
            .isNull()
            .and(col("diagnosis").isNull())
            .or(col("symptom_group").isNotNull().and(col("_sg").equalTo(col("symptom_group"))))
            .or(col("diagnosis").isNotNull().and(col("_dx").equalTo(col("diagnosis"))));
    return alerts.join(c, sameUnit.and(sameGroup), joinType);
  }

  /**
   * gold.alert_cases: the distinct persons behind each alert's cases (EARS-C2 alerts count absences
   * of the daily report, not persons, and have none), one row per (alert_id, person_key) with the
   * person's grade, class, symptom group and diagnosis of their earliest row in the alert's span,
   * its onset and the first report date. Per alert, the rows number exactly its cases.
   */
  public static Dataset<Row> alertCases(Dataset<Row> alerts, Dataset<Row> cases) {
    return members(
            alerts
                .filter(col("rule").notEqual(Policy.EARS_RULE))
                .select(
                    "alert_id",
                    "org_level",
                    "org_code",
                    "org_name",
                    "parent_code",
                    "rule",
                    "school_code",
                    "grade",
                    "class_name",
                    "dormitory",
                    "symptom_group",
                    "diagnosis",
                    "first_detected",
                    "last_detected",
                    "window_days"),
            cases,
            "inner")
        .groupBy(
            col("first_detected"),
            col("alert_id"),
            col("org_level"),
            col("org_code"),
            col("org_name"),
            col("parent_code"),
            col("person_key"))
        .agg(
            min_by(col("_s"), col("_rd")).as("school_code"),
            min_by(col("_g"), col("_rd")).as("grade"),
            min_by(col("_c"), col("_rd")).as("class_name"),
            min("onset").as("onset_date"),
            min_by(col("_sg"), col("_rd")).as("symptom_group"),
            min_by(col("_dx"), col("_rd")).as("diagnosis"),
            min("_rd").as("first_report_date"));
  }

  /** The response status of an alert from its response's verified code and closure. */
  private static Column responseStatus(Column verified, Column closed) {
    return when(closed, lit(ResponseStatus.CLOSED.code()))
        .when(verified.equalTo("verified"), lit(ResponseStatus.VERIFIED.code()))
        .when(verified.equalTo("discarded"), lit(ResponseStatus.DISCARDED.code()))
        .otherwise(lit(ResponseStatus.UNVERIFIED.code()));
  }

  /**
   * When each alert's data first sufficed (docs/rules.md §4.4.1): alert_id and detected_at. Case
   * alerts: among the distinct persons counted on first_detected (onset in [first_detected - window
   * + 1, first_detected], same unit and group), each person's earliest first_submitted_at of those
   * rows (a correction never moves it later); detected_at = the k-th earliest, k = the rule's
   * threshold (null when fewer than k persons have a submission time). EARS-C2: the
   * first_submitted_at of the school's daily report of first_detected.
   */
  public static Dataset<Row> detection(
      Dataset<Row> alerts, Dataset<Row> cases, Dataset<Row> reports) {
    Dataset<Row> firstDay =
        alerts
            .filter(col("rule").notEqual(Policy.EARS_RULE))
            .select(
                col("alert_id"),
                col("school_code"),
                col("grade"),
                col("class_name"),
                col("dormitory"),
                col("symptom_group"),
                col("diagnosis"),
                col("first_detected"),
                col("first_detected").as("last_detected"),
                col("window_days"),
                col("threshold"),
                col("measure"),
                col("_denominator"),
                col("_min_persons"));
    Dataset<Row> submitted =
        cases.select(
            col("report_date").as("_srd"),
            col("school_code").as("_ss"),
            col("person_key").as("_sp"),
            col("first_submitted_at"));
    Dataset<Row> perPerson =
        members(firstDay, cases, "inner")
            .join(
                submitted,
                col("_rd")
                    .equalTo(col("_srd"))
                    .and(col("_s").equalTo(col("_ss")))
                    .and(col("person_key").equalTo(col("_sp"))))
            .groupBy(
                col("alert_id"),
                col("threshold"),
                col("measure"),
                col("_denominator"),
                col("_min_persons"),
                col("person_key"))
            .agg(min("first_submitted_at").as("_first"))
            .filter(col("_first").isNotNull());
    // The k-th earliest submission, k the fewest persons that fire the rule: the threshold
    // (measure persons); else at least min-persons and k / the denominator of first_detected
    // reaching the threshold (measure rate).
    Column k = col("_k");
    Dataset<Row> kth =
        perPerson
            .withColumn(
                "_k",
                org.apache
                    .spark
                    .sql
                    .functions
                    .row_number()
                    .over(Window.partitionBy("alert_id").orderBy(col("_first"), col("person_key"))))
            .filter(
                when(
                        col("measure").equalTo(RuleMeasure.RATE.code()),
                        k.geq(col("_min_persons"))
                            .and(
                                k.cast("double").divide(col("_denominator")).geq(col("threshold"))))
                    .otherwise(k.geq(col("threshold"))))
            .groupBy("alert_id")
            .agg(min_by(col("_first"), k).as("detected_at"));
    Dataset<Row> ears =
        alerts
            .filter(col("rule").equalTo(Policy.EARS_RULE))
            .join(
                reports.select(
                    col("school_code").as("_rs"),
                    col("report_date").as("_rd"),
                    col("first_submitted_at")),
                col("school_code")
                    .equalTo(col("_rs"))
                    .and(col("first_detected").equalTo(col("_rd"))))
            .select(col("alert_id"), col("first_submitted_at").as("detected_at"));
    return kth.unionByName(ears);
  }

  /**
   * The alerts with their detection and response columns (docs/rules.md §4.4.1): detected_at,
   * cdc_report_due (+ 24 h), response_status, reported_to_cdc_at, cdc_report_on_time,
   * cdc_report_overdue and class_suspended on D. {@code responses} are silver.alert_responses;
   * those submitted after the end of D are not used yet, and those of no alert are not applied (see
   * {@link #unknownResponses}).
   *
   * @param endOfD the first instant after the run date in the configured zone
   */
  public static Dataset<Row> withResponses(
      Dataset<Row> alerts,
      Dataset<Row> cases,
      Dataset<Row> reports,
      Dataset<Row> responses,
      LocalDate runDate,
      java.sql.Timestamp endOfD) {
    Column end = lit(endOfD);
    Dataset<Row> detected = detection(alerts, cases, reports).withColumnRenamed("alert_id", "_da");
    Dataset<Row> r =
        responses
            .filter(col("submitted_at").isNull().or(col("submitted_at").lt(end)))
            .select(
                col("alert_id").as("_ra"),
                col("verified").as("_verified"),
                col("reported_to_cdc_at"),
                col("actions").as("_actions"),
                col("suspension_from").as("_sfrom"),
                col("suspension_to").as("_sto"),
                col("closed_at").as("_closed"));
    Column day = lit(Date.valueOf(runDate));
    Column due = col("cdc_report_due");
    return alerts
        .join(detected, col("alert_id").equalTo(col("_da")), "left")
        .join(r, col("alert_id").equalTo(col("_ra")), "left")
        .withColumn(
            "cdc_report_due",
            col("detected_at").plus(org.apache.spark.sql.functions.expr("INTERVAL 24 HOURS")))
        .withColumn(
            "response_status",
            responseStatus(
                col("_verified"), col("_closed").isNotNull().and(col("_closed").lt(end))))
        .withColumn(
            "cdc_report_on_time",
            when(
                col("reported_to_cdc_at").isNotNull().and(due.isNotNull()),
                col("reported_to_cdc_at").leq(due)))
        .withColumn(
            "cdc_report_overdue",
            col("reported_to_cdc_at")
                .isNull()
                .and(due.isNotNull())
                .and(end.gt(due))
                .and(col("response_status").notEqual(ResponseStatus.DISCARDED.code())))
        .withColumn(
            "class_suspended",
            coalesce(
                org.apache
                    .spark
                    .sql
                    .functions
                    .array_contains(col("_actions"), "class_suspension")
                    .and(col("_sfrom").leq(day))
                    .and(col("_sto").isNull().or(col("_sto").geq(day))),
                lit(false)))
        .drop("_da", "_ra", "_verified", "_actions", "_sfrom", "_sto", "_closed");
  }

  /** The responses whose alert_id is in no alert (quarantined UNKNOWN_ALERT). */
  public static Dataset<Row> unknownResponses(Dataset<Row> responses, Dataset<Row> alerts) {
    return responses.join(
        alerts.select(col("alert_id").as("_known")),
        col("alert_id").equalTo(col("_known")),
        "left_anti");
  }
}
