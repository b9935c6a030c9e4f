package io.epiwatch.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Prints a query result as an aligned table (CJK counted as double width), CSV or JSON lines. */
final class ResultPrinter {
  enum Format { table, csv, json }

  private ResultPrinter() {}

  static void print(Dataset<Row> df, Format format, int limit, PrintStream out) {
    String[] cols = df.columns();
    switch (format) {
      case csv -> {
        try {
          CSVPrinter p = new CSVPrinter(out, CSVFormat.RFC4180.builder().setHeader(cols).setRecordSeparator("\n").get());
          Iterator<Row> it = df.toLocalIterator();
          while (it.hasNext()) {
            Row r = it.next();
            List<Object> vals = new ArrayList<>(cols.length);
            for (int i = 0; i < cols.length; i++) vals.add(r.isNullAt(i) ? "" : String.valueOf(r.get(i)));
            p.printRecord(vals);
          }
          p.flush();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      case json -> {
        Iterator<String> it = df.toJSON().toLocalIterator();
        while (it.hasNext()) out.println(it.next());
      }
      case table -> {
        List<Row> rows = df.limit(limit).collectAsList();
        int[] w = new int[cols.length];
        List<String[]> cells = new ArrayList<>();
        for (int i = 0; i < cols.length; i++) w[i] = width(cols[i]);
        for (Row r : rows) {
          String[] c = new String[cols.length];
          for (int i = 0; i < cols.length; i++) {
            c[i] = r.isNullAt(i) ? "NULL" : String.valueOf(r.get(i));
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
      boolean wide = sc == Character.UnicodeScript.HAN || (cp >= 0x3000 && cp <= 0x30FF) || (cp >= 0xFF00 && cp <= 0xFF60);
      w += wide ? 2 : 1;
    }
    return w;
  }
}
