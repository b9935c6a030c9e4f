package io.epiwatch.brief;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.poi.xssf.streaming.SXSSFSheet;
import org.apache.poi.xssf.streaming.SXSSFWorkbook;

/**
 * An XLSX workbook of plain tables, one sheet each: a header row, then the rows as text. The
 * briefing's tables and the follow-up list are written through it.
 */
final class Workbook {
  private Workbook() {}

  /**
   * One sheet: its name (characters Excel refuses are dropped, cut to 31, made unique), the header
   * and the rows, each as long as the header.
   */
  record Sheet(String name, List<String> header, List<List<String>> rows) {}

  /**
   * Written as a stream (rows beyond the last {@value #ROWS_IN_MEMORY} go to a temporary file until
   * the workbook is written): a city's district list runs to 40,000 rows, which the in-memory
   * workbook builds as an XML tree first.
   */
  static void write(List<Sheet> sheets, OutputStream out) {
    // close() removes the temporary files (POI 5.3 on; dispose() is deprecated for it)
    try (SXSSFWorkbook wb = new SXSSFWorkbook(ROWS_IN_MEMORY)) {
      Set<String> used = new HashSet<>();
      for (Sheet s : sheets) {
        SXSSFSheet sheet = wb.createSheet(uniqueName(s.name(), used));
        for (int c = 0; c < s.header().size(); c++) sheet.setColumnWidth(c, 5000);
        var h = sheet.createRow(0);
        for (int c = 0; c < s.header().size(); c++) h.createCell(c).setCellValue(s.header().get(c));
        int r = 1;
        for (List<String> row : s.rows()) {
          var x = sheet.createRow(r++);
          for (int c = 0; c < row.size(); c++)
            x.createCell(c).setCellValue(row.get(c) == null ? "" : row.get(c));
        }
      }
      wb.write(out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static final int ROWS_IN_MEMORY = 200;

  /** A sheet name Excel accepts: no []:*?/\, at most 31 characters, not used before. */
  static String uniqueName(String name, Set<String> used) {
    String base = name.replaceAll("[\\\\/?*\\[\\]:]", "").strip();
    if (base.isEmpty()) base = "sheet";
    if (base.length() > 31) base = base.substring(0, 31);
    String n = base;
    for (int i = 2; !used.add(n); i++) {
      String suffix = " (" + i + ")";
      n = base.substring(0, Math.min(base.length(), 31 - suffix.length())) + suffix;
    }
    return n;
  }
}
