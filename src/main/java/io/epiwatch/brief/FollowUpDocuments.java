package io.epiwatch.brief;

import java.io.OutputStream;
import java.text.MessageFormat;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.TimeZone;
import net.sf.jasperreports.engine.JRParameter;
import net.sf.jasperreports.engine.data.JRMapCollectionDataSource;

/**
 * The follow-up list as documents for data staff: the PDF (the briefing's table template, one
 * section per list) and the XLSX workbook (one sheet per list), both from {@link FollowUpItem}s
 * only; no Spark type reaches it.
 */
public final class FollowUpDocuments {
  private static final String[] HEADER_KEYS = {
    "col.name", "col.school", "col.class", "col.item", "col.date"
  };

  private FollowUpDocuments() {}

  /** Localised rows (c1..c5) of one section, for the table template and the workbook. */
  static List<Map<String, ?>> rows(
      List<FollowUpItem> items, FollowUpItem.Section section, ResourceBundle b) {
    List<Map<String, ?>> out = new ArrayList<>();
    for (FollowUpItem i : items) {
      if (i.section() != section) continue;
      out.add(
          Map.of(
              "c1",
              nz(i.name()),
              "c2",
              nz(i.school()),
              "c3",
              nz(i.cls()),
              "c4",
              what(i, b),
              "c5",
              i.date() != null
                  ? i.date().toString()
                  : i.section() == FollowUpItem.Section.DEFERRAL
                      ? b.getString("item.returnTbd")
                      : i.section() == FollowUpItem.Section.CAMPUS_STAY
                          ? b.getString("item.stayOpen")
                          : ""));
    }
    return out;
  }

  /**
   * What to follow up, in the language of the texts: "in monitoring (high); no test", "not followed
   * up".
   */
  static String what(FollowUpItem i, ResourceBundle b) {
    if (i.section() == FollowUpItem.Section.ABSENCE) return b.getString("item.notFollowedUp");
    if (i.section() == FollowUpItem.Section.SIGNAL || i.section() == FollowUpItem.Section.CONTACT) {
      String type = String.valueOf(i.category());
      String label = b.containsKey("signal." + type) ? b.getString("signal." + type) : type;
      return i.section() == FollowUpItem.Section.SIGNAL
          ? label
          : MessageFormat.format(b.getString("item.contactOf"), label);
    }
    if (i.section() == FollowUpItem.Section.VACCINATION) return i.vaccination().label(b);
    if (i.section() == FollowUpItem.Section.DEFERRAL) {
      List<String> labels = new ArrayList<>();
      for (String r : String.valueOf(i.category()).split(","))
        labels.add(b.containsKey("deferral." + r) ? b.getString("deferral." + r) : r);
      return String.join(b.getLocale().getLanguage().equals("en") ? "; " : "、", labels);
    }
    if (i.section() == FollowUpItem.Section.CAMPUS_STAY) {
      FollowUpItem.Stay st = i.stay();
      String what =
          MessageFormat.format(
              b.getString("item.stay"),
              st.dormitory() == null ? "-" : st.dormitory(),
              String.valueOf(st.from()),
              st.to() == null ? b.getString("item.stayOpen") : st.to().toString(),
              b.getString(st.guardianContact() ? "item.guardianOk" : "item.guardianNot"));
      return st.illOrSignal() ? what + b.getString("item.stayIll") : what;
    }
    if (i.section() == FollowUpItem.Section.ALERT) {
      String rule = String.valueOf(i.category());
      return (b.containsKey("rule." + rule) ? b.getString("rule." + rule) : rule)
          + " "
          + MessageFormat.format(b.getString("item.alertId"), i.alertId());
    }
    StringBuilder what = new StringBuilder();
    if (i.inMonitoring()) {
      String cat = String.valueOf(i.category());
      what.append(b.getString("item.inMonitoring"))
          .append(" (")
          .append(b.containsKey("category." + cat) ? b.getString("category." + cat) : cat)
          .append(')');
    }
    if (i.missingTest()) {
      if (what.length() > 0) what.append("; ");
      what.append(b.getString("item.missingTest"));
    }
    return what.toString();
  }

  /**
   * The response form (预警处置): one row per alert of the follow-up list, its alert_id filled in,
   * under the alert_responses headers in the language of the texts (Chinese aliases or English
   * names, both accepted by ingest); the note holds the school, class and rule so staff see which
   * alert a row is. Filled in and put in {@code inbox/alert_responses/} as the first sheet of a
   * workbook (the file {@code alert-responses-<D>.xlsx} is just that), it loads back.
   */
  static Workbook.Sheet responseSheet(List<FollowUpItem> items, ResourceBundle b) {
    boolean zh = !"en".equals(b.getLocale().getLanguage());
    List<String> header =
        io.epiwatch.contract.Sources.ALERT_RESPONSES.columns().stream()
            .map(c -> zh && !c.aliases().isEmpty() ? c.aliases().get(0) : c.name())
            .toList();
    int note = header.size() - 2; // ..., note, submitted_at
    java.util.Map<String, List<String>> byAlert = new java.util.LinkedHashMap<>();
    for (FollowUpItem i : items) {
      if (i.section() != FollowUpItem.Section.ALERT || byAlert.containsKey(i.alertId())) continue;
      List<String> row = new ArrayList<>(java.util.Collections.nCopies(header.size(), ""));
      row.set(0, i.alertId());
      String rule = String.valueOf(i.category());
      row.set(
          note,
          String.join(
              " ",
              nz(i.school()),
              nz(i.cls()),
              b.containsKey("rule." + rule) ? b.getString("rule." + rule) : rule));
      byAlert.put(i.alertId(), row);
    }
    return new Workbook.Sheet(
        b.getString("followup.section.responses"), header, new ArrayList<>(byAlert.values()));
  }

  /** The response form alone, as a workbook ready to be filled in and loaded back. */
  public static void writeResponseForm(List<FollowUpItem> items, String lang, OutputStream out) {
    Workbook.write(List.of(responseSheet(items, BriefingRenderer.bundle(lang))), out);
  }

  /**
   * The workbook: one sheet per section, a header row, then the rows of {@link #rows}; last, the
   * response form of the alerts ({@link #responseSheet}).
   */
  static void writeXlsx(List<FollowUpItem> items, ResourceBundle b, OutputStream out) {
    List<Workbook.Sheet> sheets = new ArrayList<>();
    for (FollowUpItem.Section section : FollowUpItem.Section.values()) {
      List<List<String>> rows = new ArrayList<>();
      for (Map<String, ?> row : rows(items, section, b)) {
        List<String> cells = new ArrayList<>();
        for (int c = 0; c < HEADER_KEYS.length; c++)
          cells.add(String.valueOf(row.get("c" + (c + 1))));
        rows.add(cells);
      }
      sheets.add(
          new Workbook.Sheet(
              b.getString(section.key()),
              java.util.Arrays.stream(HEADER_KEYS).map(b::getString).toList(),
              rows));
    }
    sheets.add(responseSheet(items, b));
    Workbook.write(sheets, out);
  }

  /** The PDF: the same table template as the briefing, one section per list. */
  static byte[] renderPdf(List<FollowUpItem> items, LocalDate d, String lang, ZoneId zone) {
    return renderPdf(items, d, lang, zone, null);
  }

  /**
   * The PDF of one district's list: the same, its title naming the district ({@code scopeName};
   * null: no name).
   */
  static byte[] renderPdf(
      List<FollowUpItem> items, LocalDate d, String lang, ZoneId zone, String scopeName) {
    Locale locale = lang.equals("en") ? Locale.ENGLISH : Locale.SIMPLIFIED_CHINESE;
    ResourceBundle b = BriefingRenderer.bundle(lang);
    Map<String, Object> p = new HashMap<>();
    p.put(JRParameter.REPORT_RESOURCE_BUNDLE, b);
    p.put(JRParameter.REPORT_LOCALE, locale);
    p.put(JRParameter.REPORT_TIME_ZONE, TimeZone.getTimeZone(zone));
    p.put(
        "TITLE",
        scopeName == null
            ? b.getString("followup.title")
            : MessageFormat.format(b.getString("followup.titleOf"), scopeName));
    p.put("SUBTITLE", MessageFormat.format(b.getString("followup.subtitle"), d));
    p.put("TABLE_REPORT", Templates.get("table"));
    for (FollowUpItem.Section s : FollowUpItem.Section.values()) {
      Map<String, Object> sub = new HashMap<>();
      for (int i = 0; i < HEADER_KEYS.length; i++)
        sub.put("h" + (i + 1), b.getString(HEADER_KEYS[i]));
      sub.put("emptyText", b.getString("empty"));
      String key = s.name(); // SIGNAL_*, MONITORING_*, ..., VACCINATION_* of followup.jrxml
      p.put(key + "_TITLE", b.getString(s.key()));
      p.put(key + "_PARAMS", sub);
      p.put(key + "_DS", new JRMapCollectionDataSource(new ArrayList<>(rows(items, s, b))));
    }
    return BriefingRenderer.pdf("followup", p, null);
  }

  /** The lines not of any district of the scope, in a city's run: their own list. */
  static final String UNASSIGNED = "unassigned";

  /**
   * One district's follow-up list, for that district's bureau: its code and name (of the briefing's
   * compliance rows) and its lines.
   */
  record DistrictList(String code, String name, List<FollowUpItem> items) {}

  /**
   * The lines split by district, one list per district of {@code districts} (code to name, in that
   * order; a district without lines has an empty list, its sections saying 无). A line of a school
   * of no district listed goes, in a city's run ({@code keepOthers}), to a last list of its own
   * ({@link #UNASSIGNED}, named by the text followup.unassigned) so that no person to follow up is
   * lost; in one district's run it is not that district's and is left out.
   */
  static List<DistrictList> byDistrict(
      List<FollowUpItem> items, Map<String, String> districts, boolean keepOthers) {
    Map<String, List<FollowUpItem>> lines = new java.util.LinkedHashMap<>();
    districts.keySet().forEach(code -> lines.put(code, new ArrayList<>()));
    List<FollowUpItem> others = new ArrayList<>();
    for (FollowUpItem i : items) {
      List<FollowUpItem> l = i.district() == null ? null : lines.get(i.district());
      (l != null ? l : others).add(i);
    }
    List<DistrictList> out = new ArrayList<>();
    lines.forEach((code, l) -> out.add(new DistrictList(code, districts.get(code), l)));
    if (keepOthers && !others.isEmpty()) out.add(new DistrictList(UNASSIGNED, null, others));
    return out;
  }

  /** One district's list as documents: the PDF and the workbook. */
  record Rendered(DistrictList list, byte[] pdf, byte[] xlsx) {}

  /**
   * The PDF and the workbook of every list, rendered side by side on the machine's cores (a city's
   * lists run to thousands of pages; filling and exporting a report uses one core), in the order of
   * {@code lists}.
   */
  static List<Rendered> renderAll(List<DistrictList> lists, LocalDate d, String lang, ZoneId zone) {
    ResourceBundle b = BriefingRenderer.bundle(lang);
    int threads = Math.max(1, Math.min(Runtime.getRuntime().availableProcessors(), lists.size()));
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(threads);
    try {
      List<java.util.concurrent.Future<Rendered>> futures = new ArrayList<>();
      for (DistrictList l : lists)
        futures.add(
            pool.submit(
                () -> {
                  String name = l.name() != null ? l.name() : b.getString("followup.unassigned");
                  java.io.ByteArrayOutputStream xlsx = new java.io.ByteArrayOutputStream();
                  writeXlsx(l.items(), b, xlsx);
                  return new Rendered(
                      l, renderPdf(l.items(), d, lang, zone, name), xlsx.toByteArray());
                }));
      List<Rendered> out = new ArrayList<>();
      for (java.util.concurrent.Future<Rendered> f : futures) out.add(f.get());
      return out;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while rendering the follow-up lists", e);
    } catch (java.util.concurrent.ExecutionException e) {
      if (e.getCause() instanceof RuntimeException r) throw r;
      throw new IllegalStateException(e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
