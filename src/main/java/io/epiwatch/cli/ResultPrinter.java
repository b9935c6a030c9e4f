package io.epiwatch.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Prints a query result as an aligned table (CJK counted as double width), CSV or JSON lines.
 * Values are printed for people and tools alike, whatever the host's zone: timestamps as ISO 8601
 * in the session's time zone (the configured epiwatch.time-zone), e.g. {@code
 * 2021-10-03T09:17:00+08:00}; arrays, maps and structs as JSON text in CSV and in the table ({@code
 * ["BAD_DATE","FUTURE_DATE"]}) and as JSON in JSON lines.
 */
final class ResultPrinter {
  enum Format {
    table,
    csv,
    json
  }

  private ResultPrinter() {}

  static void print(Dataset<Row> df, Format format, int limit, PrintStream out) {
    String[] cols = df.columns();
    ZoneId zone = ZoneId.of(df.sparkSession().conf().get("spark.sql.session.timeZone"));
    switch (format) {
      case csv -> {
        try {
          CSVPrinter p =
              new CSVPrinter(
                  out, CSVFormat.RFC4180.builder().setHeader(cols).setRecordSeparator("\n").get());
          Iterator<Row> it = complexAsJson(df).toLocalIterator();
          while (it.hasNext()) {
            Row r = it.next();
            List<Object> vals = new ArrayList<>(cols.length);
            for (int i = 0; i < cols.length; i++)
              vals.add(r.isNullAt(i) ? "" : text(r.get(i), zone));
            p.printRecord(vals);
          }
          p.flush();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      case json -> {
        // Spark's JSON writer: nested values as JSON, timestamps ISO 8601 in the session zone.
        Iterator<String> it = df.toJSON().toLocalIterator();
        while (it.hasNext()) out.println(it.next());
      }
      case table -> {
        List<Row> rows = complexAsJson(df).limit(limit).collectAsList();
        int[] w = new int[cols.length];
        List<String[]> cells = new ArrayList<>();
        for (int i = 0; i < cols.length; i++) w[i] = width(cols[i]);
        for (Row r : rows) {
          String[] c = new String[cols.length];
          for (int i = 0; i < cols.length; i++) {
            c[i] = r.isNullAt(i) ? "NULL" : text(r.get(i), zone);
            w[i] = Math.max(w[i], width(c[i]));
          }
          cells.add(c);
        }
        out.println(line(cols, w));
        StringBuilder sep = new StringBuilder();
        for (int i = 0; i < w.length; i++) sep.append(i == 0 ? "" : "-+-").append("-".repeat(w[i]));
        out.println(sep);
        for (String[] c : cells) out.println(line(c, w));
        out.println("(" + rows.size() + " row" + (rows.size() == 1 ? "" : "s") + ")");
      }
    }
    out.flush();
  }

  /** Array, map and struct columns turned into their JSON text (Spark's to_json, session zone). */
  static Dataset<Row> complexAsJson(Dataset<Row> df) {
    StructField[] fields = df.schema().fields();
    boolean any = false;
    Column[] sel = new Column[fields.length];
    for (int i = 0; i < fields.length; i++) {
      DataType t = fields[i].dataType();
      Column c = df.col("`" + fields[i].name().replace("`", "``") + "`");
      boolean complex = t instanceof ArrayType || t instanceof MapType || t instanceof StructType;
      any |= complex;
      sel[i] = complex ? functions.to_json(c).as(fields[i].name()) : c;
    }
    return any ? df.select(sel) : df;
  }

  /**
   * One value as text: timestamps ISO 8601 with the zone's offset, the rest as Java prints them.
   */
  static String text(Object v, ZoneId zone) {
    if (v instanceof Timestamp ts)
      return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(ts.toInstant().atZone(zone));
    if (v instanceof Instant in)
      return DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(in.atZone(zone));
    if (v instanceof LocalDateTime ldt) return DateTimeFormatter.ISO_LOCAL_DATE_TIME.format(ldt);
    if (v instanceof java.sql.Date d) return d.toLocalDate().toString();
    if (v instanceof BigDecimal bd) return bd.toPlainString();
    if (v instanceof byte[] b) return "0x" + HexFormat.of().formatHex(b);
    return String.valueOf(v);
  }

  private static String line(String[] c, int[] w) {
    StringBuilder b = new StringBuilder();
    for (int i = 0; i < c.length; i++) {
      if (i > 0) b.append(" | ");
      b.append(c[i]).append(" ".repeat(w[i] - width(c[i])));
    }
    return b.toString();
  }

  /** Display width: East Asian wide characters take two columns. */
  static int width(String s) {
    int w = 0;
    for (int cp : s.codePoints().toArray()) {
      Character.UnicodeScript sc = Character.UnicodeScript.of(cp);
      boolean wide =
          sc == Character.UnicodeScript.HAN
              || (cp >= 0x3000 && cp <= 0x30FF)
              || (cp >= 0xFF00 && cp <= 0xFF60);
      w += wide ? 2 : 1;
    }
    return w;
  }
}
