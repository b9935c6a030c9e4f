package io.epiwatch.gold;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.epiwatch.catalog.TableId;
import io.epiwatch.catalog.TableSpec;
import io.epiwatch.catalog.TableWriter;
import io.epiwatch.catalog.Tables;
import io.epiwatch.catalog.Warehouse;
import io.epiwatch.config.Policy;
import io.epiwatch.contract.Sources;
import io.epiwatch.ops.Watermarks;
import io.epiwatch.spark.Frames;
import io.epiwatch.spark.JobContext;
import io.epiwatch.spark.StepMeter;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stage 3: silver -> gold for run date D. The daily tables (compliance, attendance, absence by
 * cause) are rewritten for D on every run, whether or not silver changed (a day without new files
 * has every expected school missing), plus the dates silver rebuilt ({@link DailyPlan}); cluster
 * alerts and case signals are recomputed as a whole (their status moves with D). The as-of tables
 * (coverage, campaigns, risk exposure, vaccination follow-up, case-signal counts) replace their D
 * partition; earlier snapshots that the silver changes of this run may alter are kept and marked
 * superseded (superseded_at). With silver unchanged and D already computed (and not superseded),
 * nothing is written. When D is before the latest run date already computed (a past day run again),
 * dates after D and the cluster alerts are left as they are. The policy is first resolved against
 * the schools ({@link DataPolicy}). What to write is decided first, without Spark ({@link
 * MetricsPlan}); this class reads the facts the plan needs and carries it out.
 */
public final class MetricsJob {
  private static final Logger LOG = LoggerFactory.getLogger(MetricsJob.class);
  static final String CONSUMER = "metrics";

  /**
   * @param metricSeconds wall time per metric computed in this run (computation and write; Spark is
   *     lazy, so both happen in the write), keyed by gold table name, e.g. "attendance"
   */
  public record MetricsResult(
      boolean changed, Map<String, Long> goldVersions, Map<String, Double> metricSeconds) {}

  private MetricsJob() {}

  /**
   * Standalone (jobs/metrics): what silver changed is unknown, so the daily tables are recomputed
   * whole.
   */
  public static MetricsResult run(JobContext ctx) {
    return run(ctx, java.util.Optional.empty());
  }

  /**
   * With the transform stage's result (run-daily), only the report dates that silver rebuilt, plus
   * the run date, are recomputed in the daily tables (replaceWhere on those partitions); a change
   * of the schools dimension, whose roll-up reaches every date, recomputes them whole.
   */
  public static MetricsResult run(
      JobContext ctx, java.util.Optional<io.epiwatch.silver.TransformResult> changes) {
    Warehouse wh = ctx.warehouse();
    LocalDate d = ctx.runDate();
    List<TableId> inputs = Tables.SILVER.stream().map(TableSpec::id).toList();
    for (TableId t : inputs) {
      // optional sources' silver tables are absent from a warehouse built from silver alone;
      // without alert responses every alert is unverified
      if (!wh.exists(t)
          && !t.equals(Tables.SILVER_SAFETY_INCIDENTS.id())
          && !t.equals(Tables.SILVER_ALERT_RESPONSES.id())
          && !t.equals(Tables.SILVER_INSPECTIONS.id())
          && !t.equals(Tables.SILVER_FINDINGS.id())
          && !t.equals(Tables.SILVER_CAMPUS_STAYS.id())
          && !t.equals(Tables.SILVER_RETURN_BATCHES.id()))
        throw new IllegalStateException(
            t + " does not exist yet: run jobs/transform (or run-daily) first");
    }
    Map<String, Long> current = Watermarks.current(wh, inputs);
    Map<String, Long> seen = Watermarks.read(wh, CONSUMER);
    Dataset<Row> schools =
        wh.read(Tables.SILVER_SCHOOLS.id()).persist(StorageLevel.MEMORY_AND_DISK());
    // Resolved on every run, even one that writes nothing: a setting that contradicts the schools
    // (e.g. a home province none of them is in) stops the job the day it is made.
    Policy policy =
        StepMeter.step(
            ctx.spark(),
            "policy resolved from the schools",
            () -> DataPolicy.resolve(schools, ctx.config().policy()));
    MetricsPlan.GoldState gold =
        StepMeter.step(ctx.spark(), "plan: what gold holds", () -> goldState(wh, d, policy));
    MetricsPlan plan = MetricsPlan.of(d, current, seen, changes, gold, AS_OF_INPUTS);
    if (plan.writeNothing()) {
      LOG.info("metrics: silver unchanged and {} already computed; gold unchanged", d);
      schools.unpersist();
      return new MetricsResult(false, Map.of(), Map.of());
    }
    if (gold.asOfSuperseded())
      LOG.info("metrics: the as-of snapshots of {} were superseded by later data: recomputed", d);
    Map<String, Long> versions = new LinkedHashMap<>();
    Map<String, Double> seconds = new LinkedHashMap<>();
    execute(ctx, plan, schools, policy, versions, seconds);
    schools.unpersist();
    Watermarks.write(wh, CONSUMER, current, Timestamp.from(Instant.now(ctx.clock())));
    return new MetricsResult(true, versions, seconds);
  }

  /** What gold holds before the run, as {@link MetricsPlan} needs it. */
  private static MetricsPlan.GoldState goldState(Warehouse wh, LocalDate d, Policy policy) {
    Optional<LocalDate> latestRun = Optional.ofNullable(latestAsOf(wh));
    // every as-of table holds D (a table added by an upgrade is computed on its first run); one
    // query per table answers both whether D is there and whether any of it is superseded. A new
    // day (after the latest run date, latestAsOf) is absent without asking.
    boolean asOfPresent = latestRun.map(latest -> !latest.isBefore(d)).orElse(false);
    boolean superseded = false;
    // return deferrals have rows only in a term start's window: an empty D is computed there
    boolean noTermStart =
        asOfPresent
            && !ReturnDeferrals.anyStartOn(
                silverOrEmpty(wh, Tables.SILVER_RETURN_BATCHES), policy, d);
    for (TableSpec t : AS_OF_INPUTS.keySet()) {
      if (!asOfPresent) break; // one table without D answers: not present, nothing to supersede
      if (noTermStart
          && (t.equals(Tables.GOLD_RETURN_DEFERRALS)
              || t.equals(Tables.GOLD_RETURN_DEFERRAL_PERSONS))) continue;
      if (!wh.exists(t.id())) {
        asOfPresent = false;
        continue;
      }
      Dataset<Row> table = wh.read(t.id());
      Column marked =
          java.util.Arrays.asList(table.columns()).contains(SUPERSEDED_AT)
              ? col(SUPERSEDED_AT)
              : lit(null);
      Row r =
          table
              .filter(col("as_of").equalTo(lit(Date.valueOf(d))))
              .agg(
                  org.apache.spark.sql.functions.count(lit(1)),
                  org.apache.spark.sql.functions.count(marked))
              .first();
      asOfPresent &= r.getLong(0) > 0;
      superseded |= r.getLong(1) > 0;
    }
    superseded &= asOfPresent;
    boolean currentStateTablesExist =
        CURRENT_STATE_TABLES.stream().allMatch(t -> wh.exists(t.id()));
    return new MetricsPlan.GoldState(
        latestRun, asOfPresent, superseded, dailyHeld(wh, d), currentStateTablesExist);
  }

  /**
   * What the daily tables hold, in one query on compliance: D's rows, the latest date (the days
   * after it up to D are computed by this run) and whether a day between the first and latest date
   * has no row.
   */
  private static DailyPlan.Held dailyHeld(Warehouse wh, LocalDate d) {
    boolean exist =
        wh.exists(Tables.GOLD_REPORTING_COMPLIANCE.id())
            && wh.exists(Tables.GOLD_ATTENDANCE.id())
            && wh.exists(Tables.GOLD_ABSENCE_BY_CAUSE.id());
    if (!exist) return DailyPlan.Held.none();
    Row r =
        wh.read(Tables.GOLD_REPORTING_COMPLIANCE.id())
            .agg(
                org.apache.spark.sql.functions.min("report_date"),
                org.apache.spark.sql.functions.max("report_date"),
                org.apache.spark.sql.functions.countDistinct(col("report_date")),
                org.apache.spark.sql.functions.count(
                    when(col("report_date").equalTo(lit(Date.valueOf(d))), lit(1))))
            .first();
    if (r.isNullAt(0)) return new DailyPlan.Held(true, false, Optional.empty(), false);
    LocalDate first = r.getDate(0).toLocalDate();
    LocalDate latest = r.getDate(1).toLocalDate();
    boolean gaps = r.getLong(2) < java.time.temporal.ChronoUnit.DAYS.between(first, latest) + 1;
    return new DailyPlan.Held(true, r.getLong(3) > 0, Optional.of(latest), gaps);
  }

  /**
   * One run's inputs (silver up to D, the resolved policy) and its record of what it wrote: the
   * Delta version per table and the seconds per metric.
   */
  private record Run(
      Warehouse wh,
      MetricsPlan plan,
      Dataset<Row> schools,
      Dataset<Row> reports,
      Dataset<Row> cases,
      Policy policy,
      Map<String, Long> versions,
      Map<String, Double> seconds,
      java.time.ZoneId zone,
      Timestamp at) {

    /** Computes and writes D's snapshot of an as-of table, timed. */
    void asOf(TableSpec spec, java.util.function.Supplier<Dataset<Row>> rows) {
      LocalDate d = plan.runDate();
      timed(seconds, spec, () -> writeAsOf(wh, spec, rows.get(), d, versions));
    }
  }

  /** Carries out the plan: the daily tables, the current-state tables, the as-of snapshots. */
  private static void execute(
      JobContext ctx,
      MetricsPlan plan,
      Dataset<Row> schools,
      Policy policy,
      Map<String, Long> versions,
      Map<String, Double> seconds) {
    Warehouse wh = ctx.warehouse();
    LocalDate d = plan.runDate();
    Dataset<Row> reports =
        wh.read(Tables.SILVER_DAILY_REPORTS.id())
            .filter(col("report_date").leq(lit(Date.valueOf(d))));
    Dataset<Row> cases =
        wh.read(Tables.SILVER_ABSENCE_CASES.id())
            .filter(col("report_date").leq(lit(Date.valueOf(d))));
    Run run =
        new Run(
            wh,
            plan,
            schools,
            reports,
            cases,
            policy,
            versions,
            seconds,
            ctx.config().zone(),
            Timestamp.from(Instant.now(ctx.clock())));
    writeDailyTables(run);
    writeCurrentState(run);
    writeAsOfTables(run);
    writeSignals(run);
    writeSafetyIncidents(run);
    writeInspections(run);
    writeReturnDeferrals(run);
    Timestamp now = Timestamp.from(Instant.now(ctx.clock()));
    plan.supersedeFrom().forEach((spec, from) -> markSuperseded(wh, spec, from, d, now, versions));
  }

  /** Compliance, attendance and absence by cause for the plan's dates. */
  private static void writeDailyTables(Run run) {
    Warehouse wh = run.wh();
    MetricsPlan plan = run.plan();
    Dataset<Row> schools = run.schools();
    Dataset<Row> reports = run.reports();
    Dataset<Row> cases = run.cases();
    Policy policy = run.policy();
    Map<String, Long> versions = run.versions();
    Map<String, Double> seconds = run.seconds();
    LocalDate d = plan.runDate();
    boolean pastDay = plan.pastDay();
    DailyPlan daily = plan.daily();
    if (daily.isEmpty()) {
      LOG.info(
          "metrics: silver unchanged and the daily tables already hold {}: daily tables unchanged",
          d);
    } else {
      boolean full = daily.full();
      java.util.SortedSet<LocalDate> dates = daily.dates();
      if (full && pastDay) {
        LOG.info(
            "metrics: {} is before the latest run date {}: daily tables recomputed up to {} only, later dates kept",
            d,
            plan.latestRun().orElseThrow(),
            d);
      }
      if (!full)
        LOG.info("metrics: recomputing daily tables for {} date(s): {}", dates.size(), dates);
      // The daily tables depend only on their own date's rows: read just the dates to rewrite,
      // so a day's cost does not grow with history (alerts need the windows: all rows).
      Column onDates = col("report_date").isin(dates.stream().map(Date::valueOf).toArray());
      Dataset<Row> dayReports = full ? reports : reports.filter(onDates);
      Dataset<Row> dayCases = full ? cases : cases.filter(onDates);
      timed(
          seconds,
          Tables.GOLD_REPORTING_COMPLIANCE,
          () -> {
            Dataset<Row> compliance =
                full
                    ? DailyMetrics.reportingCompliance(schools, reports, d, policy)
                    : DailyMetrics.reportingCompliance(
                        schools, dayReports, dates.first(), d, policy);
            if (compliance.columns().length > 0) {
              writeDaily(
                  wh,
                  Tables.GOLD_REPORTING_COMPLIANCE,
                  compliance,
                  full,
                  pastDay ? d : null,
                  dates,
                  versions);
            }
          });
      Dataset<Row> attendance =
          kept("attendance", DailyMetrics.attendance(schools, dayReports, dayCases, policy));
      timed(
          seconds,
          Tables.GOLD_ATTENDANCE,
          () ->
              writeDaily(
                  wh,
                  Tables.GOLD_ATTENDANCE,
                  attendance,
                  full,
                  pastDay ? d : null,
                  dates,
                  versions));
      timed(
          seconds,
          Tables.GOLD_ABSENCE_BY_CAUSE,
          () ->
              writeDaily(
                  wh,
                  Tables.GOLD_ABSENCE_BY_CAUSE,
                  DailyMetrics.absenceByCause(
                      schools,
                      // episode starts are marked on the whole history, then the dates are taken
                      full
                          ? DailyMetrics.withEpisodeStart(cases)
                          : DailyMetrics.withEpisodeStart(cases).filter(onDates),
                      attendance,
                      policy),
                  full,
                  pastDay ? d : null,
                  dates,
                  versions));
    }
  }

  /**
   * The tables holding the state on the latest run date: cluster alerts and their cases, and the
   * district EARS-C2 days (every day up to D, rebuilt from silver like the alerts).
   */
  private static void writeCurrentState(Run run) {
    Warehouse wh = run.wh();
    MetricsPlan plan = run.plan();
    Policy policy = run.policy();
    Map<String, Long> versions = run.versions();
    Map<String, Double> seconds = run.seconds();
    LocalDate d = plan.runDate();
    if (!plan.currentState()) {
      // Alerts hold their state on the latest run date; a past day's state is what its
      // briefing recorded (brief --reproduce), so a rerun of that day leaves them alone.
      LOG.info(
          "metrics: cluster alerts kept as of {} ({} is a past day)",
          plan.latestRun().orElseThrow(),
          d);
    } else {
      timed(
          seconds,
          Tables.GOLD_CLUSTER_ALERTS,
          () -> {
            Dataset<Row> responses = silverOrEmpty(wh, Tables.SILVER_ALERT_RESPONSES);
            // conformStored: a roster written before its dormitory column reads it as null
            Dataset<Row> roster =
                TableWriter.conformStored(
                    silverOrEmpty(wh, Tables.SILVER_ROSTER), Tables.SILVER_ROSTER);
            // the line list with each row's dormitory resolved (the row's, else the roster's)
            SparkSession spark = wh.spark();
            Dataset<Row> cases =
                StepMeter.step(
                    spark,
                    "cluster alerts: line list with dormitories",
                    () -> ClusterAlerts.withDormitory(run.cases(), roster).localCheckpoint());
            Dataset<Row> grouped =
                ClusterAlerts.alerts(run.schools(), cases, run.reports(), roster, policy, d);
            Dataset<Row> alerts =
                StepMeter.step(
                    spark,
                    "cluster alerts: responses and detection",
                    () ->
                        TableWriter.conform(
                                ClusterAlerts.withResponses(
                                    grouped,
                                    cases,
                                    run.reports(),
                                    responses,
                                    d,
                                    Timestamp.from(
                                        d.plusDays(1).atStartOfDay(run.zone()).toInstant())),
                                Tables.GOLD_CLUSTER_ALERTS)
                            .localCheckpoint());
            StepMeter.step(
                spark,
                "cluster alerts: compared and written",
                () -> {
                  if (!sameContent(wh, Tables.GOLD_CLUSTER_ALERTS, alerts))
                    writeAll(wh, Tables.GOLD_CLUSTER_ALERTS, alerts, versions);
                });
            timed(
                seconds,
                Tables.GOLD_ALERT_CASES,
                () -> {
                  Dataset<Row> members =
                      TableWriter.conform(
                              ClusterAlerts.alertCases(alerts, cases), Tables.GOLD_ALERT_CASES)
                          .localCheckpoint();
                  if (!sameContent(wh, Tables.GOLD_ALERT_CASES, members))
                    writeAll(wh, Tables.GOLD_ALERT_CASES, members, versions);
                });
            UnknownAlerts.quarantine(
                wh, ClusterAlerts.unknownResponses(responses, alerts), run.at());
          });
      timed(
          seconds,
          Tables.GOLD_DISTRICT_EARS,
          () -> {
            Dataset<Row> ears =
                TableWriter.conform(
                        DistrictEars.days(
                            run.schools(), run.reports(), run.cases(), policy.districtEars(), d),
                        Tables.GOLD_DISTRICT_EARS)
                    .localCheckpoint();
            if (!sameContent(wh, Tables.GOLD_DISTRICT_EARS, ears))
              writeAll(wh, Tables.GOLD_DISTRICT_EARS, ears, versions);
          });
    }
  }

  /**
   * D's snapshots of the as-of tables: coverage, campaigns, risk exposure, exposure by area,
   * vaccination follow-up.
   */
  private static void writeAsOfTables(Run run) {
    Warehouse wh = run.wh();
    MetricsPlan plan = run.plan();
    Dataset<Row> schools = run.schools();
    Policy policy = run.policy();
    Map<String, Long> versions = run.versions();
    Map<String, Double> seconds = run.seconds();
    LocalDate d = plan.runDate();
    Dataset<Row> persons =
        kept(
            "vaccination persons",
            Vaccination.persons(
                wh.read(Tables.SILVER_ROSTER.id()),
                wh.read(Tables.SILVER_CONTRAINDICATIONS.id()),
                wh.read(Tables.SILVER_VACCINATIONS.id()),
                policy,
                d));
    Dataset<Row> coverage =
        kept("vaccination coverage", Vaccination.coverage(schools, persons, policy, d));
    timed(
        seconds,
        Tables.GOLD_VACCINATION_COVERAGE,
        () -> {
          Vaccination.assertRatesAtMostOne(coverage);
          writeAsOf(wh, Tables.GOLD_VACCINATION_COVERAGE, coverage, d, versions);
        });
    run.asOf(
        Tables.GOLD_CAMPAIGN_PROGRESS, () -> Vaccination.campaigns(schools, persons, policy, d));
    Dataset<Row> trips = wh.read(Tables.SILVER_TRAVEL_RECORDS.id());
    Dataset<Row> areas = wh.read(Tables.SILVER_RISK_AREAS.id());
    run.asOf(
        Tables.GOLD_RISK_EXPOSURE, () -> RiskExposure.exposure(schools, trips, areas, policy, d));
    run.asOf(
        Tables.GOLD_EXPOSURE_BY_AREA,
        () -> ExposureByArea.exposure(schools, trips, areas, policy, d));
    Dataset<Row> followup =
        kept(
            "vaccination follow-up persons",
            VaccinationFollowup.persons(
                persons,
                wh.read(Tables.SILVER_CONTRAINDICATIONS.id()),
                wh.read(Tables.SILVER_VACCINATIONS.id()),
                policy,
                d));
    run.asOf(
        Tables.GOLD_VACCINATION_FOLLOWUP,
        () -> VaccinationFollowup.followup(schools, followup, policy, d));
    run.asOf(
        Tables.GOLD_VACCINATION_FOLLOWUP_PERSONS,
        () ->
            OrgRollup.atSchool(
                OrgRollup.withSchoolInForce(
                    VaccinationFollowup.listed(followup).withColumn("as_of", lit(Date.valueOf(d))),
                    schools,
                    "as_of",
                    "left")));
  }

  /**
   * Case signals: the whole table holds the state on the latest run date (like the alerts; not
   * written for a past day), and D's counts per organisation are an as-of snapshot.
   */
  private static void writeSignals(Run run) {
    Warehouse wh = run.wh();
    LocalDate d = run.plan().runDate();
    Dataset<Row> trips = wh.read(Tables.SILVER_TRAVEL_RECORDS.id());
    Dataset<Row> signals =
        kept(
            "case signals",
            TableWriter.conform(
                CaseSignals.signals(
                    run.schools(),
                    run.reports(),
                    run.cases(),
                    trips,
                    bronzeOr(wh, Tables.SILVER_DAILY_REPORTS, run.reports()),
                    bronzeOr(wh, Tables.SILVER_ABSENCE_CASES, run.cases()),
                    bronzeOr(wh, Tables.SILVER_TRAVEL_RECORDS, trips),
                    d),
                Tables.GOLD_CASE_SIGNALS));
    if (run.plan().currentState()) {
      timed(
          run.seconds(),
          Tables.GOLD_CASE_SIGNALS,
          () -> {
            if (!sameContent(wh, Tables.GOLD_CASE_SIGNALS, signals))
              writeAll(wh, Tables.GOLD_CASE_SIGNALS, signals, run.versions());
          });
    }
    run.asOf(
        Tables.GOLD_CASE_SIGNALS_DAILY,
        () -> CaseSignals.daily(run.schools(), signals, run.policy(), d));
    writeCampusStays(run, signals);
  }

  /**
   * D's snapshot of gold.campus_stays (docs/rules.md §4.12), with the case signals of this run. The
   * source is optional: a warehouse that never received a campus_stays file gets rows with null
   * measures (no data), not zeros.
   */
  private static void writeCampusStays(Run run, Dataset<Row> signals) {
    Warehouse wh = run.wh();
    LocalDate d = run.plan().runDate();
    Dataset<Row> stays = silverOrEmpty(wh, Tables.SILVER_CAMPUS_STAYS);
    boolean received = wh.exists(TableId.bronze(Sources.CAMPUS_STAYS.name())) || !stays.isEmpty();
    run.asOf(
        Tables.GOLD_CAMPUS_STAYS,
        () ->
            CampusStays.summary(
                run.schools(),
                CampusStays.persons(stays, run.cases(), signals, d),
                received,
                run.policy(),
                d));
  }

  /**
   * D's snapshot of gold.safety_incidents_summary. The source is optional: a warehouse that never
   * received a safety_incidents file (no bronze table, no silver rows) gets rows with null measures
   * (no data), not zeros.
   */
  private static void writeSafetyIncidents(Run run) {
    Warehouse wh = run.wh();
    Dataset<Row> incidents = silverOrEmpty(wh, Tables.SILVER_SAFETY_INCIDENTS);
    boolean received =
        wh.exists(TableId.bronze(Sources.SAFETY_INCIDENTS.name())) || !incidents.isEmpty();
    run.asOf(
        Tables.GOLD_SAFETY_INCIDENTS_SUMMARY,
        () ->
            SafetyIncidents.summary(
                run.schools(), incidents, received, run.policy(), run.plan().runDate()));
  }

  /**
   * D's snapshots of gold.inspection_summary and gold.rectification_ledger, and the findings that
   * fail their inspection's checks quarantined (UNKNOWN_INSPECTION, BAD_DATE). The sources are
   * optional: a warehouse that never received an inspections file gets summary rows with null
   * measures (no data), not zeros.
   */
  private static void writeInspections(Run run) {
    Warehouse wh = run.wh();
    LocalDate d = run.plan().runDate();
    Dataset<Row> inspections = silverOrEmpty(wh, Tables.SILVER_INSPECTIONS);
    Dataset<Row> findings = silverOrEmpty(wh, Tables.SILVER_FINDINGS);
    boolean received =
        wh.exists(TableId.bronze(Sources.INSPECTIONS.name())) || !inspections.isEmpty();
    run.asOf(
        Tables.GOLD_INSPECTION_SUMMARY,
        () -> Inspections.summary(run.schools(), inspections, findings, received, run.policy(), d));
    run.asOf(
        Tables.GOLD_RECTIFICATION_LEDGER,
        () -> Inspections.ledger(run.schools(), inspections, findings, d));
    StageQuarantine.replace(
        wh,
        Sources.FINDINGS,
        Inspections.quarantineRows(Inspections.rejected(findings, inspections), run.at()),
        "finding(s) of no inspection or dated before it: UNKNOWN_INSPECTION, BAD_DATE");
  }

  /** A silver table of an optional source, or no rows when it was never created. */
  private static Dataset<Row> silverOrEmpty(Warehouse wh, TableSpec spec) {
    return wh.exists(spec.id()) ? wh.read(spec.id()) : new TableWriter(wh).empty(spec);
  }

  /**
   * D's snapshot of gold.return_deferrals (docs/rules.md §4.11): rows only when D lies in the
   * window of a term start of the policy or of one of its batches (silver.return_batches, §2.14);
   * outside every window the D partition is written empty.
   */
  private static void writeReturnDeferrals(Run run) {
    Warehouse wh = run.wh();
    LocalDate d = run.plan().runDate();
    ReturnDeferrals.Inputs in =
        new ReturnDeferrals.Inputs(
            run.schools(),
            wh.read(Tables.SILVER_ROSTER.id()),
            wh.read(Tables.SILVER_TRAVEL_RECORDS.id()),
            wh.read(Tables.SILVER_RISK_AREAS.id()),
            run.cases(),
            silverOrEmpty(wh, Tables.SILVER_RETURN_BATCHES));
    List<ReturnDeferrals.Group> groups =
        ReturnDeferrals.groups(
            in, run.policy(), d, rows -> kept("return deferral roster and stays", rows));
    Dataset<Row> persons =
        kept("return deferral persons", ReturnDeferrals.persons(in, groups, run.policy(), d));
    run.asOf(
        Tables.GOLD_RETURN_DEFERRAL_PERSONS,
        () ->
            OrgRollup.atSchool(
                OrgRollup.withSchoolInForce(
                    persons.withColumn("as_of", lit(Date.valueOf(d))),
                    run.schools(),
                    "as_of",
                    "left")));
    run.asOf(
        Tables.GOLD_RETURN_DEFERRALS,
        () -> ReturnDeferrals.deferrals(in, groups, persons, run.policy(), d));
  }

  /**
   * The bronze table of a silver table's source (every accepted version), or the silver rows
   * themselves when bronze is absent (a warehouse built from silver alone, as in the DuckDB test).
   */
  private static Dataset<Row> bronzeOr(Warehouse wh, TableSpec silver, Dataset<Row> fallback) {
    TableId bronze = TableId.bronze(silver.id().name());
    return wh.exists(bronze) ? wh.read(bronze) : fallback;
  }

  static final String SUPERSEDED_AT = "superseded_at";

  /** The silver tables the return deferrals and their persons are computed from. */
  private static final List<TableSpec> DEFERRAL_INPUTS =
      List.of(
          Tables.SILVER_SCHOOLS,
          Tables.SILVER_ROSTER,
          Tables.SILVER_TRAVEL_RECORDS,
          Tables.SILVER_RISK_AREAS,
          Tables.SILVER_ABSENCE_CASES,
          Tables.SILVER_RETURN_BATCHES);

  /**
   * The tables that hold the state on the latest run date, rewritten whole by every run that is not
   * a past day's: a run computes them when one is missing (added by an upgrade) even if nothing
   * else changed.
   */
  static final List<TableSpec> CURRENT_STATE_TABLES =
      List.of(Tables.GOLD_CLUSTER_ALERTS, Tables.GOLD_ALERT_CASES, Tables.GOLD_DISTRICT_EARS);

  /** The as-of tables and the silver tables their snapshots are computed from. */
  static final Map<TableSpec, List<TableSpec>> AS_OF_INPUTS =
      ofPairs(
          Tables.GOLD_VACCINATION_COVERAGE,
              List.of(
                  Tables.SILVER_SCHOOLS,
                  Tables.SILVER_ROSTER,
                  Tables.SILVER_VACCINATIONS,
                  Tables.SILVER_CONTRAINDICATIONS),
          Tables.GOLD_CAMPAIGN_PROGRESS,
              List.of(
                  Tables.SILVER_SCHOOLS,
                  Tables.SILVER_ROSTER,
                  Tables.SILVER_VACCINATIONS,
                  Tables.SILVER_CONTRAINDICATIONS),
          Tables.GOLD_RISK_EXPOSURE,
              List.of(
                  Tables.SILVER_SCHOOLS, Tables.SILVER_TRAVEL_RECORDS, Tables.SILVER_RISK_AREAS),
          Tables.GOLD_CASE_SIGNALS_DAILY,
              List.of(
                  Tables.SILVER_SCHOOLS,
                  Tables.SILVER_DAILY_REPORTS,
                  Tables.SILVER_ABSENCE_CASES,
                  Tables.SILVER_TRAVEL_RECORDS),
          Tables.GOLD_EXPOSURE_BY_AREA,
              List.of(
                  Tables.SILVER_SCHOOLS, Tables.SILVER_TRAVEL_RECORDS, Tables.SILVER_RISK_AREAS),
          Tables.GOLD_VACCINATION_FOLLOWUP,
              List.of(
                  Tables.SILVER_SCHOOLS,
                  Tables.SILVER_ROSTER,
                  Tables.SILVER_VACCINATIONS,
                  Tables.SILVER_CONTRAINDICATIONS),
          Tables.GOLD_VACCINATION_FOLLOWUP_PERSONS,
              List.of(
                  Tables.SILVER_SCHOOLS,
                  Tables.SILVER_ROSTER,
                  Tables.SILVER_VACCINATIONS,
                  Tables.SILVER_CONTRAINDICATIONS),
          Tables.GOLD_SAFETY_INCIDENTS_SUMMARY,
              List.of(Tables.SILVER_SCHOOLS, Tables.SILVER_SAFETY_INCIDENTS),
          Tables.GOLD_INSPECTION_SUMMARY,
              List.of(Tables.SILVER_SCHOOLS, Tables.SILVER_INSPECTIONS, Tables.SILVER_FINDINGS),
          Tables.GOLD_RECTIFICATION_LEDGER,
              List.of(Tables.SILVER_SCHOOLS, Tables.SILVER_INSPECTIONS, Tables.SILVER_FINDINGS),
          Tables.GOLD_RETURN_DEFERRALS, DEFERRAL_INPUTS,
          Tables.GOLD_RETURN_DEFERRAL_PERSONS, DEFERRAL_INPUTS,
          Tables.GOLD_CAMPUS_STAYS,
              List.of(
                  Tables.SILVER_SCHOOLS,
                  Tables.SILVER_CAMPUS_STAYS,
                  Tables.SILVER_DAILY_REPORTS,
                  Tables.SILVER_ABSENCE_CASES,
                  Tables.SILVER_TRAVEL_RECORDS));

  /** Map.of for more than ten pairs: key, value, key, value ... */
  @SuppressWarnings("unchecked")
  private static Map<TableSpec, List<TableSpec>> ofPairs(Object... kv) {
    Map<TableSpec, List<TableSpec>> m = new java.util.HashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      if (m.put((TableSpec) kv[i], (List<TableSpec>) kv[i + 1]) != null)
        throw new IllegalArgumentException("duplicate key " + kv[i]);
    }
    return Map.copyOf(m);
  }

  /**
   * Marks the snapshots as_of >= from other than D's (which was just computed from all data)
   * superseded at {@code now}; snapshots already marked keep their first mark. One UPDATE, none
   * when nothing is to mark.
   */
  private static void markSuperseded(
      Warehouse wh,
      TableSpec spec,
      LocalDate from,
      LocalDate d,
      Timestamp now,
      Map<String, Long> versions) {
    String where =
        SUPERSEDED_AT
            + " IS NULL AND as_of <> DATE'"
            + d
            + "'"
            + (from.equals(LocalDate.MIN) ? "" : " AND as_of >= DATE'" + from + "'");
    if (wh.read(spec.id()).filter(where).isEmpty()) return;
    new TableWriter(wh).update(spec, where, Map.of(SUPERSEDED_AT, lit(now)));
    versions.put(spec.id().toString(), wh.version(spec.id()));
    LOG.info(
        "{}: snapshots where {} marked superseded (version {})",
        spec.id(),
        where,
        versions.get(spec.id().toString()));
  }

  /** The rows of one intermediate result computed once and kept (step "kept: what"). */
  static Dataset<Row> kept(String what, Dataset<Row> rows) {
    return Frames.kept("kept: " + what, rows);
  }

  /**
   * Runs one metric's computation and write as a step (ops.job_steps), logging and recording its
   * wall time (for jobs/bench).
   */
  private static void timed(Map<String, Double> seconds, TableSpec spec, Runnable work) {
    long t0 = System.nanoTime();
    StepMeter.step(SparkSession.active(), spec.id().toString(), work);
    double s = (System.nanoTime() - t0) / 1e9;
    seconds.put(spec.id().name(), s);
    LOG.info("{} computed and written in {} s", spec.id(), String.format("%.2f", s));
  }

  private static void writeAll(
      Warehouse wh, TableSpec spec, Dataset<Row> rows, Map<String, Long> versions) {
    new TableWriter(wh).overwrite(spec, rows);
    versions.put(spec.id().toString(), wh.version(spec.id()));
    LOG.info("{} written (version {})", spec.id(), versions.get(spec.id().toString()));
  }

  /**
   * The whole table (or, for a past day, every date up to it), or only the given report dates:
   * replaceWhere on those partitions.
   */
  private static void writeDaily(
      Warehouse wh,
      TableSpec spec,
      Dataset<Row> rows,
      boolean full,
      LocalDate upTo,
      java.util.SortedSet<LocalDate> dates,
      Map<String, Long> versions) {
    if (full && upTo == null) {
      writeAll(wh, spec, rows, versions);
      return;
    }
    String predicate =
        full
            ? spec.partitionColumn() + " <= DATE'" + upTo + "'"
            : spec.partitionColumn()
                + " IN ("
                + dates.stream()
                    .map(x -> "DATE'" + x + "'")
                    .collect(java.util.stream.Collectors.joining(", "))
                + ")";
    new TableWriter(wh)
        .replaceWhere(spec, TableWriter.conform(rows.filter(predicate), spec), predicate, false);
    versions.put(spec.id().toString(), wh.version(spec.id()));
    LOG.info(
        "{} rewritten where {} (version {})",
        spec.id(),
        predicate,
        versions.get(spec.id().toString()));
  }

  /** The latest as_of gold holds (the latest run date computed), or null before the first run. */
  static LocalDate latestAsOf(Warehouse wh) {
    LocalDate latest = null;
    for (TableSpec t : RUN_DATE_MARKERS) {
      if (!wh.exists(t.id())) continue;
      Row r = wh.read(t.id()).agg(org.apache.spark.sql.functions.max("as_of")).first();
      if (r.isNullAt(0)) continue;
      LocalDate asOf = r.getDate(0).toLocalDate();
      if (latest == null || asOf.isAfter(latest)) latest = asOf;
    }
    return latest;
  }

  /**
   * The as-of tables whose latest as_of is the latest run date computed. gold.case_signals_daily
   * has a row for every school in force on every day computed; gold.risk_exposure has rows only on
   * a day with exposed persons (a city's first weeks have none), and is read as well for a
   * warehouse written before case_signals_daily existed.
   */
  private static final List<TableSpec> RUN_DATE_MARKERS =
      List.of(Tables.GOLD_CASE_SIGNALS_DAILY, Tables.GOLD_RISK_EXPOSURE);

  /** True when the table holds exactly these rows (then nothing is written). */
  private static boolean sameContent(Warehouse wh, TableSpec spec, Dataset<Row> rows) {
    if (!wh.exists(spec.id())) return false;
    Dataset<Row> old = TableWriter.conform(wh.read(spec.id()), spec);
    return old.exceptAll(rows).isEmpty() && rows.exceptAll(old).isEmpty();
  }

  /**
   * Replaces the as_of = D partition only (earlier as-of snapshots stay); its rows are current
   * (superseded_at null). mergeSchema: a warehouse written before superseded_at existed gains it.
   */
  private static void writeAsOf(
      Warehouse wh, TableSpec spec, Dataset<Row> rows, LocalDate d, Map<String, Long> versions) {
    Dataset<Row> conformed =
        TableWriter.conform(rows.withColumn(SUPERSEDED_AT, lit(null).cast("timestamp")), spec);
    new TableWriter(wh)
        .replaceWhere(spec, conformed, spec.partitionColumn() + " = '" + d + "'", true);
    versions.put(spec.id().toString(), wh.version(spec.id()));
    LOG.info("{} as of {} written (version {})", spec.id(), d, versions.get(spec.id().toString()));
  }
}
