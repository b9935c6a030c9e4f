package io.epiwatch.generate;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVPrinter;

/**
 * One generated CSV file: a chosen encoding (UTF-8 with or without BOM, GB18030), a header in
 * English or Chinese, rows streamed to disk; tracks the physical line of each row (header = 1) so
 * planted bad rows can be listed by line.
 */
final class CsvOut implements AutoCloseable {
  final Path path;
  final String relative;
  private final CSVPrinter printer;
  private final OutputStream stream;
  private long line = 1;
  long rows;

  CsvOut(Path root, String source, String file, Charset cs, boolean bom, List<String> header) {
    try {
      Path dir = Files.createDirectories(root.resolve(source));
      this.path = dir.resolve(file);
      this.relative = source + "/" + file;
      this.stream = Files.newOutputStream(path);
      if (bom) stream.write(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF});
      BufferedWriter w = new BufferedWriter(new OutputStreamWriter(stream, cs), 1 << 16);
      this.printer = new CSVPrinter(w, CSVFormat.RFC4180.builder().setRecordSeparator("\n").get());
      printer.printRecord(header);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes a row; returns its line number. */
  long row(Object... values) {
    try {
      printer.printRecord(values);
      rows++;
      return ++line;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      printer.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
