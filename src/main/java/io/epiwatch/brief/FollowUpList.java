package io.epiwatch.brief;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.udf;

import io.epiwatch.catalog.Tables;
import io.epiwatch.catalog.Warehouse;
import io.epiwatch.common.Masking;
import io.epiwatch.config.Policy;
import io.epiwatch.gold.RiskExposure;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.ResourceBundle;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;

/**
 * The follow-up list for data staff (issue 6): persons in health monitoring or without a
 * nucleic test after return, and illness absences of the last 7 days whose cause was not
 * followed up, with school and class. Names are masked inside Spark (张*三) and ID numbers never
 * leave restricted storage.
 */
public final class FollowUpList {
  /** One line of the list: masked name, school, class, item, date. */
  public record Item(String section, String name, String school, String cls, String item, String date) {}

  private FollowUpList() {}

  public static List<Item> read(Warehouse wh, Policy policy, LocalDate d) {
    List<Item> out = new ArrayList<>();
    if (!wh.exists(Tables.SILVER_TRAVEL_RECORDS.id()) || !wh.exists(Tables.SILVER_ABSENCE_CASES.id())) return out;
    UserDefinedFunction mask = udf((String n) -> Masking.maskName(n), DataTypes.StringType);
    Dataset<Row> names = wh.exists(Tables.RESTRICTED_PERSON_IDENTITY.id())
        ? wh.read(Tables.RESTRICTED_PERSON_IDENTITY.id()).select(col("person_key").as("_k"), mask.apply(col("name")).as("masked_name"))
        : wh.spark().createDataFrame(List.of(), org.apache.spark.sql.types.StructType.fromDDL("_k STRING, masked_name STRING"));
    // in_province vs out_of_province decides monitoring days: the policy as the schools decide it
    Dataset<Row> silverSchools = wh.read(Tables.SILVER_SCHOOLS.id());
    policy = io.epiwatch.gold.DataPolicy.resolve(silverSchools, policy);
    Dataset<Row> schools = silverSchools
        .select(col("school_code").as("_s"), col("school_name")).dropDuplicates("_s");
    Dataset<Row> roster = wh.exists(Tables.SILVER_ROSTER.id())
        ? wh.read(Tables.SILVER_ROSTER.id()).filter("is_current").select(col("person_key").as("_r"),
            org.apache.spark.sql.functions.concat_ws(" ", col("grade"), col("class_name")).as("cls")).dropDuplicates("_r")
        : wh.spark().createDataFrame(List.of(), org.apache.spark.sql.types.StructType.fromDDL("_r STRING, cls STRING"));

    Dataset<Row> people = RiskExposure.persons(wh.read(Tables.SILVER_TRAVEL_RECORDS.id()), wh.read(Tables.SILVER_RISK_AREAS.id()), policy, d)
        .filter("in_monitoring = 1 OR missing_test = 1");
    for (Row r : people.join(names, col("person_key").equalTo(col("_k")), "left")
        .join(schools, col("school_code").equalTo(col("_s")), "left")
        .join(roster, col("person_key").equalTo(col("_r")), "left")
        .select(col("masked_name"), coalesce(col("school_name"), col("school_code")), col("cls"), col("category"),
            col("in_monitoring"), col("missing_test"), col("last_return"))
        .orderBy(col("school_name"), col("masked_name")).collectAsList()) {
      String item = (r.getLong(4) == 1 ? "inMonitoring:" + r.getString(3) : "") + (r.getLong(5) == 1 ? (r.getLong(4) == 1 ? "," : "") + "missingTest" : "");
      out.add(new Item("monitoring", r.getString(0), r.getString(1), r.getString(2), item, r.isNullAt(6) ? "" : r.get(6).toString()));
    }
    Dataset<Row> open = wh.read(Tables.SILVER_ABSENCE_CASES.id())
        .filter(col("report_date").between(Date.valueOf(d.minusDays(6)), Date.valueOf(d)).and(coalesce(col("followed_up"), lit(false)).equalTo(false)));
    for (Row r : open.join(names, col("person_key").equalTo(col("_k")), "left").join(schools, col("school_code").equalTo(col("_s")), "left")
        .select(col("masked_name"), coalesce(col("school_name"), col("school_code")),
            org.apache.spark.sql.functions.concat_ws(" ", col("grade"), col("class_name")), col("report_date"))
        .orderBy(col("report_date"), col("school_name")).collectAsList()) {
      out.add(new Item("absence", r.getString(0), r.getString(1), r.getString(2), "notFollowedUp", r.get(3).toString()));
    }
    return out;
  }

  /** Localised rows for the table template and the workbook. */
  static List<Map<String, ?>> rows(List<Item> items, String section, ResourceBundle b) {
    List<Map<String, ?>> out = new ArrayList<>();
    for (Item i : items) {
      if (!i.section().equals(section)) continue;
      StringBuilder what = new StringBuilder();
      for (String part : i.item().split(",")) {
        if (part.startsWith("inMonitoring:")) {
          String cat = part.substring("inMonitoring:".length());
          what.append(b.getString("item.inMonitoring")).append(" (")
              .append(b.containsKey("category." + cat) ? b.getString("category." + cat) : cat).append(')');
        } else if (!part.isEmpty()) {
          if (what.length() > 0) what.append("; ");
          what.append(b.getString("item." + part));
        }
      }
      out.add(Map.of("c1", nz(i.name()), "c2", nz(i.school()), "c3", nz(i.cls()), "c4", what.toString(), "c5", nz(i.date())));
    }
    return out;
  }

  static void writeXlsx(List<Item> items, ResourceBundle b, OutputStream out) {
    try (XSSFWorkbook wb = new XSSFWorkbook()) {
      for (String section : List.of("monitoring", "absence")) {
        XSSFSheet sheet = wb.createSheet(b.getString("followup.section." + section).replaceAll("[\\\\/?*\\[\\]:]", "").substring(0, 2));
        String[] header = {b.getString("col.name"), b.getString("col.school"), b.getString("col.class"), b.getString("col.item"), b.getString("col.date")};
        var h = sheet.createRow(0);
        for (int c = 0; c < header.length; c++) h.createCell(c).setCellValue(header[c]);
        int r = 1;
        for (Map<String, ?> row : rows(items, section, b)) {
          var x = sheet.createRow(r++);
          for (int c = 0; c < 5; c++) x.createCell(c).setCellValue(String.valueOf(row.get("c" + (c + 1))));
        }
        for (int c = 0; c < header.length; c++) sheet.setColumnWidth(c, c == 3 ? 9000 : 5000);
      }
      wb.write(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The PDF: the same table template as the briefing, one section per kind of item. */
  static byte[] renderPdf(List<Item> items, LocalDate d, String lang, java.time.ZoneId zone) {
    java.util.Locale locale = lang.equals("en") ? java.util.Locale.ENGLISH : java.util.Locale.SIMPLIFIED_CHINESE;
    ResourceBundle b = BriefingRenderer.bundle(lang);
    Map<String, Object> p = new java.util.HashMap<>();
    p.put(net.sf.jasperreports.engine.JRParameter.REPORT_RESOURCE_BUNDLE, b);
    p.put(net.sf.jasperreports.engine.JRParameter.REPORT_LOCALE, locale);
    p.put(net.sf.jasperreports.engine.JRParameter.REPORT_TIME_ZONE, java.util.TimeZone.getTimeZone(zone));
    p.put("TITLE", b.getString("followup.title"));
    p.put("SUBTITLE", java.text.MessageFormat.format(b.getString("followup.subtitle"), d));
    p.put("TABLE_REPORT", BriefingRenderer.template("table"));
    for (String s : List.of("monitoring", "absence")) {
      Map<String, Object> sub = new java.util.HashMap<>();
      String[] keys = {"col.name", "col.school", "col.class", "col.item", "col.date"};
      for (int i = 0; i < keys.length; i++) sub.put("h" + (i + 1), b.getString(keys[i]));
      sub.put("emptyText", b.getString("empty"));
      String key = s.toUpperCase(java.util.Locale.ROOT);
      p.put(key + "_TITLE", b.getString("followup.section." + s));
      p.put(key + "_PARAMS", sub);
      p.put(key + "_DS", new net.sf.jasperreports.engine.data.JRMapCollectionDataSource(new ArrayList<>(rows(items, s, b))));
    }
    return BriefingRenderer.pdf("followup", p, null);
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
