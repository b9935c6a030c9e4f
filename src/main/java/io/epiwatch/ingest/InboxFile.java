package io.epiwatch.ingest;

import io.epiwatch.common.SourceEncoding;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * One inbox file read once: its bytes, SHA-256, format and, for CSV, its decoded text. The format
 * is taken from the content, not the name: a ZIP container (PK\3\4) is an XLSX workbook, anything
 * else is read as CSV text ({@link #formatNote()} says when the name disagrees). Encoding
 * (docs/rules.md §7): a UTF-8 BOM means UTF-8; else strict UTF-8; if that fails, GB18030 (which
 * covers GBK). An explicitly configured encoding is decoded strictly, so a GBK file configured as
 * UTF-8 is rejected instead of turning into mojibake. Every problem that makes the whole file
 * unreadable is an {@link IllegalArgumentException} whose message starts with the path and, where
 * known, the line.
 */
final class InboxFile {
  static final Charset GB18030 = Charset.forName("GB18030");

  /** What the content is, whatever the name says. */
  enum Format {
    CSV,
    XLSX,
    LEGACY_XLS
  }

  final String path;
  final byte[] bytes;
  final String sha256;
  final Format format;
  final boolean xlsx;

  private InboxFile(String path, byte[] bytes) {
    this.path = path;
    this.bytes = bytes;
    this.sha256 = sha256(bytes);
    this.format = sniff(bytes);
    this.xlsx = format == Format.XLSX;
  }

  static InboxFile read(String path, Configuration hadoop) {
    Path p = new Path(path);
    try (InputStream in = p.getFileSystem(hadoop).open(p)) {
      return new InboxFile(path, in.readAllBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(path + ": cannot read the file", e);
    }
  }

  static InboxFile of(String path, byte[] bytes) {
    return new InboxFile(path, bytes);
  }

  InputStream stream() {
    return new ByteArrayInputStream(bytes);
  }

  private static Format sniff(byte[] b) {
    if (b.length >= 4 && b[0] == 'P' && b[1] == 'K' && b[2] == 3 && b[3] == 4) return Format.XLSX;
    if (b.length >= 8
        && (b[0] & 0xFF) == 0xD0
        && (b[1] & 0xFF) == 0xCF
        && (b[2] & 0xFF) == 0x11
        && (b[3] & 0xFF) == 0xE0) {
      return Format.LEGACY_XLS;
    }
    return Format.CSV;
  }

  /** A warning when the file name's extension disagrees with the content, else null. */
  String formatNote() {
    boolean namedXlsx = path.toLowerCase(Locale.ROOT).endsWith(".xlsx");
    if (namedXlsx && format == Format.CSV) return "named .xlsx but holds text: read as CSV";
    if (!namedXlsx && format == Format.XLSX)
      return "holds an XLSX workbook under another name: read as XLSX";
    return null;
  }

  /** The decoded text and the encoding's name, or an exception naming the file and line. */
  record Decoded(String text, String encoding) {}

  Decoded decode(SourceEncoding configured) {
    boolean bom =
        bytes.length >= 3
            && (bytes[0] & 0xFF) == 0xEF
            && (bytes[1] & 0xFF) == 0xBB
            && (bytes[2] & 0xFF) == 0xBF;
    int nul = indexOf((byte) 0);
    if (nul >= 0) {
      throw new IllegalArgumentException(
          path
              + ":"
              + lineAt(nul)
              + ": binary content (a NUL byte at offset "
              + nul
              + "), not CSV text (UTF-16 text must be saved as UTF-8 or GB18030); file rejected, nothing loaded");
    }
    if (configured == null || configured == SourceEncoding.AUTO) {
      if (bom) {
        int bad = firstMalformed(StandardCharsets.UTF_8, 3);
        if (bad >= 0)
          throw new IllegalArgumentException(
              path
                  + ":"
                  + lineAt(bad)
                  + ": starts with a UTF-8 BOM but is not valid UTF-8 (offset "
                  + bad
                  + "); file rejected, nothing loaded");
        return new Decoded(decodeFrom(StandardCharsets.UTF_8, 3), "UTF-8-BOM");
      }
      if (firstMalformed(StandardCharsets.UTF_8, 0) < 0)
        return new Decoded(decodeFrom(StandardCharsets.UTF_8, 0), "UTF-8");
      int bad = firstMalformed(GB18030, 0);
      if (bad >= 0)
        throw new IllegalArgumentException(
            path
                + ":"
                + lineAt(bad)
                + ": neither UTF-8 nor GB18030 text (encoding auto; offset "
                + bad
                + "); file rejected, nothing loaded");
      return new Decoded(decodeFrom(GB18030, 0), "GB18030");
    }
    Charset cs = Charset.forName(configured.code());
    int skip = bom && cs.equals(StandardCharsets.UTF_8) ? 3 : 0;
    int bad = firstMalformed(cs, skip);
    if (bad >= 0) {
      throw new IllegalArgumentException(
          path
              + ":"
              + lineAt(bad)
              + ": not valid "
              + cs.name()
              + " text (offset "
              + bad
              + "; the encoding configured for this source, epiwatch.sources.<source>.encoding); file rejected, nothing loaded");
    }
    return new Decoded(decodeFrom(cs, skip), cs.name() + (skip > 0 ? "-BOM" : ""));
  }

  /** Byte offset of the first sequence the charset cannot decode, or -1 when all of it decodes. */
  int firstMalformed(Charset cs, int offset) {
    CharsetDecoder d =
        cs.newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
    ByteBuffer in = ByteBuffer.wrap(bytes, offset, bytes.length - offset);
    CharBuffer out = CharBuffer.allocate(8192);
    while (true) {
      CoderResult r = d.decode(in, out, true);
      if (r.isError()) return in.position();
      if (!r.isOverflow()) break;
      out.clear();
    }
    out.clear();
    return d.flush(out).isError() ? in.position() : -1;
  }

  private String decodeFrom(Charset cs, int offset) {
    return new String(bytes, offset, bytes.length - offset, cs);
  }

  /** 1-based line of a byte offset (lines end at LF). */
  long lineAt(int offset) {
    long line = 1;
    for (int i = 0; i < offset && i < bytes.length; i++) if (bytes[i] == '\n') line++;
    return line;
  }

  private int indexOf(byte b) {
    for (int i = 0; i < bytes.length; i++) if (bytes[i] == b) return i;
    return -1;
  }

  static String sha256(byte[] b) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Hadoop filesystem of a path (for listing the inbox). */
  static FileSystem fs(String path, Configuration hadoop) {
    try {
      return new Path(path).getFileSystem(hadoop);
    } catch (IOException e) {
      throw new UncheckedIOException(path + ": no filesystem", e);
    }
  }
}
