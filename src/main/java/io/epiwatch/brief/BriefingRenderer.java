package io.epiwatch.brief;

import io.epiwatch.common.ExposureCategory;
import io.epiwatch.common.OrgLevel;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.sql.Date;
import java.sql.Timestamp;
import java.text.MessageFormat;
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
import java.util.ResourceBundle;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import net.sf.jasperreports.engine.JRException;
import net.sf.jasperreports.engine.JRParameter;
import net.sf.jasperreports.engine.JasperCompileManager;
import net.sf.jasperreports.engine.JasperFillManager;
import net.sf.jasperreports.engine.JasperPrint;
import net.sf.jasperreports.engine.JasperReport;
import net.sf.jasperreports.engine.data.JRMapCollectionDataSource;
import net.sf.jasperreports.pdf.JRPdfExporter;
import net.sf.jasperreports.export.SimpleExporterInput;
import net.sf.jasperreports.export.SimpleOutputStreamExporterOutput;
import net.sf.jasperreports.pdf.SimplePdfExporterConfiguration;
import org.apache.spark.sql.Row;

/**
 * Pure JasperReports: briefing data + scope + language -> PDF bytes. Templates are the JRXML
 * files in reports/ (on the classpath), compiled once per JVM; every label comes from the
 * resource bundle of the language, so English needs no second template.
 */
public final class BriefingRenderer {
  /** A briefing's scope: the city, or one district (org code). */
  public record Scope(String level, String code, String name) {
    /** A city without a name in conf or in the schools extract: gold carries its code as its name. */
    public boolean unnamedCity() {
      return level.equals(OrgLevel.CITY.code()) && (name == null || name.isBlank() || name.equals(code));
    }
  }

  private static final Map<String, JasperReport> COMPILED = new HashMap<>();

  static {
    // Hadoop's shaded StAX implementation registers itself and breaks Jackson XML (JRXML 7).
    System.setProperty("javax.xml.stream.XMLInputFactory", "com.ctc.wstx.stax.WstxInputFactory");
    System.setProperty("javax.xml.stream.XMLOutputFactory", "com.ctc.wstx.stax.WstxOutputFactory");
    System.setProperty("java.awt.headless", "true");
  }

  private final BriefingData data;
  private final ResourceBundle bundle;
  private final Locale locale;
  private final ZoneId zone;

  public BriefingRenderer(BriefingData data, String lang, ZoneId zone) {
    this.data = data;
    this.locale = lang.equals("en") ? Locale.ENGLISH : Locale.SIMPLIFIED_CHINESE;
    this.bundle = bundle(lang);
    this.zone = zone;
  }

  /** The texts of a language: reports/briefing_<lang>.properties (no fallback to another language). */
  static ResourceBundle bundle(String lang) {
    return ResourceBundle.getBundle("reports/briefing", lang.equals("en") ? Locale.ENGLISH : Locale.SIMPLIFIED_CHINESE,
        BriefingRenderer.class.getClassLoader(), ResourceBundle.Control.getNoFallbackControl(ResourceBundle.Control.FORMAT_PROPERTIES));
  }

  /** Fills a template and exports it as PDF; metadata may be null. */
  static byte[] pdf(String template, Map<String, Object> params, SimplePdfExporterConfiguration metadata) {
    try {
      JasperPrint print = JasperFillManager.fillReport(template(template), params, new net.sf.jasperreports.engine.JREmptyDataSource(1));
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

  static synchronized JasperReport template(String name) {
    return COMPILED.computeIfAbsent(name, n -> {
      try (InputStream in = BriefingRenderer.class.getClassLoader().getResourceAsStream("reports/" + n + ".jrxml")) {
        if (in == null) throw new IllegalStateException("template reports/" + n + ".jrxml is not on the classpath");
        return JasperCompileManager.compileReport(in);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (JRException e) {
        throw new IllegalStateException("reports/" + n + ".jrxml: " + e.getMessage(), e);
      }
    });
  }

  private String t(String key, Object... args) {
    String s = bundle.getString(key);
    return args.length == 0 ? s : MessageFormat.format(s, args);
  }

  private String tOr(String key, String fallback) {
    return bundle.containsKey(key) ? bundle.getString(key) : fallback;
  }

  /** Renders one scope; returns the PDF bytes. */
  public byte[] render(Scope scope, Timestamp generatedAt, String runId) {
    Map<String, Object> p = new HashMap<>();
    p.put(JRParameter.REPORT_RESOURCE_BUNDLE, bundle);
    p.put(JRParameter.REPORT_LOCALE, locale);
    p.put(JRParameter.REPORT_TIME_ZONE, java.util.TimeZone.getTimeZone(zone));
    String scopeName = scope.unnamedCity() ? t("city.unnamed", scope.code()) : scope.name();
    p.put("TITLE", t("title", scopeName));
    p.put("SUBTITLE", t("subtitle", data.date, asOf(), scope.level().equals(OrgLevel.CITY.code()) ? t("scope.city") : t("scope.district", scope.name())));
    String versions = data.versions.entrySet().stream().filter(e -> e.getKey().startsWith("gold."))
        .map(e -> e.getKey().substring(5) + "@" + e.getValue()).collect(Collectors.joining(" "));
    p.put("GENERATED", t("generated", DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(zone).format(generatedAt.toInstant()),
        "run " + runId));
    p.put("QUALITY", t("quality", data.filesRejected, data.rowsQuarantined, data.contradictions, data.otherFlags) + "  (" + versions + ")"
        + (data.supersededAt == null ? "" : " " + t("superseded",
            DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(zone).format(data.supersededAt.toInstant()), data.date.toString())));

    section(p, "HEADLINE", "section.headline", headline(scope), "col.metric", "col.today", "col.vsYesterday", "col.vs7days");
    section(p, "LATE", "section.late", late(scope), "col.school", "col.district", "col.status", "col.submittedAt");
    trend(p, scope);
    section(p, "CAUSES", "section.causes", causes(scope), "col.cause", "col.cases", "col.rate");
    section(p, "ALERTS", "section.alerts", alerts(scope), "col.alertRule", "col.class", "col.cause", "col.firstDetected", "col.lastDetected", "col.cases");
    section(p, "RISK", "section.risk", risk(scope), "col.district", "col.category", "col.persons14d", "col.inMonitoring", "col.unapproved", "col.missingTest");
    section(p, "COVERAGE", "section.coverage", coverage(scope), "col.ageBand", "col.eligible", "col.contraindicated", "col.dose1", "col.completed");
    section(p, "CAMPAIGNS", "section.campaigns", campaigns(scope), "col.campaign", "col.deadline", "col.achieved", "col.gap", "col.daysLeft", "col.lagging");

    SimplePdfExporterConfiguration conf = new SimplePdfExporterConfiguration();
    conf.setMetadataTitle(t("title", scopeName) + " " + data.date);
    conf.setMetadataSubject("epiwatch run " + runId);
    conf.setMetadataKeywords("epiwatch-run=" + runId + "; tables=" + data.versions);
    conf.setMetadataCreator("epiwatch");
    return pdf("briefing", p, conf);
  }

  private String asOf() {
    return data.compliance.stream().map(r -> (Timestamp) r.getAs("first_submitted_at")).filter(Objects::nonNull)
        .max(Comparator.naturalOrder()).map(ts -> DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(zone).format(ts.toInstant()))
        .orElse(t("none"));
  }

  private void section(Map<String, Object> p, String name, String titleKey, List<Map<String, ?>> rows, String... headerKeys) {
    Map<String, Object> sub = new HashMap<>();
    for (int i = 0; i < headerKeys.length; i++) sub.put("h" + (i + 1), t(headerKeys[i]));
    sub.put("emptyText", name.equals("ALERTS") ? t("alerts.none") : t("empty"));
    p.put(name + "_TITLE", t(titleKey));
    p.put(name + "_REPORT", template("table"));
    p.put(name + "_PARAMS", sub);
    p.put(name + "_DS", new JRMapCollectionDataSource(new ArrayList<>(rows)));
  }

  private void trend(Map<String, Object> p, Scope scope) {
    List<Map<String, ?>> rows = new ArrayList<>();
    data.attendance.stream().filter(inScope(scope)).sorted(Comparator.comparing(r -> (Date) r.getAs("report_date")))
        .forEach(r -> {
          Map<String, Object> m = new HashMap<>();
          m.put("c1", ((Date) r.getAs("report_date")).toLocalDate().format(DateTimeFormatter.ofPattern("d")));
          Double rate = r.getAs("illness_absence_rate");
          m.put("v1", rate == null ? null : rate * 100);
          rows.add(m);
        });
    Map<String, Object> sub = new HashMap<>();
    sub.put("seriesLabel", t("metric.illnessRate"));
    p.put("TREND_TITLE", t("section.trend"));
    p.put("TREND_REPORT", template("trend"));
    p.put("TREND_PARAMS", sub);
    p.put("TREND_DS", new JRMapCollectionDataSource(new ArrayList<>(rows)));
  }

  /** Rows of the scope's own level: the city row, or the district row. */
  private static Predicate<Row> inScope(Scope s) {
    return r -> s.level().equals(r.getAs("org_level")) && s.code().equals(r.getAs("org_code"));
  }

  /** School rows inside the scope. */
  private static Predicate<Row> schoolsOf(Scope s) {
    return r -> OrgLevel.SCHOOL.code().equals(r.getAs("org_level")) && (s.level().equals(OrgLevel.CITY.code()) || s.code().equals(r.getAs("parent_code")));
  }

  private Double rateOn(List<Row> rows, Scope s, String dateCol, LocalDate d, String col) {
    return rows.stream().filter(inScope(s)).filter(r -> ((Date) r.getAs(dateCol)).toLocalDate().equals(d))
        .map(r -> (Double) r.getAs(col)).filter(Objects::nonNull).findFirst().orElse(null);
  }

  private String pct(Double v) {
    return v == null ? t("none") : String.format(Locale.ROOT, "%.1f%%", v * 100);
  }

  private String pp(Double now, Double then) {
    if (now == null || then == null) return t("none");
    return String.format(Locale.ROOT, "%+.1f %s", (now - then) * 100, t("unit.pp"));
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
    LocalDate d = data.date;
    List<Map<String, ?>> out = new ArrayList<>();
    for (String[] m : new String[][] {{"metric.reportingRate", "reporting_rate"}, {"metric.timeliness", "timeliness_rate"}}) {
      Double now = rateOn(data.compliance, s, "report_date", d, m[1]);
      out.add(row(t(m[0]), pct(now), pp(now, rateOn(data.compliance, s, "report_date", d.minusDays(1), m[1])),
          pp(now, rateOn(data.compliance, s, "report_date", d.minusDays(7), m[1]))));
    }
    Double ill = rateOn(data.attendance, s, "report_date", d, "illness_absence_rate");
    out.add(row(t("metric.illnessRate"), pct(ill), pp(ill, rateOn(data.attendance, s, "report_date", d.minusDays(1), "illness_absence_rate")),
        pp(ill, rateOn(data.attendance, s, "report_date", d.minusDays(7), "illness_absence_rate"))));
    out.add(row(t("metric.newAlerts"), String.valueOf(newAlerts(s, d)), diff(newAlerts(s, d), newAlerts(s, d.minusDays(1))),
        diff(newAlerts(s, d), newAlerts(s, d.minusDays(7)))));
    out.add(row(t("metric.activeAlerts"), String.valueOf(activeAlerts(s, d)), diff(activeAlerts(s, d), activeAlerts(s, d.minusDays(1))),
        diff(activeAlerts(s, d), activeAlerts(s, d.minusDays(7)))));
    Long exp = riskSum(data.risk, s, d, "persons_14d", true);
    out.add(row(t("metric.exposure14d"), String.valueOf(exp), diff(exp, riskSum(data.riskPrevious, s, d.minusDays(1), "persons_14d", true)),
        diff(exp, riskSum(data.riskPrevious, s, d.minusDays(7), "persons_14d", true))));
    Long mon = riskSum(data.risk, s, d, "in_monitoring", false);
    out.add(row(t("metric.inMonitoring"), String.valueOf(mon), diff(mon, riskSum(data.riskPrevious, s, d.minusDays(1), "in_monitoring", false)),
        diff(mon, riskSum(data.riskPrevious, s, d.minusDays(7), "in_monitoring", false))));
    long[] cov = coverage12(s);
    out.add(row(t("metric.dose1"), pct(cov[0] == 0 ? null : (double) cov[1] / cov[0]), t("none"), t("none")));
    out.add(row(t("metric.completed"), pct(cov[0] == 0 ? null : (double) cov[2] / cov[0]), t("none"), t("none")));
    return out;
  }

  private boolean alertInScope(Row r, Scope s) {
    return s.level().equals(OrgLevel.CITY.code()) || s.code().equals(r.getAs("district_code"));
  }

  private long newAlerts(Scope s, LocalDate d) {
    return data.alerts.stream().filter(r -> alertInScope(r, s)).filter(r -> ((Date) r.getAs("first_detected")).toLocalDate().equals(d)).count();
  }

  private long activeAlerts(Scope s, LocalDate d) {
    return data.alerts.stream().filter(r -> alertInScope(r, s))
        .filter(r -> !((Date) r.getAs("first_detected")).toLocalDate().isAfter(d))
        .filter(r -> !((Date) r.getAs("last_detected")).toLocalDate().isBefore(d.minusDays(6))).count();
  }

  private Long riskSum(List<Row> rows, Scope s, LocalDate d, String col, boolean riskAreasOnly) {
    List<Row> in = rows.stream().filter(inScope(s)).filter(r -> ((Date) r.getAs("as_of")).toLocalDate().equals(d)).toList();
    if (in.isEmpty()) return null;
    return in.stream().filter(r -> !riskAreasOnly || ExposureCategory.isRiskArea(r.getAs("category")))
        .mapToLong(r -> (Long) r.getAs(col)).sum();
  }

  /** eligible, dose1, completed summed over the age bands of 12 and older. */
  private long[] coverage12(Scope s) {
    long[] c = new long[3];
    data.coverage.stream().filter(inScope(s)).filter(r -> isTwelvePlus((String) r.getAs("age_band"))).forEach(r -> {
      c[0] += (Long) r.getAs("eligible");
      c[1] += (Long) r.getAs("dose1");
      c[2] += (Long) r.getAs("completed");
    });
    return c;
  }

  private static boolean isTwelvePlus(String band) {
    String digits = band.replaceAll("[^0-9].*$", "");
    return !digits.isEmpty() && Integer.parseInt(digits) >= 12;
  }

  /** Above this many schools that did not report, the list is summarised per district instead of naming each school. */
  static final int LONG_MISSING_LIST = 40;

  /**
   * Schools of the scope that reported late or not at all on the date, named one by one; when
   * more than {@link #LONG_MISSING_LIST} did not report, the missing ones are summarised per
   * district (a first row says when every expected school of the scope did not report).
   */
  private List<Map<String, ?>> late(Scope s) {
    Map<String, String> districtNames = new HashMap<>();
    data.compliance.stream().filter(r -> OrgLevel.DISTRICT.code().equals(r.getAs("org_level")))
        .forEach(r -> districtNames.put(r.getAs("org_code"), r.getAs("org_name")));
    List<Row> today = data.compliance.stream().filter(schoolsOf(s))
        .filter(r -> ((Date) r.getAs("report_date")).toLocalDate().equals(data.date)).toList();
    List<Row> missing = today.stream().filter(r -> "missing".equals(r.getAs("status"))).toList();
    boolean summarise = missing.size() > LONG_MISSING_LIST;
    List<Map<String, ?>> out = new ArrayList<>();
    if (summarise) {
      Map<String, long[]> perDistrict = new java.util.TreeMap<>();
      today.forEach(r -> perDistrict.computeIfAbsent((String) r.getAs("parent_code"), k -> new long[2])[0]++);
      missing.forEach(r -> perDistrict.get((String) r.getAs("parent_code"))[1]++);
      if (missing.size() == today.size()) {
        out.add(row(t("missing.all", today.size()), t("missing.districts", perDistrict.size()), t("status.missing"), t("none")));
      }
      perDistrict.forEach((code, n) -> {
        if (n[1] > 0) {
          out.add(row(n[1] == n[0] ? t("missing.allOfDistrict", n[0]) : t("missing.someOfDistrict", n[1], n[0]),
              districtNames.getOrDefault(code, code), t("status.missing"), t("none")));
        }
      });
    }
    today.stream().filter(r -> "late".equals(r.getAs("status")) || (!summarise && "missing".equals(r.getAs("status"))))
        .sorted(Comparator.comparing((Row r) -> (String) r.getAs("status")).reversed().thenComparing(r -> (String) r.getAs("org_code")))
        .map(r -> row(r.getAs("org_name"), districtNames.getOrDefault((String) r.getAs("parent_code"), r.getAs("parent_code")),
            t("status." + r.getAs("status")),
            r.getAs("first_submitted_at") == null ? t("none")
                : DateTimeFormatter.ofPattern("MM-dd HH:mm").withZone(zone).format(((Timestamp) r.getAs("first_submitted_at")).toInstant())))
        .forEach(out::add);
    return out;
  }

  private List<Map<String, ?>> causes(Scope s) {
    return data.causes.stream().filter(inScope(s)).sorted(Comparator.comparing((Row r) -> (Long) r.getAs("cases")).reversed())
        .map(r -> row(tOr("cause." + r.getAs("cause"), r.getAs("cause")), String.valueOf((Long) r.getAs("cases")),
            r.getAs("rate_per_1000") == null ? t("none") : String.format(Locale.ROOT, "%.2f", (Double) r.getAs("rate_per_1000"))))
        .collect(Collectors.toList());
  }

  private List<Map<String, ?>> alerts(Scope s) {
    return data.alerts.stream().filter(r -> alertInScope(r, s)).filter(r -> "active".equals(r.getAs("status")))
        .sorted(Comparator.comparing((Row r) -> (Date) r.getAs("first_detected")).reversed())
        .map(r -> row(tOr("rule." + r.getAs("rule"), r.getAs("rule")) + " / " + r.getAs("school_name"),
            r.getAs("grade") == null ? t("none") : r.getAs("grade") + " " + r.getAs("class_name"),
            r.getAs("diagnosis") != null ? tOr("diagnosis." + r.getAs("diagnosis"), r.getAs("diagnosis")) : r.getAs("symptom_group") == null ? t("none")
                : tOr("cause." + r.getAs("symptom_group"), r.getAs("symptom_group")),
            String.valueOf((Object) r.getAs("first_detected")), String.valueOf((Object) r.getAs("last_detected")), String.valueOf((Long) r.getAs("cases"))))
        .collect(Collectors.toList());
  }

  private List<Map<String, ?>> risk(Scope s) {
    String level = OrgLevel.DISTRICT.code();
    return data.risk.stream().filter(r -> level.equals(r.getAs("org_level")))
        .filter(r -> s.level().equals(OrgLevel.CITY.code()) || s.code().equals(r.getAs("org_code")))
        .filter(r -> ExposureCategory.isRiskArea(r.getAs("category")))
        .filter(r -> (Long) r.getAs("persons_14d") > 0 || (Long) r.getAs("in_monitoring") > 0 || (Long) r.getAs("away") > 0)
        .collect(Collectors.groupingBy(r -> r.getAs("org_name") + "\u0001" + r.getAs("category"), LinkedHashMap::new, Collectors.toList()))
        .entrySet().stream().sorted(Map.Entry.comparingByKey())
        .map(e -> {
          String[] k = e.getKey().split("\u0001");
          long[] sum = new long[4];
          for (Row r : e.getValue()) {
            sum[0] += (Long) r.getAs("persons_14d");
            sum[1] += (Long) r.getAs("in_monitoring");
            sum[2] += (Long) r.getAs("unapproved");
            sum[3] += (Long) r.getAs("missing_test");
          }
          return row(k[0], tOr("category." + k[1], k[1]), String.valueOf(sum[0]), String.valueOf(sum[1]), String.valueOf(sum[2]), String.valueOf(sum[3]));
        })
        .collect(Collectors.toList());
  }

  private List<Map<String, ?>> coverage(Scope s) {
    Map<String, long[]> byBand = new java.util.TreeMap<>();
    data.coverage.stream().filter(inScope(s)).filter(r -> isTwelvePlus((String) r.getAs("age_band"))).forEach(r -> {
      long[] c = byBand.computeIfAbsent((String) r.getAs("age_band"), k -> new long[4]);
      c[0] += (Long) r.getAs("eligible");
      c[1] += (Long) r.getAs("contraindicated");
      c[2] += (Long) r.getAs("dose1");
      c[3] += (Long) r.getAs("completed");
    });
    List<Map<String, ?>> out = new ArrayList<>();
    byBand.forEach((band, c) -> out.add(row(band, String.valueOf(c[0]), String.valueOf(c[1]),
        pct(c[0] == 0 ? null : (double) c[2] / c[0]), pct(c[0] == 0 ? null : (double) c[3] / c[0]))));
    return out;
  }

  private List<Map<String, ?>> campaigns(Scope s) {
    return data.campaigns.stream().filter(inScope(s)).sorted(Comparator.comparing((Row r) -> (Date) r.getAs("deadline")))
        .map(r -> {
          String id = r.getAs("campaign_id");
          String lagging = data.campaigns.stream().filter(x -> OrgLevel.DISTRICT.code().equals(x.getAs("org_level")))
              .filter(x -> id.equals(x.getAs("campaign_id")) && Boolean.TRUE.equals(x.getAs("lagging")))
              .filter(x -> s.level().equals(OrgLevel.CITY.code()) || s.code().equals(x.getAs("org_code")))
              .map(x -> (String) x.getAs("org_name")).sorted().collect(Collectors.joining("、"));
          return row(r.getAs("age_band") + " / " + r.getAs("dose_number"), String.valueOf((Object) r.getAs("deadline")),
              pct(r.getAs("achieved_rate")), String.valueOf((Long) r.getAs("gap_persons")), String.valueOf((Integer) r.getAs("days_left")),
              lagging.isEmpty() ? t("lagging.none") : lagging);
        })
        .collect(Collectors.toList());
  }
}
