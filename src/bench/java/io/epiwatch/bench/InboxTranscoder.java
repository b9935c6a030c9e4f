package io.epiwatch.bench;

import io.epiwatch.contract.ColumnSpec;
import io.epiwatch.contract.SourceSpec;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.poi.ss.usermodel.Cell;
import org.apache.poi.ss.usermodel.CellType;
import org.apache.poi.ss.usermodel.DataFormatter;
import org.apache.poi.ss.usermodel.DateUtil;
import org.apache.poi.ss.usermodel.Row;
import org.apache.poi.ss.usermodel.Workbook;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;

/**
 * Step (a) of the DuckDB peer: what a one-machine user does with iconv and sed before DuckDB reads
 * the extracts. DuckDB reads UTF-8 only (GB18030 needs an extension download, which is not allowed
 * at run time), so every inbox file is streamed into a scratch folder as UTF-8 without BOM, with
 * its header rewritten to the declared English column names (the Chinese aliases of {@code
 * Sources}); the body is copied, never parsed. The encoding is detected as ingest does
 * (docs/rules.md §7): a BOM means UTF-8, else strict UTF-8, else GB18030. A file whose header lacks
 * a required column is rejected whole, and a file with the SHA-256 of an earlier one is skipped
 * (docs/rules.md §1). XLSX files (first sheet) are converted to CSV with POI. Names starting with
 * '_' or '.' are not inputs.
 *
 * <p>Per source a header-only file {@value #COLUMNS_FILE} lists every declared column, so that
 * DuckDB's union_by_name read always has them all (NULL where no file carries one), even for a
 * source without files.
 */
final class InboxTranscoder {
  static final String COLUMNS_FILE = "_columns.csv";
  private static final Charset GB18030 = Charset.forName("GB18030");

  /**
   * One inbox file: where its UTF-8 copy is (null unless loaded), its encoding, and for a file not
   * loaded why: rejected, or skipped as a copy of an earlier file (same SHA-256, as ingest skips
   * it).
   */
  record PreparedFile(
      String source,
      Path inboxFile,
      Path scratchFile,
      String encoding,
      String status,
      String message) {
    static final String LOADED = "loaded";
    static final String REJECTED = "rejected";
    static final String SKIPPED = "skipped";

    boolean loaded() {
      return status.equals(LOADED);
    }
  }

  private InboxTranscoder() {}

  /** Prepares every file of every source; returns them in source, then file-name byte order. */
  static List<PreparedFile> prepare(List<SourceSpec> sources, Path inbox, Path scratch) {
    List<PreparedFile> out = new ArrayList<>();
    Map<String, Path> seen = new HashMap<>();
    for (SourceSpec spec : sources) {
      Path target = scratch.resolve(spec.name());
      try {
        Files.createDirectories(target);
        writeLine(
            Files.newBufferedWriter(target.resolve(COLUMNS_FILE), StandardCharsets.UTF_8),
            spec.columns().stream().map(ColumnSpec::name).toList());
        for (Path f : inputs(inbox.resolve(spec.name()))) {
          Path first = seen.putIfAbsent(sha256(f), f);
          out.add(
              first == null
                  ? prepareFile(spec, f, target)
                  : new PreparedFile(
                      spec.name(),
                      f,
                      null,
                      null,
                      PreparedFile.SKIPPED,
                      f + ": same SHA-256 as " + first + "; skipped"));
        }
      } catch (IOException e) {
        throw new UncheckedIOException(spec.name() + ": cannot prepare the inbox folder", e);
      }
    }
    return out;
  }

  /** Files of one inbox folder in file-name byte order, without '_' and '.' names. */
  static List<Path> inputs(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) return List.of();
    try (Stream<Path> files = Files.list(dir)) {
      return files
          .filter(Files::isRegularFile)
          .filter(
              p ->
                  !p.getFileName().toString().startsWith("_")
                      && !p.getFileName().toString().startsWith("."))
          .sorted((a, b) -> Arrays.compare(bytes(a), bytes(b)))
          .toList();
    }
  }

  private static byte[] bytes(Path p) {
    return p.getFileName().toString().getBytes(StandardCharsets.UTF_8);
  }

  private static PreparedFile prepareFile(SourceSpec spec, Path file, Path targetDir)
      throws IOException {
    String name = file.getFileName().toString();
    boolean xlsx = name.toLowerCase(Locale.ROOT).endsWith(".xlsx");
    Path target = targetDir.resolve(xlsx ? name + ".csv" : name);
    try {
      String encoding = xlsx ? convertXlsx(spec, file, target) : transcode(spec, file, target);
      return new PreparedFile(spec.name(), file, target, encoding, PreparedFile.LOADED, null);
    } catch (IllegalArgumentException e) {
      Files.deleteIfExists(target);
      return new PreparedFile(spec.name(), file, null, null, PreparedFile.REJECTED, e.getMessage());
    }
  }

  private static String sha256(Path file) throws IOException {
    try (InputStream in =
        new DigestInputStream(Files.newInputStream(file), MessageDigest.getInstance("SHA-256"))) {
      in.transferTo(OutputStream.nullOutputStream());
      return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Streams a CSV file into UTF-8; strict UTF-8 first, GB18030 when that fails (docs/rules.md §7).
   */
  private static String transcode(SourceSpec spec, Path file, Path target) throws IOException {
    boolean bom = hasBom(file);
    try {
      copy(spec, file, target, StandardCharsets.UTF_8, bom);
      return bom ? "UTF-8-BOM" : "UTF-8";
    } catch (CharacterCodingException e) {
      if (bom)
        throw new IllegalArgumentException(
            file + ": starts with a UTF-8 BOM but is not valid UTF-8; not loaded");
    }
    try {
      copy(spec, file, target, GB18030, false);
      return "GB18030";
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException(file + ": neither UTF-8 nor GB18030 text; not loaded");
    }
  }

  private static boolean hasBom(Path file) throws IOException {
    try (InputStream in = Files.newInputStream(file)) {
      byte[] b = in.readNBytes(3);
      return b.length == 3
          && (b[0] & 0xFF) == 0xEF
          && (b[1] & 0xFF) == 0xBB
          && (b[2] & 0xFF) == 0xBF;
    }
  }

  private static void copy(SourceSpec spec, Path file, Path target, Charset cs, boolean skipBom)
      throws IOException {
    InputStream in = Files.newInputStream(file);
    if (skipBom) in.skipNBytes(3);
    var decoder =
        cs.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, decoder), 1 << 16);
        BufferedWriter w = Files.newBufferedWriter(target, StandardCharsets.UTF_8)) {
      String header = r.readLine();
      w.write(joinCsv(englishHeader(spec, file, header == null ? List.of() : splitCsv(header))));
      w.write('\n');
      char[] buf = new char[1 << 16];
      for (int n; (n = r.read(buf)) > 0; ) w.write(buf, 0, n);
    }
  }

  /**
   * The header with declared columns under their English names; a missing required column rejects
   * the file.
   */
  static List<String> englishHeader(SourceSpec spec, Path file, List<String> header) {
    List<String> out = new ArrayList<>();
    for (String h : header) {
      Optional<ColumnSpec> c = spec.forHeader(h);
      String english = c.map(ColumnSpec::name).orElse(h.strip());
      out.add(
          out.contains(english)
              ? h.strip() + "#" + out.size()
              : english); // a second cell for one column is ignored, as in ingest
    }
    List<String> missing =
        spec.required().stream().map(ColumnSpec::name).filter(n -> !out.contains(n)).toList();
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException(
          file
              + ": header lacks required column(s) "
              + String.join(", ", missing)
              + "; file rejected");
    }
    return out;
  }

  /** Cells of one header line (RFC 4180 quoting; a header never spans lines). */
  static List<String> splitCsv(String line) {
    List<String> cells = new ArrayList<>();
    StringBuilder cell = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char ch = line.charAt(i);
      if (quoted) {
        if (ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          cell.append('"');
          i++;
        } else if (ch == '"') {
          quoted = false;
        } else {
          cell.append(ch);
        }
      } else if (ch == '"') {
        quoted = true;
      } else if (ch == ',') {
        cells.add(cell.toString());
        cell.setLength(0);
      } else {
        cell.append(ch);
      }
    }
    cells.add(cell.toString());
    return cells;
  }

  static String joinCsv(List<String> cells) {
    return cells.stream().map(InboxTranscoder::quote).collect(Collectors.joining(","));
  }

  private static String quote(String c) {
    return c.contains(",") || c.contains("\"") || c.contains("\n") || c.contains("\r")
        ? "\"" + c.replace("\"", "\"\"") + "\""
        : c;
  }

  private static void writeLine(Writer w, List<String> cells) throws IOException {
    try (w) {
      w.write(joinCsv(cells));
      w.write('\n');
    }
  }

  /** First sheet to CSV; date cells as yyyy-MM-dd[ HH:mm:ss], other cells as Excel shows them. */
  private static String convertXlsx(SourceSpec spec, Path file, Path target) throws IOException {
    try (InputStream in = Files.newInputStream(file);
        Workbook wb = new XSSFWorkbook(in);
        BufferedWriter w = Files.newBufferedWriter(target, StandardCharsets.UTF_8)) {
      DataFormatter fmt = new DataFormatter(Locale.ROOT);
      boolean header = true;
      for (Row row : wb.getSheetAt(0)) {
        List<String> cells = new ArrayList<>();
        for (int c = 0; c < Math.max(row.getLastCellNum(), 0); c++)
          cells.add(text(row.getCell(c), fmt));
        if (cells.stream().allMatch(String::isBlank)) continue;
        w.write(joinCsv(header ? englishHeader(spec, file, cells) : cells));
        w.write('\n');
        header = false;
      }
      if (header) throw new IllegalArgumentException(file + ": empty workbook; file rejected");
      return "xlsx";
    } catch (IOException | IllegalArgumentException e) {
      throw e;
    } catch (RuntimeException e) {
      throw new IllegalArgumentException(
          file + ": not a readable XLSX workbook: " + e.getMessage());
    }
  }

  private static String text(Cell cell, DataFormatter fmt) {
    if (cell == null) return "";
    CellType t =
        cell.getCellType() == CellType.FORMULA
            ? cell.getCachedFormulaResultType()
            : cell.getCellType();
    if (t == CellType.NUMERIC && DateUtil.isCellDateFormatted(cell)) {
      LocalDateTime dt = cell.getLocalDateTimeCellValue();
      return dt.toLocalTime().equals(LocalTime.MIDNIGHT)
          ? dt.toLocalDate().toString()
          : dt.toString().replace('T', ' ');
    }
    return fmt.formatCellValue(cell).trim();
  }
}
