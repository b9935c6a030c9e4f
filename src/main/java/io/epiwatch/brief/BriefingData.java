package io.epiwatch.brief;

import static java.util.Comparator.naturalOrder;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.epiwatch.catalog.TableSpec;
import io.epiwatch.catalog.Tables;
import io.epiwatch.catalog.Warehouse;
import io.epiwatch.common.DeferralReason;
import io.epiwatch.common.EarsLevel;
import io.epiwatch.common.FindingCategory;
import io.epiwatch.common.FindingStatus;
import io.epiwatch.common.IncidentPeriod;
import io.epiwatch.common.InspectionScope;
import io.epiwatch.common.ManifestStatus;
import io.epiwatch.common.OrgLevel;
import io.epiwatch.common.Severity;
import io.epiwatch.common.VaccinationStatus;
import io.epiwatch.config.Policy;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.BinaryOperator;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The only Spark part of a briefing: reads the small gold slices a briefing needs, at pinned Delta
 * versions (so a rendering can be reproduced by time travel), and maps their rows once into the
 * records of {@link Briefing}. One read serves every scope (city and each district).
 */
public final class BriefingData {
  /**
   * Exposure categories that are risk areas (abroad, a high or a medium risk area) as opposed to
   * plain travel (out_of_province, in_province): the headline's exposure and the risk section count
   * these.
   */
  static final Set<String> RISK_AREA_CATEGORIES = Set.of("abroad", "high", "medium");

  static {
    if (!Policy.EXPOSURE_CATEGORIES.containsAll(RISK_AREA_CATEGORIES)) {
      throw new IllegalStateException(
          "risk-area categories "
              + RISK_AREA_CATEGORIES
              + " are not all exposure categories "
              + Policy.EXPOSURE_CATEGORIES);
    }
  }

  private BriefingData() {}

  private static Briefing readSlices(
      Warehouse wh, Policy policy, LocalDate date, Map<String, Long> versions) {
    Date d = Date.valueOf(date);
    Pinned gold = new Pinned(wh, versions);
    List<Briefing.Compliance> compliance =
        gold.read(
            Tables.GOLD_REPORTING_COMPLIANCE,
            col("report_date").between(daysBefore(date, 7), d),
            BriefingData::compliance);
    List<Briefing.Attendance> attendance =
        gold.read(
            Tables.GOLD_ATTENDANCE,
            col("report_date").between(daysBefore(date, 13), d),
            r ->
                new Briefing.Attendance(
                    localDate(r, "report_date"),
                    org(r),
                    r.getAs("illness_absence_rate"),
                    r.isNullAt(r.fieldIndex("fever_cases")) ? 0L : r.getAs("fever_cases")));
    List<Briefing.Cause> causes =
        gold.read(
            Tables.GOLD_ABSENCE_BY_CAUSE,
            col("report_date").equalTo(lit(d)).and(col("cause_type").equalTo("symptom_group")),
            r ->
                new Briefing.Cause(
                    org(r), r.getAs("cause"), (Long) r.getAs("cases"), r.getAs("rate_per_1000")));
    List<Briefing.Alert> alerts =
        gold.read(
            Tables.GOLD_CLUSTER_ALERTS, col("first_detected").leq(lit(d)), BriefingData::alert);
    List<Briefing.Exposure> exposure =
        gold.read(Tables.GOLD_RISK_EXPOSURE, asOf(d).and(ABOVE_SCHOOL), BriefingData::exposure);
    List<Briefing.Exposure> exposurePrevious =
        gold.read(
            Tables.GOLD_RISK_EXPOSURE,
            col("as_of").isin(daysBefore(date, 1), daysBefore(date, 7)).and(ABOVE_SCHOOL),
            BriefingData::exposure);
    List<Briefing.Coverage> coverage =
        gold.read(
            Tables.GOLD_VACCINATION_COVERAGE, asOf(d).and(ABOVE_SCHOOL), r -> coverage(r, policy));
    List<Briefing.Campaign> campaigns =
        gold.read(Tables.GOLD_CAMPAIGN_PROGRESS, asOf(d).and(ABOVE_SCHOOL), BriefingData::campaign);
    List<Briefing.Signal> signals =
        gold.read(
            Tables.GOLD_CASE_SIGNALS,
            col("signal_date").between(daysBefore(date, 13), d),
            BriefingData::signal);
    List<Briefing.SignalDay> signalDays =
        gold.read(
            Tables.GOLD_CASE_SIGNALS_DAILY,
            col("as_of").isin(d, daysBefore(date, 1), daysBefore(date, 7)).and(ABOVE_SCHOOL),
            BriefingData::signalDay);
    List<Briefing.AreaExposure> areas =
        gold.read(Tables.GOLD_EXPOSURE_BY_AREA, asOf(d).and(ABOVE_SCHOOL), BriefingData::area);
    List<Briefing.VaccinationFollowup> vaccinationFollowup =
        gold
            .read(
                Tables.GOLD_VACCINATION_FOLLOWUP,
                asOf(d)
                    .and(
                        col("status")
                            .isin(
                                VaccinationStatus.NEVER_VACCINATED.code(),
                                VaccinationStatus.OVERDUE.code())),
                r ->
                    new Briefing.VaccinationFollowup(
                        org(r),
                        r.getAs("person_type"),
                        r.getAs("age_band"),
                        VaccinationStatus.of(r.getAs("status")),
                        (Long) r.getAs("persons")))
            .stream()
            .filter(v -> vaccinable(policy, v.ageBand()))
            .toList();
    List<Briefing.Incidents> incidents =
        gold.read(
            Tables.GOLD_SAFETY_INCIDENTS_SUMMARY,
            asOf(d).and(ABOVE_SCHOOL),
            r ->
                new Briefing.Incidents(
                    org(r),
                    IncidentPeriod.of(r.getAs("period")),
                    r.getAs("incident_type"),
                    r.getAs("events"),
                    r.getAs("death_events"),
                    r.getAs("deaths"),
                    r.getAs("students_involved"),
                    r.getAs("report_delay_gt_24h")));
    List<Briefing.Inspections> inspections =
        gold.read(
            Tables.GOLD_INSPECTION_SUMMARY,
            asOf(d)
                .and(ABOVE_SCHOOL)
                .and(col("scope").equalTo(InspectionScope.ALL))
                .and(col("category").isNull()),
            r ->
                new Briefing.Inspections(
                    org(r),
                    r.getAs("schools_active"),
                    r.getAs("schools_inspected_30d"),
                    r.getAs("inspections_30d"),
                    r.getAs("unannounced_30d"),
                    r.getAs("findings_open"),
                    r.getAs("findings_overdue"),
                    r.getAs("findings_due"),
                    r.getAs("rectified_on_time")));
    List<Briefing.OverdueFinding> overdueFindings =
        gold.read(
            Tables.GOLD_RECTIFICATION_LEDGER,
            asOf(d)
                .and(col("status").equalTo(FindingStatus.OVERDUE.code()))
                .and(col("severity").equalTo(Severity.HIGH.code())),
            r ->
                new Briefing.OverdueFinding(
                    r.getAs("district_code"),
                    r.getAs("district_name"),
                    r.getAs("school_name"),
                    FindingCategory.of(r.getAs("category")),
                    r.<Integer>getAs("days_overdue"),
                    localDate(r, "deadline")));
    // above school level, and the schools that may not open (named by the briefing)
    List<Briefing.Deferral> deferrals =
        gold.read(
            Tables.GOLD_RETURN_DEFERRALS,
            asOf(d)
                .and(
                    ABOVE_SCHOOL.or(
                        col("reason").equalTo(DeferralReason.SCHOOL_IN_RISK_AREA.code()))),
            r ->
                new Briefing.Deferral(
                    org(r),
                    r.getAs("term_id"),
                    ((java.sql.Date) r.getAs("term_start")).toLocalDate(),
                    r.getAs("person_type"),
                    r.getAs("reason"),
                    (Long) r.getAs("persons"),
                    (Long) r.getAs("schools"),
                    r.getAs("deferred"),
                    r.getAs("roster"),
                    r.getAs("expected_returning")));
    List<Briefing.CampusStay> campusStays =
        gold.read(
            Tables.GOLD_CAMPUS_STAYS,
            asOf(d).and(ABOVE_SCHOOL),
            r ->
                new Briefing.CampusStay(
                    org(r),
                    r.getAs("on_campus"),
                    r.getAs("pending"),
                    r.getAs("no_guardian_contact"),
                    r.getAs("ill_or_signal")));
    List<Briefing.EarsAlert> earsAlerts =
        gold.read(
            Tables.GOLD_DISTRICT_EARS,
            col("report_date").equalTo(lit(d)).and(col("level").equalTo(EarsLevel.ALERT.code())),
            r ->
                new Briefing.EarsAlert(
                    r.getAs("district_code"),
                    r.getAs("district_name"),
                    r.getAs("symptom_group"),
                    r.getAs("z")));
    // the manifest has one row per file: read once, it answers both the rejected files and, per
    // source, the run that last loaded a file of it
    List<Manifest> manifest =
        gold.read(
            Tables.OPS_INGEST_MANIFEST,
            lit(true),
            r ->
                new Manifest(
                    r.getAs("source"),
                    ManifestStatus.of(r.getAs("status")),
                    localDate(r, "run_date")));
    // D's contradicting zero reports, and every other flag: one pass over ops.data_quality
    long[] flags =
        gold.counts(
            Tables.OPS_DATA_QUALITY,
            col("flag")
                .equalTo("ZERO_REPORT_CONTRADICTION")
                .and(col("business_date").equalTo(lit(d))),
            col("flag").notEqual("ZERO_REPORT_CONTRADICTION"));
    Briefing.Quality quality =
        new Briefing.Quality(
            manifest.stream().filter(m -> m.status() == ManifestStatus.REJECTED).count(),
            gold.count(Tables.OPS_QUARANTINE, lit(true)),
            flags[0],
            flags[1],
            manifest.stream()
                .filter(m -> m.status() == ManifestStatus.LOADED)
                .collect(
                    Collectors.toMap(
                        Manifest::source,
                        Manifest::runDate,
                        BinaryOperator.maxBy(naturalOrder()))));
    java.sql.Timestamp superseded = supersededAt(wh, d);
    return new Briefing(
        date,
        versions,
        quality,
        superseded == null ? null : superseded.toInstant(),
        policy.quietGapDays(),
        policy.vaccinationMinAge(),
        compliance,
        attendance,
        causes,
        alerts,
        exposure,
        exposurePrevious,
        coverage,
        campaigns,
        signals,
        signalDays,
        areas,
        vaccinationFollowup,
        incidents,
        inspections,
        overdueFindings,
        deferrals,
        policy.holidayOn(date).orElse(null),
        campusStays,
        earsAlerts);
  }

  // ------------------------------------------------------------------ rows -> records, once

  /** A file of ops.ingest_manifest, as far as a briefing needs it. */
  private record Manifest(String source, ManifestStatus status, LocalDate runDate) {}

  static Briefing.Org org(Row r) {
    return new Briefing.Org(
        OrgLevel.of(r.getAs("org_level")),
        r.getAs("org_code"),
        r.getAs("org_name"),
        r.getAs("parent_code"));
  }

  private static LocalDate localDate(Row r, String column) {
    Date v = r.getAs(column);
    return v == null ? null : v.toLocalDate();
  }

  private static Briefing.Compliance compliance(Row r) {
    java.sql.Timestamp at = r.getAs("first_submitted_at");
    return new Briefing.Compliance(
        localDate(r, "report_date"),
        org(r),
        Briefing.SchoolStatus.of(r.getAs("status")),
        at == null ? null : at.toInstant(),
        r.getAs("reporting_rate"),
        r.getAs("timeliness_rate"),
        r.getAs("zero_report_share"));
  }

  private static Briefing.Alert alert(Row r) {
    return new Briefing.Alert(
        r.getAs("rule"),
        r.getAs("district_code"),
        r.getAs("school_name"),
        r.getAs("grade"),
        r.getAs("class_name"),
        r.getAs("symptom_group"),
        r.getAs("diagnosis"),
        localDate(r, "first_detected"),
        localDate(r, "last_detected"),
        r.getAs("cases"),
        "active".equals(r.getAs("status")),
        has(r, "response_status") ? r.getAs("response_status") : null,
        instant(r, "cdc_report_due"),
        instant(r, "reported_to_cdc_at"),
        has(r, "cdc_report_on_time") ? r.getAs("cdc_report_on_time") : null,
        has(r, "cdc_report_overdue") && Boolean.TRUE.equals(r.getAs("cdc_report_overdue")),
        has(r, "dormitory") ? r.getAs("dormitory") : null,
        has(r, "rate") ? r.getAs("rate") : null);
  }

  /** True when the row has the column (gold read at a version before it was added has not). */
  private static boolean has(Row r, String column) {
    return java.util.Arrays.asList(r.schema().fieldNames()).contains(column);
  }

  private static java.time.Instant instant(Row r, String column) {
    if (!has(r, column)) return null;
    java.sql.Timestamp t = r.getAs(column);
    return t == null ? null : t.toInstant();
  }

  private static Briefing.Exposure exposure(Row r) {
    String category = r.getAs("category");
    return new Briefing.Exposure(
        localDate(r, "as_of"),
        org(r),
        category,
        RISK_AREA_CATEGORIES.contains(category),
        (Long) r.getAs("persons_14d"),
        (Long) r.getAs("in_monitoring"),
        (Long) r.getAs("away"),
        (Long) r.getAs("unapproved"),
        (Long) r.getAs("missing_test"));
  }

  private static Briefing.AreaExposure area(Row r) {
    return new Briefing.AreaExposure(
        org(r),
        r.getAs("area_kind"),
        r.getAs("area_code"),
        r.getAs("area_name"),
        r.getAs("risk_level"),
        r.getAs("person_type"),
        Boolean.TRUE.equals(r.getAs("directly_managed")),
        (Long) r.getAs("persons"),
        (Long) r.getAs("away"),
        (Long) r.getAs("in_monitoring"),
        (Long) r.getAs("missing_test"),
        (Long) r.getAs("unapproved"));
  }

  private static Briefing.Coverage coverage(Row r, Policy policy) {
    String band = r.getAs("age_band");
    return new Briefing.Coverage(
        org(r),
        band,
        vaccinable(policy, band),
        (Long) r.getAs("eligible"),
        (Long) r.getAs("contraindicated"),
        (Long) r.getAs("dose1"),
        (Long) r.getAs("completed"));
  }

  /** The policy's age band of that name starts at or above the vaccination minimum age. */
  static boolean vaccinable(Policy policy, String band) {
    return policy.ageBands().stream()
        .anyMatch(b -> b.band().equals(band) && b.min() >= policy.vaccinationMinAge());
  }

  private static Briefing.Campaign campaign(Row r) {
    return new Briefing.Campaign(
        org(r),
        r.getAs("campaign_id"),
        r.getAs("age_band"),
        r.getAs("dose_number"),
        localDate(r, "deadline"),
        r.getAs("achieved_rate"),
        r.getAs("gap_persons"),
        r.getAs("days_left"),
        Boolean.TRUE.equals(r.getAs("lagging")));
  }

  private static Briefing.Signal signal(Row r) {
    java.sql.Timestamp seen = r.getAs("first_seen_at");
    return new Briefing.Signal(
        r.getAs("signal_type"),
        r.getAs("district_code"),
        r.getAs("org_name"),
        r.getAs("person_type"),
        (Long) r.getAs("persons"),
        localDate(r, "signal_date"),
        seen == null ? null : seen.toInstant());
  }

  private static Briefing.SignalDay signalDay(Row r) {
    return new Briefing.SignalDay(
        localDate(r, "as_of"),
        org(r),
        (Long) r.getAs("report_confirmed"),
        (Long) r.getAs("report_suspected"),
        (Long) r.getAs("line_list_covid19"),
        (Long) r.getAs("test_positive"),
        r.getAs("days_since_last_confirmed"));
  }

  private static java.sql.Timestamp supersededAt(Warehouse wh, Date d) {
    java.sql.Timestamp first = null;
    for (TableSpec t :
        List.of(
            Tables.GOLD_VACCINATION_COVERAGE,
            Tables.GOLD_CAMPAIGN_PROGRESS,
            Tables.GOLD_RISK_EXPOSURE,
            Tables.GOLD_CASE_SIGNALS_DAILY,
            Tables.GOLD_EXPOSURE_BY_AREA,
            Tables.GOLD_VACCINATION_FOLLOWUP,
            Tables.GOLD_SAFETY_INCIDENTS_SUMMARY,
            Tables.GOLD_INSPECTION_SUMMARY,
            Tables.GOLD_RECTIFICATION_LEDGER)) {
      if (!wh.exists(t.id())) continue;
      Dataset<Row> now = wh.read(t.id());
      if (!java.util.Arrays.asList(now.columns()).contains("superseded_at")) continue;
      Row r =
          now.filter(col("as_of").equalTo(lit(d)))
              .agg(org.apache.spark.sql.functions.min("superseded_at"))
              .first();
      if (!r.isNullAt(0) && (first == null || r.getTimestamp(0).before(first)))
        first = r.getTimestamp(0);
    }
    return first;
  }

  /** Reads the current versions of every table a briefing uses. */
  public static Map<String, Long> currentVersions(Warehouse wh) {
    Map<String, Long> v = new LinkedHashMap<>();
    for (TableSpec t : Tables.GOLD) v.put(t.id().toString(), wh.version(t.id()));
    for (TableSpec t :
        List.of(Tables.OPS_INGEST_MANIFEST, Tables.OPS_QUARANTINE, Tables.OPS_DATA_QUALITY))
      v.put(t.id().toString(), wh.version(t.id()));
    return v;
  }

  /** Reads the gold slices of a date at the given versions into a {@link Briefing}. */
  public static Briefing read(
      Warehouse wh, Policy policy, LocalDate date, Map<String, Long> versions) {
    for (TableSpec t : Tables.GOLD) {
      // a briefing recorded before the table existed (--reproduce) renders without its section
      if (!versions.containsKey(t.id().toString())) continue;
      if (versions.getOrDefault(t.id().toString(), -1L) < 0) {
        throw new IllegalStateException(
            t.id() + " does not exist: run jobs/metrics --date " + date + " first");
      }
    }
    return readSlices(wh, policy, date, versions);
  }

  /** Rows above the school level: the briefing reads districts and the city only. */
  private static final Column ABOVE_SCHOOL = col("org_level").notEqual(OrgLevel.SCHOOL.code());

  private static Column asOf(Date d) {
    return col("as_of").equalTo(lit(d));
  }

  private static Date daysBefore(LocalDate date, int days) {
    return Date.valueOf(date.minusDays(days));
  }

  /**
   * The warehouse at the versions a briefing pins: a table not among them or pinned at -1 (not yet
   * written, or added by an upgrade after the versions were recorded) reads as empty.
   */
  private record Pinned(Warehouse wh, Map<String, Long> versions) {
    /** The rows of the table that pass the filter, each mapped once to its record. */
    <T> List<T> read(TableSpec spec, Column filter, Function<Row, T> toRecord) {
      long v = version(spec);
      if (v < 0) return new ArrayList<>();
      List<T> out = new ArrayList<>();
      for (Row r : wh.readVersion(spec.id(), v).filter(filter).collectAsList())
        out.add(toRecord.apply(r));
      return out;
    }

    long count(TableSpec spec, Column filter) {
      return counts(spec, filter)[0];
    }

    /** The rows that pass each condition, counted in one pass over the table. */
    long[] counts(TableSpec spec, Column... conditions) {
      long[] out = new long[conditions.length];
      long v = version(spec);
      if (v < 0) return out;
      Column[] sums = new Column[conditions.length];
      for (int i = 0; i < conditions.length; i++)
        sums[i] = org.apache.spark.sql.functions.count(when(conditions[i], lit(1)));
      Row r =
          wh.readVersion(spec.id(), v)
              .agg(sums[0], java.util.Arrays.copyOfRange(sums, 1, sums.length))
              .first();
      for (int i = 0; i < conditions.length; i++) out[i] = r.getLong(i);
      return out;
    }

    /** The pinned version; -1 for a table without one (or recorded as absent, -1). */
    private long version(TableSpec spec) {
      return versions.getOrDefault(spec.id().toString(), -1L);
    }
  }
}
