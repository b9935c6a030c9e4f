package io.epiwatch.ingest;

import io.epiwatch.common.SourceEncoding;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * A file as a header and records, each with the physical line (CSV) or sheet row (XLSX) where it
 * starts (header = 1) and its raw text. CSV follows RFC 4180 (quoted fields may span lines). A file
 * that cannot be read as a whole (empty, binary, undecodable, an unbalanced quote, a broken
 * workbook) throws an {@link IllegalArgumentException} naming the file and, where known, the line;
 * the caller rejects that file alone. A record keeps the fields it has: a record whose field count
 * differs from the header's is for the validator to quarantine (FIELD_COUNT), never padded or cut
 * here. XLSX rows omit trailing empty cells, so a sheet row is padded to the header's width, and is
 * wider only when it has a value beyond the header.
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

  private static final Pattern START_LINE = Pattern.compile("\\(startline (\\d+)\\)\\s*");
  private static final Pattern AT_LINE = Pattern.compile(" at line: (\\d+)");

  static ParsedFile parse(InboxFile f, SourceEncoding configuredEncoding) {
    return switch (f.format) {
      case XLSX -> xlsx(f);
      case LEGACY_XLS ->
          throw new IllegalArgumentException(
              f.path
                  + ": a legacy .xls (Excel 97-2003) workbook; save it as .xlsx or CSV"
                  + "; file rejected, nothing loaded");
      case CSV -> csv(f, configuredEncoding);
    };
  }

  private static ParsedFile csv(InboxFile f, SourceEncoding configuredEncoding) {
    InboxFile.Decoded d = f.decode(configuredEncoding);
    String text = d.text();
    if (text.isBlank())
      throw new IllegalArgumentException(
          f.path + ": empty file (no header row); file rejected, nothing loaded");
    int[] lineStarts = lineStarts(text);
    try (CSVParser p =
        CSVParser.parse(
            new StringReader(text), CSVFormat.RFC4180.builder().setIgnoreEmptyLines(true).get())) {
      List<CSVRecord> all = p.getRecords();
      if (all.isEmpty())
        throw new IllegalArgumentException(
            f.path + ": empty file (no header row); file rejected, nothing loaded");
      String[] header = all.get(0).values();
      List<Rec> recs = new ArrayList<>(all.size() - 1);
      for (int i = 1; i < all.size(); i++) {
        CSVRecord r = all.get(i);
        int start = (int) r.getCharacterPosition();
        // The position counts from the end of the previous record: skip the empty lines between.
        while (start < text.length() && (text.charAt(start) == '\n' || text.charAt(start) == '\r'))
          start++;
        int end = i + 1 < all.size() ? (int) all.get(i + 1).getCharacterPosition() : text.length();
        String raw = text.substring(start, end).stripTrailing();
        int idx = Arrays.binarySearch(lineStarts, start);
        long line = idx >= 0 ? idx + 1 : -idx - 1;
        recs.add(new Rec(line, r.values(), raw));
      }
      return new ParsedFile(d.encoding(), header, recs);
    } catch (IOException | UncheckedIOException | IllegalStateException e) {
      throw new IllegalArgumentException(unreadable(f.path, e));
    }
  }

  /**
   * "path:line: what is wrong" from a commons-csv failure (its message carries "(startline N)").
   */
  static String unreadable(String path, Exception e) {
    Throwable t = e instanceof UncheckedIOException && e.getCause() != null ? e.getCause() : e;
    String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    Matcher sl = START_LINE.matcher(m);
    Matcher al = AT_LINE.matcher(m);
    String line = sl.find() ? sl.group(1) : al.find() ? al.group(1) : null;
    m =
        START_LINE
            .matcher(m)
            .replaceAll("")
            .replaceFirst("^IOException reading next record: (java\\.io\\.IOException: )?", "");
    if (m.contains("EOF reached before encapsulated token finished")) {
      m =
          "unbalanced quote: the quoted field opened in the record starting "
              + (line == null ? "here" : "on this line")
              + " is never closed";
    }
    return path
        + (line == null ? "" : ":" + line)
        + ": not a readable CSV file: "
        + m
        + "; file rejected, nothing loaded";
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
  private static final DateTimeFormatter ISO_TS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

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
          int used = cells.length;
          while (used > header.length && cells[used - 1].isBlank()) used--;
          if (used < cells.length) cells = Arrays.copyOf(cells, used);
          recs.add(new Rec(row.getRowNum() + 1L, cells, String.join(",", cells)));
        }
      }
      if (header == null)
        throw new IllegalArgumentException(
            f.path
                + ": empty workbook (no header row on the first sheet); file rejected, nothing loaded");
      return new ParsedFile("xlsx", header, recs);
    } catch (IllegalArgumentException e) {
      if (e.getMessage() != null && e.getMessage().startsWith(f.path)) throw e;
      throw new IllegalArgumentException(
          f.path
              + ": not a readable XLSX workbook: "
              + e.getMessage()
              + "; file rejected, nothing loaded");
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException(
          f.path
              + ": not a readable XLSX workbook: "
              + e.getMessage()
              + "; file rejected, nothing loaded");
    }
  }

  private static String text(Cell cell, DataFormatter fmt) {
    CellType t =
        cell.getCellType() == CellType.FORMULA
            ? cell.getCachedFormulaResultType()
            : cell.getCellType();
    if (t == CellType.NUMERIC && DateUtil.isCellDateFormatted(cell)) {
      LocalDateTime dt = cell.getLocalDateTimeCellValue();
      return dt.toLocalTime().equals(java.time.LocalTime.MIDNIGHT)
          ? dt.format(ISO_DATE)
          : dt.format(ISO_TS);
    }
    return fmt.formatCellValue(cell).trim();
  }
}
