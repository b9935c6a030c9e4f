package io.epiwatch.brief;

import io.epiwatch.catalog.Tables;
import io.epiwatch.common.Coded;
import io.epiwatch.common.IncidentPeriod;
import io.epiwatch.common.IncidentType;
import io.epiwatch.common.OrgLevel;
import io.epiwatch.common.ResponseStatus;
import io.epiwatch.common.SymptomGroup;
import io.epiwatch.common.VaccinationStatus;
import io.epiwatch.contract.SourceSpec;
import io.epiwatch.contract.Sources;
import java.io.ByteArrayOutputStream;
import java.text.MessageFormat;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;
import net.sf.jasperreports.engine.JRException;
import net.sf.jasperreports.engine.JRParameter;
import net.sf.jasperreports.engine.JasperFillManager;
import net.sf.jasperreports.engine.JasperPrint;
import net.sf.jasperreports.engine.data.JRMapCollectionDataSource;
import net.sf.jasperreports.export.SimpleExporterInput;
import net.sf.jasperreports.export.SimpleOutputStreamExporterOutput;
import net.sf.jasperreports.pdf.JRPdfExporter;
import net.sf.jasperreports.pdf.SimplePdfExporterConfiguration;

/**
 * Pure JasperReports: a {@link Briefing} (plain records) + scope + language -> PDF bytes; no Spark
 * type reaches it, and every policy value comes with the records. Templates are the JRXML files in
 * reports/, compiled at build time ({@link Templates}); every label comes from the resource bundle
 * of the language, so English needs no second template.
 */
public final class BriefingRenderer {
  /** A briefing's scope: the city, or one district (org code). */
  public record Scope(String level, String code, String name) {
    /**
     * A city without a name in conf or in the schools extract: gold carries its code as its name.
     */
    public boolean unnamedCity() {
      return level.equals("city") && (name == null || name.isBlank() || name.equals(code));
    }
  }

  static {
    System.setProperty("java.awt.headless", "true");
  }

  private final Briefing data;
  private final ResourceBundle bundle;
  private final Locale locale;
  private final ZoneId zone;

  /** The tables of the last {@link #render}, for {@link #workbook}. */
  private final List<Workbook.Sheet> sheets = new ArrayList<>();

  public BriefingRenderer(Briefing data, String lang, ZoneId zone) {
    this.data = data;
    this.locale = lang.equals("en") ? Locale.ENGLISH : Locale.SIMPLIFIED_CHINESE;
    this.bundle = bundle(lang);
    this.zone = zone;
  }

  /**
   * The texts of a language: reports/briefing_<lang>.properties (no fallback to another language).
   */
  static ResourceBundle bundle(String lang) {
    return ResourceBundle.getBundle(
        "reports/briefing",
        lang.equals("en") ? Locale.ENGLISH : Locale.SIMPLIFIED_CHINESE,
        BriefingRenderer.class.getClassLoader(),
        ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
  }

  /** Fills a template and exports it as PDF; metadata may be null. */
  static byte[] pdf(
      String template, Map<String, Object> params, SimplePdfExporterConfiguration metadata) {
    try {
      JasperPrint print =
          JasperFillManager.fillReport(
              Templates.get(template),
              params,
              new net.sf.jasperreports.engine.JREmptyDataSource(1));
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      JRPdfExporter exporter = new JRPdfExporter();
      exporter.setExporterInput(new SimpleExporterInput(print));
      exporter.setExporterOutput(new SimpleOutputStreamExporterOutput(out));
      if (metadata != null) exporter.setConfiguration(metadata);
      exporter.exportReport();
      return out.toByteArray();
    } catch (JRException e) {
      throw new IllegalStateException("reports/" + template + ".jrxml: " + e.getMessage(), e);
    }
  }

  private String t(String key, Object... args) {
    String s = bundle.getString(key);
    return args.length == 0 ? s : MessageFormat.format(s, args);
  }

  private String tOr(String key, String fallback) {
    return bundle.containsKey(key) ? bundle.getString(key) : fallback;
  }

  /** Renders one scope; returns the PDF bytes. */
  public byte[] render(Scope scope, Instant generatedAt, String runId) {
    sheets.clear();
    Map<String, Object> p = new HashMap<>();
    p.put(JRParameter.REPORT_RESOURCE_BUNDLE, bundle);
    p.put(JRParameter.REPORT_LOCALE, locale);
    p.put(JRParameter.REPORT_TIME_ZONE, java.util.TimeZone.getTimeZone(zone));
    String scopeName = scope.unnamedCity() ? t("city.unnamed", scope.code()) : scope.name();
    p.put("TITLE", t("title", scopeName));
    p.put(
        "SUBTITLE",
        t(
            "subtitle",
            data.date(),
            asOf(),
            scope.level().equals("city") ? t("scope.city") : t("scope.district", scope.name())));
    String versions =
        data.versions().entrySet().stream()
            .filter(e -> e.getKey().startsWith("gold."))
            .map(e -> e.getKey().substring(5) + "@" + e.getValue())
            .collect(Collectors.joining(" "));
    p.put(
        "GENERATED",
        t(
            "generated",
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(zone).format(generatedAt),
            "run " + runId));
    Briefing.Quality q = data.quality();
    p.put(
        "QUALITY",
        t("quality", q.filesRejected(), q.rowsQuarantined(), q.contradictions(), q.otherFlags())
            + "  ("
            + versions
            + ")"
            + (data.supersededAt() == null
                ? ""
                : " "
                    + t(
                        "superseded",
                        DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm")
                            .withZone(zone)
                            .format(data.supersededAt()),
                        data.date().toString())));

    String minAge = String.valueOf(data.vaccinationMinAge());
    section(
        p,
        "SIGNALS",
        t("section.signals"),
        signals(scope),
        "col.school",
        "col.district",
        "col.signalType",
        "col.persons",
        "col.signalDate",
        "col.firstSeen");
    section(
        p,
        "HEADLINE",
        t("section.headline"),
        headline(scope),
        "col.metric",
        "col.today",
        "col.vsYesterday",
        "col.vs7days");
    p.put("EARS_ALERTS", earsLine(scope));
    section(
        p,
        "LATE",
        t("section.late"),
        late(scope),
        "col.school",
        "col.district",
        "col.status",
        "col.submittedAt");
    trend(p, scope);
    section(p, "CAUSES", t("section.causes"), causes(scope), "col.cause", "col.cases", "col.rate");
    section(
        p,
        "ALERTS",
        t("section.alerts"),
        alerts(scope),
        "col.alertRule",
        "col.cause",
        "col.detectedPeriod",
        "col.cases",
        "col.responseStatus",
        "col.cdcReport");
    p.put("ALERTS_OVERDUE", overdueLine(scope));
    section(
        p,
        "RISK",
        t("section.risk"),
        risk(scope),
        "col.district",
        "col.category",
        "col.persons14d",
        "col.inMonitoring",
        "col.unapproved",
        "col.missingTest");
    p.put("RISK_AREAS", areaLines(scope));
    section(
        p,
        "COVERAGE",
        t("section.coverage", minAge),
        coverage(scope),
        "col.ageBand",
        "col.eligible",
        "col.contraindicated",
        "col.dose1",
        "col.completed");
    section(
        p,
        "CAMPAIGNS",
        t("section.campaigns"),
        campaigns(scope),
        "col.campaign",
        "col.deadline",
        "col.achieved",
        "col.gap",
        "col.daysLeft",
        "col.lagging");
    section(
        p,
        "VAXFOLLOWUP",
        t(
            "section.vaxFollowup",
            followupSum(s -> inScope(s, scope), VaccinationStatus.OVERDUE),
            followupSum(s -> inScope(s, scope), VaccinationStatus.NEVER_VACCINATED),
            TOP_SCHOOLS),
        vaccinationFollowup(scope),
        "col.unit",
        "col.neverVaccinated",
        "col.overdue");
    p.put("SAFETY_TITLE", t("section.safety"));
    p.put("SAFETY_TEXT", safetyText(scope));
    p.put("INSPECTION_TITLE", t("section.inspection"));
    p.put("INSPECTION_TEXT", inspectionText(scope));
    String deferral = deferralText(scope);
    p.put("DEFERRAL_TITLE", deferral == null ? null : t("section.deferral"));
    p.put("DEFERRAL_TEXT", deferral);
    String stays = campusStayText(scope);
    p.put("CAMPUS_STAY_TITLE", stays == null ? null : t("section.campusStay"));
    p.put("CAMPUS_STAY_TEXT", stays);

    SimplePdfExporterConfiguration conf = new SimplePdfExporterConfiguration();
    conf.setMetadataTitle(t("title", scopeName) + " " + data.date());
    conf.setMetadataSubject("epiwatch run " + runId);
    conf.setMetadataKeywords("epiwatch-run=" + runId + "; tables=" + data.versions());
    conf.setMetadataCreator("epiwatch");
    return pdf("briefing", p, conf);
  }

  /**
   * The tables of the last {@link #render} as an XLSX workbook, one sheet per section in the
   * briefing's order (the trend chart as its table of days and rates).
   */
  public byte[] workbook() {
    if (sheets.isEmpty()) throw new IllegalStateException("render a scope first");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Workbook.write(sheets, out);
    return out.toByteArray();
  }

  private String asOf() {
    return data.compliance().stream()
        .map(Briefing.Compliance::firstSubmittedAt)
        .filter(Objects::nonNull)
        .max(Comparator.naturalOrder())
        .map(ts -> DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(zone).format(ts))
        .orElse(t("none"));
  }

  private void section(
      Map<String, Object> p,
      String name,
      String title,
      List<Map<String, ?>> rows,
      String... headerKeys) {
    Map<String, Object> sub = new HashMap<>();
    for (int i = 0; i < headerKeys.length; i++) sub.put("h" + (i + 1), t(headerKeys[i]));
    String emptyText =
        switch (name) {
          case "ALERTS" -> t("alerts.none");
          // "zero infections" only when the signals were computed: a briefing recorded before
          // gold.case_signals existed, reproduced, says there is no data
          case "SIGNALS" ->
              data.versions().containsKey(Tables.GOLD_CASE_SIGNALS.id().toString())
                  ? t("signals.none")
                  : t("none");
          case "VAXFOLLOWUP" -> t("vaxFollowup.none");
          // no line-list row is "none" only when D's line list arrived
          case "CAUSES" ->
              received(Sources.ABSENCE_CASES, data.date()) ? t("empty") : t("causes.noData");
          default -> t("empty");
        };
    sub.put("emptyText", emptyText);
    p.put(name + "_TITLE", title);
    p.put(name + "_REPORT", Templates.get("table"));
    List<String> header = new ArrayList<>();
    for (String k : headerKeys) header.add(t(k));
    List<List<String>> cells = new ArrayList<>();
    for (Map<String, ?> r : rows) {
      List<String> line = new ArrayList<>();
      for (int i = 1; i <= headerKeys.length; i++) line.add(String.valueOf(r.get("c" + i)));
      cells.add(line);
    }
    // an empty section's sheet says what the page says (none, or no data), not a bare header
    if (cells.isEmpty()) cells.add(List.of(emptyText));
    sheets.add(new Workbook.Sheet(title, header, cells));
    List<Map<String, ?>> shown = rows;
    if (LONG_LISTS.contains(name) && rows.size() > PDF_LIST_ROWS) {
      shown = rows.subList(0, PDF_LIST_ROWS);
      sub.put("moreText", t("list.more", PDF_LIST_ROWS, rows.size() - PDF_LIST_ROWS, title));
    }
    p.put(name + "_PARAMS", sub);
    p.put(name + "_DS", new JRMapCollectionDataSource(new ArrayList<>(shown)));
  }

  /**
   * The lists that grow with the number of schools: the schools late or not reporting (三) and the
   * cluster alerts in progress (六). The PDF shows their first {@link #PDF_LIST_ROWS} rows and says
   * how many more the workbook's sheet holds; the workbook always has every row. The case signals
   * are never cut: every infection is named.
   */
  private static final Set<String> LONG_LISTS = Set.of("LATE", "ALERTS");

  /** Rows of a long list in the PDF (a leader's briefing stays short at a province's scale). */
  static final int PDF_LIST_ROWS = 30;

  /** The days of the trend chart: the 14 days ending on the briefing's date. */
  static final int TREND_DAYS = 14;

  /**
   * The illness-absence rate of each of the {@link #TREND_DAYS} days ending on D. A day without
   * reports (no attendance row, or no rate) keeps its place on the axis without a point, and its
   * row in the workbook says there is no data: the line never joins the days around it as if they
   * were neighbours.
   */
  private void trend(Map<String, Object> p, Scope scope) {
    Map<LocalDate, Double> rates = new HashMap<>();
    data.attendance().stream()
        .filter(r -> inScope(r.org(), scope))
        .forEach(r -> rates.put(r.reportDate(), r.illnessAbsenceRate()));
    List<Map<String, ?>> rows = new ArrayList<>();
    List<List<String>> cells = new ArrayList<>();
    for (int i = TREND_DAYS - 1; i >= 0; i--) {
      LocalDate day = data.date().minusDays(i);
      Double rate = rates.get(day);
      Map<String, Object> m = new HashMap<>();
      m.put("c1", day.format(DateTimeFormatter.ofPattern("d")));
      m.put("v1", rate == null ? null : rate * 100);
      rows.add(m);
      cells.add(List.of(String.valueOf(day), pct(rate)));
    }
    sheets.add(
        new Workbook.Sheet(
            t("section.trend"), List.of(t("col.date"), t("metric.illnessRate")), cells));
    Map<String, Object> sub = new HashMap<>();
    sub.put("seriesLabel", t("metric.illnessRate"));
    p.put("TREND_TITLE", t("section.trend"));
    p.put("TREND_REPORT", Templates.get("trend"));
    p.put("TREND_PARAMS", sub);
    p.put("TREND_DS", new JRMapCollectionDataSource(new ArrayList<>(rows)));
  }

  /** The scope's own organisation: the city, or the district. */
  private static boolean inScope(Briefing.Org o, Scope s) {
    return s.level().equals(o.level().code()) && s.code().equals(o.code());
  }

  /**
   * The district is the scope's district, or one of the scope city's districts (the city of a
   * district is in its code): a warehouse holding several cities briefs each on its own.
   */
  private static boolean cityOrDistrict(String districtCode, Scope s) {
    if (districtCode == null) return false;
    return s.level().equals(OrgLevel.CITY.code())
        ? OrgLevel.cityOf(districtCode).equals(s.code())
        : s.code().equals(districtCode);
  }

  /** Schools inside the scope. */
  private static boolean schoolOf(Briefing.Org o, Scope s) {
    return o.level() == OrgLevel.SCHOOL && cityOrDistrict(o.parentCode(), s);
  }

  /** The first non-null value of the scope's own row on a day. */
  private static <R> Double rateOn(
      List<R> rows,
      Function<R, Briefing.Org> org,
      Function<R, LocalDate> date,
      Function<R, Double> value,
      Scope s,
      LocalDate d) {
    return rows.stream()
        .filter(r -> inScope(org.apply(r), s))
        .filter(r -> date.apply(r).equals(d))
        .map(value)
        .filter(Objects::nonNull)
        .findFirst()
        .orElse(null);
  }

  private Double complianceOn(Scope s, LocalDate d, Function<Briefing.Compliance, Double> rate) {
    return rateOn(
        data.compliance(), Briefing.Compliance::org, Briefing.Compliance::reportDate, rate, s, d);
  }

  /** Fever cases of the scope's reports of a day; null when the day has no attendance row. */
  private Long feverOn(Scope s, LocalDate d) {
    return data.attendance().stream()
        .filter(r -> inScope(r.org(), s) && r.reportDate().equals(d))
        .map(Briefing.Attendance::feverCases)
        .findFirst()
        .orElse(null);
  }

  private Double illnessOn(Scope s, LocalDate d) {
    return rateOn(
        data.attendance(),
        Briefing.Attendance::org,
        Briefing.Attendance::reportDate,
        Briefing.Attendance::illnessAbsenceRate,
        s,
        d);
  }

  private String pct(Double v) {
    return v == null ? t("none") : String.format(Locale.ROOT, "%.1f%%", v * 100);
  }

  private String pp(Double now, Double then) {
    if (now == null || then == null) return t("none");
    return String.format(Locale.ROOT, "%+.1f %s", (now - then) * 100, t("unit.pp"));
  }

  /** A count, or the no-data mark when the day has no rows to count (never the text "null"). */
  private String count(Long v) {
    return v == null ? t("none") : String.valueOf(v);
  }

  private String diff(Long now, Long then) {
    if (now == null || then == null) return t("none");
    return String.format(Locale.ROOT, "%+d", now - then);
  }

  private Map<String, ?> row(String... cells) {
    Map<String, Object> m = new LinkedHashMap<>();
    for (int i = 0; i < cells.length; i++) m.put("c" + (i + 1), cells[i]);
    return m;
  }

  private List<Map<String, ?>> headline(Scope s) {
    LocalDate d = data.date();
    List<Map<String, ?>> out = new ArrayList<>();
    for (var rate :
        List.<Map.Entry<String, Function<Briefing.Compliance, Double>>>of(
            Map.entry("metric.reportingRate", Briefing.Compliance::reportingRate),
            Map.entry("metric.timeliness", Briefing.Compliance::timelinessRate),
            Map.entry("metric.zeroReportShare", Briefing.Compliance::zeroReportShare)))
      out.add(rateRow(rate.getKey(), day -> complianceOn(s, day, rate.getValue())));
    out.add(countRow("metric.fever", day -> feverOn(s, day)));
    out.add(rateRow("metric.illnessRate", day -> illnessOn(s, day)));
    // a count the daily reports carry is no data, not 0, on a day no school reported
    Predicate<LocalDate> reported =
        day -> {
          Double rate = complianceOn(s, day, Briefing.Compliance::reportingRate);
          return rate != null && rate > 0.0;
        };
    // positive tests dated a day are known only once a travel_records file was loaded that day
    // or later: on a day with no such file they are no data, not 0
    Predicate<LocalDate> travelKnown = day -> received(Sources.TRAVEL_RECORDS, day);
    signalRow(out, s, "metric.confirmed", Briefing.SignalDay::reportConfirmed, reported);
    signalRow(out, s, "metric.suspected", Briefing.SignalDay::reportSuspected, reported);
    signalRow(out, s, "metric.positive", Briefing.SignalDay::testPositive, travelKnown);
    Briefing.SignalDay today = signalDay(s, d);
    out.add(
        row(
            t("metric.zeroConfirmedDays"),
            today == null
                ? t("none")
                : today.daysSinceLastConfirmed() == null
                    ? t("signals.neverConfirmed")
                    : String.valueOf(today.daysSinceLastConfirmed()),
            t("none"),
            t("none")));
    // the alert rules count the line list: a day whose absence_cases file did not arrive has
    // no known new alerts
    out.add(
        countRow(
            "metric.newAlerts",
            day -> received(Sources.ABSENCE_CASES, day) ? newAlerts(s, day) : null));
    out.add(countRow("metric.activeAlerts", day -> activeAlerts(s, day)));
    out.add(
        countRow(
            "metric.exposure14d",
            day -> riskSum(exposureOn(day), s, day, Briefing.Exposure::persons14d, true)));
    out.add(
        countRow(
            "metric.inMonitoring",
            day -> riskSum(exposureOn(day), s, day, Briefing.Exposure::inMonitoring, false)));
    long[] cov = vaccinableCoverage(s);
    String minAge = String.valueOf(data.vaccinationMinAge());
    out.add(
        row(
            t("metric.dose1", minAge),
            pct(cov[0] == 0 ? null : (double) cov[1] / cov[0]),
            t("none"),
            t("none")));
    out.add(
        row(
            t("metric.completed", minAge),
            pct(cov[0] == 0 ? null : (double) cov[2] / cov[0]),
            t("none"),
            t("none")));
    return out;
  }

  /** The scope's own case-signal counts as of d, null when that day was not computed. */
  private Briefing.SignalDay signalDay(Scope s, LocalDate d) {
    return data.signalDays().stream()
        .filter(r -> inScope(r.org(), s) && r.asOf().equals(d))
        .findFirst()
        .orElse(null);
  }

  /**
   * A headline row of one signal count: today, and its change from D-1 and D-7; "—" on a day whose
   * count is not known.
   */
  private void signalRow(
      List<Map<String, ?>> out,
      Scope s,
      String label,
      ToLongFunction<Briefing.SignalDay> count,
      Predicate<LocalDate> known) {
    Function<LocalDate, Long> on =
        day -> {
          Briefing.SignalDay r = signalDay(s, day);
          return r == null || !known.test(day) ? null : count.applyAsLong(r);
        };
    out.add(countRow(label, on));
  }

  /** Whether a file of the source was loaded on the day or later (its rows of the day known). */
  private boolean received(SourceSpec source, LocalDate day) {
    return data.quality().received(source.name(), day);
  }

  /** A headline row of a count: its value on D and its change since D-1 and D-7. */
  private Map<String, ?> countRow(String label, Function<LocalDate, Long> on) {
    LocalDate d = data.date();
    Long now = on.apply(d);
    return row(
        t(label),
        count(now),
        diff(now, on.apply(d.minusDays(1))),
        diff(now, on.apply(d.minusDays(7))));
  }

  /** A headline row of a rate: its value on D and its change since D-1 and D-7, in points. */
  private Map<String, ?> rateRow(String label, Function<LocalDate, Double> on) {
    LocalDate d = data.date();
    Double now = on.apply(d);
    return row(
        t(label), pct(now), pp(now, on.apply(d.minusDays(1))), pp(now, on.apply(d.minusDays(7))));
  }

  /** The risk-exposure rows read for a day: D's, or those of D-1 and D-7. */
  private List<Briefing.Exposure> exposureOn(LocalDate day) {
    return day.equals(data.date()) ? data.exposure() : data.exposurePrevious();
  }

  /**
   * The case signals of the 14 days up to D inside the scope, newest first: school, district, type,
   * persons, date, first seen.
   */
  private List<Map<String, ?>> signals(Scope s) {
    Map<String, String> districts = new HashMap<>();
    data.compliance().stream()
        .filter(r -> r.org().level() == OrgLevel.DISTRICT)
        .forEach(r -> districts.put(r.org().code(), r.org().name()));
    DateTimeFormatter seen = DateTimeFormatter.ofPattern("MM-dd HH:mm").withZone(zone);
    return data.signals().stream()
        .filter(x -> cityOrDistrict(x.districtCode(), s))
        .filter(x -> !x.signalDate().isAfter(data.date()))
        .sorted(
            Comparator.comparing(Briefing.Signal::signalDate)
                .reversed()
                .thenComparing(Briefing.Signal::schoolName))
        .map(
            x ->
                row(
                    x.schoolName(),
                    districts.getOrDefault(x.districtCode(), String.valueOf(x.districtCode())),
                    tOr("signal." + x.type(), x.type())
                        + (x.personType() == null
                            ? ""
                            : " (" + tOr("personType." + x.personType(), x.personType()) + ")"),
                    String.valueOf(x.persons()),
                    String.valueOf(x.signalDate()),
                    x.firstSeenAt() == null ? t("none") : seen.format(x.firstSeenAt())))
        .collect(Collectors.toList());
  }

  private long newAlerts(Scope s, LocalDate d) {
    return data.alerts().stream()
        .filter(a -> cityOrDistrict(a.districtCode(), s))
        .filter(a -> a.firstDetected().equals(d))
        .count();
  }

  /**
   * Alerts detected by d whose last firing day is fewer than the policy's quiet gap days before d.
   */
  private long activeAlerts(Scope s, LocalDate d) {
    LocalDate lastFrom = d.minusDays(data.alertQuietGapDays() - 1L);
    return data.alerts().stream()
        .filter(a -> cityOrDistrict(a.districtCode(), s))
        .filter(a -> !a.firstDetected().isAfter(d))
        .filter(a -> !a.lastDetected().isBefore(lastFrom))
        // verified as no outbreak: not an alert in progress, on any day
        .filter(a -> !ResponseStatus.DISCARDED.code().equals(a.responseStatus()))
        .count();
  }

  private Long riskSum(
      List<Briefing.Exposure> rows,
      Scope s,
      LocalDate d,
      ToLongFunction<Briefing.Exposure> value,
      boolean riskAreasOnly) {
    List<Briefing.Exposure> in =
        rows.stream().filter(r -> inScope(r.org(), s)).filter(r -> r.asOf().equals(d)).toList();
    if (in.isEmpty()) return null;
    return in.stream().filter(r -> !riskAreasOnly || r.riskArea()).mapToLong(value).sum();
  }

  /** eligible, dose1, completed summed over the age bands the policy vaccinates. */
  private long[] vaccinableCoverage(Scope s) {
    long[] c = new long[3];
    data.coverage().stream()
        .filter(r -> inScope(r.org(), s))
        .filter(Briefing.Coverage::vaccinable)
        .forEach(
            r -> {
              c[0] += r.eligible();
              c[1] += r.dose1();
              c[2] += r.completed();
            });
    return c;
  }

  /**
   * Above this many schools that did not report, the list is summarised per district instead of
   * naming each school.
   */
  static final int LONG_MISSING_LIST = 40;

  /**
   * Schools of the scope that reported late or not at all on the date, named one by one; when more
   * than {@link #LONG_MISSING_LIST} did not report, the missing ones are summarised per district (a
   * first row says when every expected school of the scope did not report).
   */
  private List<Map<String, ?>> late(Scope s) {
    Map<String, String> districtNames = new HashMap<>();
    data.compliance().stream()
        .filter(r -> r.org().level() == OrgLevel.DISTRICT)
        .forEach(r -> districtNames.put(r.org().code(), r.org().name()));
    List<Briefing.Compliance> today =
        data.compliance().stream()
            .filter(r -> schoolOf(r.org(), s))
            .filter(r -> r.reportDate().equals(data.date()))
            .toList();
    List<Briefing.Compliance> missing =
        today.stream().filter(r -> r.status() == Briefing.SchoolStatus.MISSING).toList();
    boolean summarise = missing.size() > LONG_MISSING_LIST;
    List<Map<String, ?>> out = new ArrayList<>();
    if (summarise) {
      Map<String, long[]> perDistrict = new java.util.TreeMap<>();
      today.forEach(r -> perDistrict.computeIfAbsent(r.org().parentCode(), k -> new long[2])[0]++);
      missing.forEach(r -> perDistrict.get(r.org().parentCode())[1]++);
      if (missing.size() == today.size()) {
        out.add(
            row(
                t("missing.all", today.size()),
                t("missing.districts", perDistrict.size()),
                t(Briefing.SchoolStatus.MISSING.key()),
                t("none")));
      }
      perDistrict.forEach(
          (code, n) -> {
            if (n[1] > 0) {
              out.add(
                  row(
                      n[1] == n[0]
                          ? t("missing.allOfDistrict", n[0])
                          : t("missing.someOfDistrict", n[1], n[0]),
                      districtNames.getOrDefault(code, code),
                      t(Briefing.SchoolStatus.MISSING.key()),
                      t("none")));
            }
          });
    }
    // missing before late (reverse order of their label keys), then by school code
    today.stream()
        .filter(
            r ->
                r.status() == Briefing.SchoolStatus.LATE
                    || (!summarise && r.status() == Briefing.SchoolStatus.MISSING))
        .sorted(
            Comparator.comparing((Briefing.Compliance r) -> r.status().key())
                .reversed()
                .thenComparing(r -> r.org().code()))
        .map(
            r ->
                row(
                    r.org().name(),
                    districtNames.getOrDefault(r.org().parentCode(), r.org().parentCode()),
                    t(r.status().key()),
                    r.firstSubmittedAt() == null
                        ? t("none")
                        : DateTimeFormatter.ofPattern("MM-dd HH:mm")
                            .withZone(zone)
                            .format(r.firstSubmittedAt())))
        .forEach(out::add);
    return out;
  }

  private List<Map<String, ?>> causes(Scope s) {
    return data.causes().stream()
        .filter(r -> inScope(r.org(), s))
        .sorted(Comparator.comparingLong(Briefing.Cause::cases).reversed())
        .map(
            r ->
                row(
                    tOr("cause." + r.cause(), r.cause()),
                    String.valueOf(r.cases()),
                    r.ratePer1000() == null
                        ? t("none")
                        : String.format(Locale.ROOT, "%.2f", r.ratePer1000())))
        .collect(Collectors.toList());
  }

  /**
   * The alerts in progress (active, neither discarded nor closed by their response), newest first:
   * rule, school and class; cause; first and last detection; persons; verification; the report to
   * the CDC (when, on time or late; or not yet, overdue or due by).
   */
  private List<Map<String, ?>> alerts(Scope s) {
    DateTimeFormatter at = DateTimeFormatter.ofPattern("MM-dd HH:mm").withZone(zone);
    return listedAlerts(s).stream()
        .sorted(Comparator.comparing(Briefing.Alert::firstDetected).reversed())
        .map(
            a ->
                row(
                    tOr("rule." + a.rule(), a.rule()) + " / " + alertUnit(a),
                    a.diagnosis() != null
                        ? tOr("diagnosis." + a.diagnosis(), a.diagnosis())
                        : a.symptomGroup() == null
                            ? t("none")
                            : tOr("cause." + a.symptomGroup(), a.symptomGroup()),
                    a.firstDetected().equals(a.lastDetected())
                        ? String.valueOf(a.firstDetected())
                        : a.firstDetected()
                            + " ~ "
                            + (a.firstDetected().getYear() == a.lastDetected().getYear()
                                ? a.lastDetected().toString().substring(5)
                                : a.lastDetected().toString()),
                    String.valueOf(a.cases()),
                    tOr(
                        "response."
                            + (a.responseStatus() == null
                                ? ResponseStatus.UNVERIFIED.code()
                                : a.responseStatus()),
                        String.valueOf(a.responseStatus())),
                    cdcReport(a, at)))
        .collect(Collectors.toList());
  }

  /**
   * The alert's unit: the school, its grade and class (class rules), its dormitory (宿舍 3-201,
   * dormitory rules), and for a rate rule the rate (罹患率 33.3%).
   */
  String alertUnit(Briefing.Alert a) {
    return a.schoolName()
        + (a.grade() == null ? "" : " " + a.grade() + " " + a.className())
        + (a.dormitory() == null ? "" : " " + t("alert.dormitory", a.dormitory()))
        + (a.rate() == null ? "" : " " + t("alert.rate", pct(a.rate())));
  }

  private List<Briefing.Alert> listedAlerts(Scope s) {
    return data.alerts().stream()
        .filter(a -> cityOrDistrict(a.districtCode(), s))
        .filter(Briefing.Alert::listed)
        .toList();
  }

  /** 按时 09-13 10:00, 超时 09-13 12:00, 未报告，已超时, 未报告，时限 09-13 11:00. */
  private String cdcReport(Briefing.Alert a, DateTimeFormatter at) {
    if (a.reportedToCdcAt() != null)
      return t(
          Boolean.FALSE.equals(a.cdcReportOnTime()) ? "cdc.reportedLate" : "cdc.reportedOnTime",
          at.format(a.reportedToCdcAt()));
    if (a.cdcReportOverdue()) return t("cdc.overdue");
    return a.cdcReportDue() == null
        ? t("cdc.notReported")
        : t("cdc.dueBy", at.format(a.cdcReportDue()));
  }

  /**
   * The line under the key figures naming the districts whose EARS-C2 is at level alert on D, one
   * line per symptom group (in the groups' order), districts by z, highest first (docs/rules.md
   * §4.4.2); null when none is in the scope.
   */
  String earsLine(Scope s) {
    Map<String, List<Briefing.EarsAlert>> byGroup = new LinkedHashMap<>();
    for (String g : Coded.codes(SymptomGroup.class)) byGroup.put(g, new ArrayList<>());
    data.earsAlerts().stream()
        .filter(a -> cityOrDistrict(a.districtCode(), s))
        .forEach(a -> byGroup.computeIfAbsent(a.symptomGroup(), g -> new ArrayList<>()).add(a));
    List<String> lines = new ArrayList<>();
    byGroup.forEach(
        (group, alerts) -> {
          if (alerts.isEmpty()) return;
          String districts =
              alerts.stream()
                  .sorted(
                      Comparator.comparingDouble(Briefing.EarsAlert::z)
                          .reversed()
                          .thenComparing(Briefing.EarsAlert::districtCode))
                  .map(
                      a ->
                          (a.districtName() == null ? a.districtCode() : a.districtName())
                              + String.format(Locale.ROOT, " z=%.1f", a.z()))
                  .collect(Collectors.joining(t("list.separator")));
          lines.add(t("ears.alert", tOr("cause." + group, group), districts));
        });
    return lines.isEmpty() ? null : String.join("\n", lines);
  }

  /**
   * "超过24小时未报告疾控的预警 N 起：学校…" over the alerts in progress of the scope; null when none is in
   * progress.
   */
  String overdueLine(Scope s) {
    List<Briefing.Alert> listed = listedAlerts(s);
    if (listed.isEmpty()) return null;
    List<Briefing.Alert> overdue =
        listed.stream().filter(Briefing.Alert::cdcReportOverdue).toList();
    if (overdue.isEmpty()) return t("cdc.overdueLine.none");
    String schools =
        overdue.stream()
            .map(Briefing.Alert::schoolName)
            .distinct()
            .sorted()
            .collect(Collectors.joining(t("list.separator")));
    return t("cdc.overdueLine", overdue.size(), schools);
  }

  private List<Map<String, ?>> risk(Scope s) {
    return data.exposure().stream()
        .filter(r -> r.org().level() == OrgLevel.DISTRICT)
        .filter(r -> cityOrDistrict(r.org().code(), s))
        .filter(Briefing.Exposure::riskArea)
        .filter(r -> r.persons14d() > 0 || r.inMonitoring() > 0 || r.away() > 0)
        .collect(
            Collectors.groupingBy(
                r -> r.org().name() + "\u0001" + r.category(),
                LinkedHashMap::new,
                Collectors.toList()))
        .entrySet()
        .stream()
        .sorted(Map.Entry.comparingByKey())
        .map(
            e -> {
              String[] k = e.getKey().split("\u0001");
              long[] sum = new long[4];
              for (Briefing.Exposure r : e.getValue()) {
                sum[0] += r.persons14d();
                sum[1] += r.inMonitoring();
                sum[2] += r.unapproved();
                sum[3] += r.missingTest();
              }
              return row(
                  k[0],
                  tOr("category." + k[1], k[1]),
                  String.valueOf(sum[0]),
                  String.valueOf(sum[1]),
                  String.valueOf(sum[2]),
                  String.valueOf(sum[3]));
            })
        .collect(Collectors.toList());
  }

  /**
   * One sentence per area of the scope's own rows (gold.exposure_by_area): high risk areas, then
   * medium ones, then focus areas, each by name; then, with two areas or more, all areas (distinct
   * persons). Null when no area has anyone.
   */
  String areaLines(Scope s) {
    Map<String, List<Briefing.AreaExposure>> byArea =
        data.areas().stream()
            .filter(r -> inScope(r.org(), s))
            .collect(
                Collectors.groupingBy(
                    r -> areaOrder(r) + "\u0001" + r.areaKind() + "\u0001" + r.areaCode(),
                    java.util.TreeMap::new,
                    Collectors.toList()));
    List<String> lines = new ArrayList<>();
    byArea.forEach(
        (k, rows) -> {
          Briefing.AreaExposure first = rows.get(0);
          boolean all = first.areaKind() == null;
          if (all && byArea.size() < 3) return; // one area: "all" says the same again
          String name = all ? t("area.all") : first.areaName();
          lines.add(
              locale.equals(Locale.ENGLISH)
                  ? AreaSentence.en(name, counts(rows))
                  : AreaSentence.zh(name, counts(rows)));
        });
    return lines.isEmpty() ? null : String.join("\n", lines);
  }

  /**
   * The section "暂缓返校" of the scope (docs/rules.md §4.11), only while D lies in a term start's
   * window (null otherwise: the section is not shown): {@link DeferralSection}.
   */
  String deferralText(Scope s) {
    return DeferralSection.text(
        data.deferrals(),
        o -> inScope(o, s),
        o ->
            schoolOf(o, s)
                || (o.level() == OrgLevel.DISTRICT
                    && s.level().equals(OrgLevel.CITY.code())
                    && cityOrDistrict(o.code(), s)),
        bundle);
  }

  /**
   * The section "留校学生" of the scope (docs/rules.md §4.12), only while D lies in a holiday of
   * policy.holidays (null otherwise: the section is not shown): the students on campus on D, of
   * them without guardian contact and ill or with a case signal, and the stays pending approval;
   * for a city one line per district with a student on campus or pending. "No data" when the
   * warehouse never received a campus_stays file, or the briefing was recorded before the table
   * existed: never "0 students" then.
   */
  String campusStayText(Scope s) {
    io.epiwatch.config.Policy.Holiday h = data.holiday();
    if (h == null) return null;
    String head =
        t("campusStay.holiday", h.name(), String.valueOf(h.from()), String.valueOf(h.to()));
    Optional<Briefing.CampusStay> own =
        data.campusStays().stream().filter(r -> inScope(r.org(), s)).findFirst();
    if (own.isEmpty() || own.get().noData()) return head + t("campusStay.noData");
    Briefing.CampusStay o = own.get();
    List<String> lines = new ArrayList<>();
    lines.add(
        head
            + t(
                "campusStay.summary",
                o.onCampus(),
                o.noGuardianContact(),
                o.illOrSignal(),
                o.pending()));
    if (s.level().equals(OrgLevel.CITY.code()))
      data.campusStays().stream()
          .filter(
              r -> r.org().level() == OrgLevel.DISTRICT && s.code().equals(r.org().parentCode()))
          .filter(r -> r.onCampus() > 0 || r.pending() > 0)
          .sorted(java.util.Comparator.comparing(r -> r.org().code()))
          .forEach(
              r ->
                  lines.add(
                      t(
                          "campusStay.district",
                          r.org().name(),
                          r.onCampus(),
                          r.noGuardianContact(),
                          r.illOrSignal(),
                          r.pending())));
    return String.join("\n", lines);
  }

  /**
   * The section "安全事件" of the scope (docs/rules.md §4.9): the seed's sentence for the year to date
   * and for the same period last year, then the last 30 days and the late reports. "No data" when
   * the warehouse never received a safety_incidents file, or the briefing was recorded before the
   * table existed: never "0 incidents" then.
   */
  String safetyText(Scope s) {
    List<Briefing.Incidents> rows =
        data.incidents().stream().filter(r -> inScope(r.org(), s)).toList();
    Optional<Briefing.Incidents> ytd = all(rows, IncidentPeriod.YTD);
    if (ytd.isEmpty() || ytd.get().noData()) return t("safety.noData");
    List<String> lines = new ArrayList<>();
    lines.add(incidentSentence(rows, IncidentPeriod.YTD, ytd.get()));
    all(rows, IncidentPeriod.SAME_PERIOD_LAST_YEAR)
        .ifPresent(r -> lines.add(incidentSentence(rows, IncidentPeriod.SAME_PERIOD_LAST_YEAR, r)));
    all(rows, IncidentPeriod.LAST_30D)
        .ifPresent(
            r ->
                lines.add(
                    t("safety.recent", r.events(), r.deathEvents(), ytd.get().lateReports())));
    return String.join("\n", lines);
  }

  /**
   * The section "督导检查与整改" of the scope (docs/rules.md §4.10): the scope's inspections in the last
   * 30 days, coverage of schools, open and overdue findings and the on-time rate; for a city, one
   * line per district; then the overdue high-severity findings named (school or institution,
   * category, days overdue), longest first. "No data" when the warehouse never received an
   * inspections file, or the briefing was recorded before the table existed.
   */
  String inspectionText(Scope s) {
    Optional<Briefing.Inspections> own =
        data.inspections().stream().filter(r -> inScope(r.org(), s)).findFirst();
    if (own.isEmpty() || own.get().noData()) return t("inspection.noData");
    List<String> lines = new ArrayList<>();
    Briefing.Inspections o = own.get();
    lines.add(
        t(
            "inspection.summary",
            o.inspections(),
            o.unannounced(),
            o.schoolsInspected(),
            o.schoolsActive(),
            pct(ratio(o.schoolsInspected(), o.schoolsActive())),
            o.findingsOpen(),
            o.findingsOverdue(),
            pct(ratio(o.rectifiedOnTime(), o.findingsDue()))));
    if (s.level().equals(OrgLevel.CITY.code()))
      data.inspections().stream()
          .filter(
              r -> r.org().level() == OrgLevel.DISTRICT && s.code().equals(r.org().parentCode()))
          .sorted(java.util.Comparator.comparing(r -> r.org().code()))
          .forEach(
              r ->
                  lines.add(
                      t(
                          "inspection.district",
                          r.org().name(),
                          pct(ratio(r.schoolsInspected(), r.schoolsActive())),
                          r.schoolsInspected(),
                          r.schoolsActive(),
                          r.inspections(),
                          r.unannounced(),
                          r.findingsOpen(),
                          r.findingsOverdue())));
    List<Briefing.OverdueFinding> high =
        data.overdueFindings().stream()
            .filter(f -> cityOrDistrict(f.districtCode(), s))
            .sorted(
                java.util.Comparator.comparingInt(Briefing.OverdueFinding::daysOverdue)
                    .reversed()
                    .thenComparing(f -> f.schoolName() == null ? "" : f.schoolName()))
            .toList();
    boolean en = locale.equals(Locale.ENGLISH);
    lines.add(
        high.isEmpty()
            ? t("inspection.noOverdueHigh")
            : t(
                "inspection.overdueHigh",
                high.size(),
                high.stream()
                    .map(
                        f ->
                            t(
                                "inspection.overdueItem",
                                f.schoolName(),
                                en ? f.category().english() : f.category().label(),
                                f.daysOverdue(),
                                String.valueOf(f.deadline())))
                    .collect(java.util.stream.Collectors.joining(t("inspection.separator")))));
    return String.join("\n", lines);
  }

  private static Double ratio(Long num, Long den) {
    return num == null || den == null || den == 0 ? null : num.doubleValue() / den;
  }

  private static Optional<Briefing.Incidents> all(List<Briefing.Incidents> rows, IncidentPeriod p) {
    return rows.stream()
        .filter(r -> r.period() == p && IncidentType.ALL.equals(r.incidentType()))
        .findFirst();
  }

  private String incidentSentence(
      List<Briefing.Incidents> rows, IncidentPeriod p, Briefing.Incidents all) {
    List<IncidentSentence.TypeCounts> types =
        rows.stream()
            .filter(r -> r.period() == p && !IncidentType.ALL.equals(r.incidentType()))
            .map(
                r ->
                    new IncidentSentence.TypeCounts(
                        IncidentType.of(r.incidentType()),
                        r.events(),
                        r.deathEvents(),
                        r.deaths(),
                        r.studentsInvolved()))
            .toList();
    return locale.equals(Locale.ENGLISH)
        ? IncidentSentence.en(p, all.deathEvents(), all.deaths(), types)
        : IncidentSentence.zh(p, all.deathEvents(), all.deaths(), types);
  }

  /** high risk areas, medium ones, focus areas, all areas; by name within each. */
  private static String areaOrder(Briefing.AreaExposure r) {
    String rank =
        r.areaKind() == null
            ? "9"
            : "focus_area".equals(r.areaKind()) ? "3" : "high".equals(r.riskLevel()) ? "1" : "2";
    return rank + (r.areaName() == null ? "" : r.areaName());
  }

  private static AreaSentence.Counts counts(List<Briefing.AreaExposure> rows) {
    long[] n = new long[11];
    for (Briefing.AreaExposure r : rows) {
      int i =
          switch (String.valueOf(r.personType())) {
            case "staff" -> 0;
            case "student" -> 2;
            case "household" -> 4;
            default -> 6;
          };
      n[i] += r.persons();
      if (r.directlyManaged()) n[i + 1] += r.persons();
      n[8] += r.inMonitoring();
      n[9] += r.missingTest();
      n[10] += r.unapproved();
    }
    return new AreaSentence.Counts(
        n[0], n[1], n[2], n[3], n[4], n[5], n[6], n[7], n[8], n[9], n[10]);
  }

  private List<Map<String, ?>> coverage(Scope s) {
    Map<String, long[]> byBand = new java.util.TreeMap<>();
    data.coverage().stream()
        .filter(r -> inScope(r.org(), s))
        .filter(Briefing.Coverage::vaccinable)
        .forEach(
            r -> {
              long[] c = byBand.computeIfAbsent(r.ageBand(), k -> new long[4]);
              c[0] += r.eligible();
              c[1] += r.contraindicated();
              c[2] += r.dose1();
              c[3] += r.completed();
            });
    List<Map<String, ?>> out = new ArrayList<>();
    byBand.forEach(
        (band, c) ->
            out.add(
                row(
                    band,
                    String.valueOf(c[0]),
                    String.valueOf(c[1]),
                    pct(c[0] == 0 ? null : (double) c[2] / c[0]),
                    pct(c[0] == 0 ? null : (double) c[3] / c[0]))));
    return out;
  }

  /** The follow-up rows name this many schools per lagging district. */
  static final int TOP_SCHOOLS = 5;

  /** Persons of a follow-up status summed over the rows of the organisations selected. */
  private long followupSum(
      java.util.function.Predicate<Briefing.Org> org, VaccinationStatus status) {
    return data.vaccinationFollowup().stream()
        .filter(r -> r.status() == status && org.test(r.org()))
        .mapToLong(Briefing.VaccinationFollowup::persons)
        .sum();
  }

  /**
   * Each lagging district of the scope (lagging against any campaign on D) with its never
   * vaccinated and overdue persons, followed by its {@link #TOP_SCHOOLS} schools with the most
   * never vaccinated persons (ties by name; schools with none are not named).
   */
  private List<Map<String, ?>> vaccinationFollowup(Scope s) {
    java.util.SortedMap<String, String> lagging = new java.util.TreeMap<>();
    data.campaigns().stream()
        .filter(c -> c.org().level() == OrgLevel.DISTRICT && c.lagging())
        .filter(c -> cityOrDistrict(c.org().code(), s))
        .forEach(c -> lagging.put(c.org().code(), c.org().name()));
    List<Map<String, ?>> out = new ArrayList<>();
    lagging.forEach(
        (code, name) -> {
          java.util.function.Predicate<Briefing.Org> district =
              o -> o.level() == OrgLevel.DISTRICT && o.code().equals(code);
          out.add(
              row(
                  name,
                  String.valueOf(followupSum(district, VaccinationStatus.NEVER_VACCINATED)),
                  String.valueOf(followupSum(district, VaccinationStatus.OVERDUE))));
          Map<Briefing.Org, long[]> schools = new HashMap<>();
          data.vaccinationFollowup().stream()
              .filter(r -> r.org().level() == OrgLevel.SCHOOL && code.equals(r.org().parentCode()))
              .forEach(
                  r ->
                      schools
                              .computeIfAbsent(r.org(), k -> new long[2])[
                              r.status() == VaccinationStatus.NEVER_VACCINATED ? 0 : 1] +=
                          r.persons());
          schools.entrySet().stream()
              .filter(e -> e.getValue()[0] > 0)
              .sorted(
                  Comparator.comparingLong((Map.Entry<Briefing.Org, long[]> e) -> -e.getValue()[0])
                      .thenComparing(e -> e.getKey().name()))
              .limit(TOP_SCHOOLS)
              .forEach(
                  e ->
                      out.add(
                          row(
                              "\u3000" + e.getKey().name(),
                              String.valueOf(e.getValue()[0]),
                              String.valueOf(e.getValue()[1]))));
        });
    return out;
  }

  private List<Map<String, ?>> campaigns(Scope s) {
    return data.campaigns().stream()
        .filter(r -> inScope(r.org(), s))
        // By deadline, then target: targets sharing a deadline keep one order from run to run.
        .sorted(
            Comparator.comparing(Briefing.Campaign::deadline)
                .thenComparing(Briefing.Campaign::ageBand)
                .thenComparing(
                    Briefing.Campaign::doseNumber, Comparator.nullsLast(Comparator.naturalOrder())))
        .map(
            r -> {
              String lagging =
                  data.campaigns().stream()
                      .filter(x -> x.org().level() == OrgLevel.DISTRICT)
                      .filter(x -> r.campaignId().equals(x.campaignId()) && x.lagging())
                      .filter(x -> cityOrDistrict(x.org().code(), s))
                      .map(x -> x.org().name())
                      .sorted()
                      .collect(Collectors.joining("、"));
              return row(
                  r.ageBand() + " / " + r.doseNumber(),
                  String.valueOf(r.deadline()),
                  pct(r.achievedRate()),
                  count(r.gapPersons()),
                  count(r.daysLeft() == null ? null : r.daysLeft().longValue()),
                  lagging.isEmpty() ? t("lagging.none") : lagging);
            })
        .collect(Collectors.toList());
  }
}
