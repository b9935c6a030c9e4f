package io.epiwatch.ingest;

import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * A file as a header and records, each with the physical line (CSV) or sheet row (XLSX) where
 * it starts (header = 1) and its raw text. CSV follows RFC 4180 (quoted fields may span lines).
 */
final class ParsedFile {
  record Rec(long line, String[] cells, String raw) {}

  final String encoding;
  final String[] header;
  final List<Rec> records;

  private ParsedFile(String encoding, String[] header, List<Rec> records) {
    this.encoding = encoding;
    this.header = header;
    this.records = records;
  }

  static ParsedFile parse(InboxFile f, String configuredEncoding) {
    return f.xlsx ? xlsx(f) : csv(f, configuredEncoding);
  }

  private static ParsedFile csv(InboxFile f, String configuredEncoding) {
    InboxFile.Decoded d = f.decode(configuredEncoding);
    String text = d.text();
    int[] lineStarts = lineStarts(text);
    try (CSVParser p = CSVParser.parse(new StringReader(text), CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).get())) {
      List<CSVRecord> all = p.getRecords();
      if (all.isEmpty()) return new ParsedFile(d.encoding(), new String[0], List.of());
      String[] header = all.get(0).values();
      List<Rec> recs = new ArrayList<>(all.size() - 1);
      for (int i = 1; i < all.size(); i++) {
        CSVRecord r = all.get(i);
        int start = (int) r.getCharacterPosition();
        int end = i + 1 < all.size() ? (int) all.get(i + 1).getCharacterPosition() : text.length();
        String raw = text.substring(start, end).stripTrailing();
        int idx = Arrays.binarySearch(lineStarts, start);
        long line = idx >= 0 ? idx + 1 : -idx - 1;
        recs.add(new Rec(line, r.values(), raw));
      }
      return new ParsedFile(d.encoding(), header, recs);
    } catch (IOException | IllegalStateException e) {
      throw new IllegalArgumentException(f.path + ": not a readable CSV file: " + e.getMessage());
    }
  }

  /** Offsets at which lines begin; line n (1-based) starts at offsets[n - 1]. */
  private static int[] lineStarts(String text) {
    int n = 1;
    for (int i = 0; i < text.length(); i++) if (text.charAt(i) == '\n') n++;
    int[] starts = new int[n];
    int k = 1;
    for (int i = 0; i < text.length(); i++) if (text.charAt(i) == '\n') starts[k++] = i + 1;
    return starts;
  }

  private static final DateTimeFormatter ISO_DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd");
  private static final DateTimeFormatter ISO_TS = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private static ParsedFile xlsx(InboxFile f) {
    try (Workbook wb = new XSSFWorkbook(f.stream())) {
      Sheet sheet = wb.getSheetAt(0);
      DataFormatter fmt = new DataFormatter(java.util.Locale.ROOT);
      String[] header = null;
      List<Rec> recs = new ArrayList<>();
      for (Row row : sheet) {
        int n = Math.max(row.getLastCellNum(), 0);
        String[] cells = new String[header == null ? n : Math.max(n, header.length)];
        boolean any = false;
        for (int c = 0; c < cells.length; c++) {
          Cell cell = row.getCell(c);
          cells[c] = cell == null ? "" : text(cell, fmt);
          any |= !cells[c].isBlank();
        }
        if (!any) continue;
        if (header == null) {
          header = cells;
        } else {
          recs.add(new Rec(row.getRowNum() + 1L, cells, String.join(",", cells)));
        }
      }
      return new ParsedFile("xlsx", header == null ? new String[0] : header, recs);
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException(f.path + ": not a readable XLSX workbook: " + e.getMessage());
    }
  }

  private static String text(Cell cell, DataFormatter fmt) {
    CellType t = cell.getCellType() == CellType.FORMULA ? cell.getCachedFormulaResultType() : cell.getCellType();
    if (t == CellType.NUMERIC && DateUtil.isCellDateFormatted(cell)) {
      LocalDateTime dt = cell.getLocalDateTimeCellValue();
      return dt.toLocalTime().equals(java.time.LocalTime.MIDNIGHT) ? dt.format(ISO_DATE) : dt.format(ISO_TS);
    }
    return fmt.formatCellValue(cell).trim();
  }

}
