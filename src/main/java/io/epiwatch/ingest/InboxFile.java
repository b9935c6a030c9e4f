package io.epiwatch.ingest;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
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
 * One inbox file read once: its bytes, SHA-256, format and, for CSV, its decoded text.
 * Encoding (contract 7): a UTF-8 BOM means UTF-8; else strict UTF-8; if that fails, GB18030
 * (which covers GBK). An explicitly configured encoding is decoded strictly, so a GBK file
 * configured as UTF-8 is rejected instead of turning into mojibake.
 */
final class InboxFile {
  static final Charset GB18030 = Charset.forName("GB18030");

  final String path;
  final byte[] bytes;
  final String sha256;
  final boolean xlsx;

  private InboxFile(String path, byte[] bytes) {
    this.path = path;
    this.bytes = bytes;
    this.sha256 = sha256(bytes);
    this.xlsx = path.toLowerCase(Locale.ROOT).endsWith(".xlsx");
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

  /** The decoded text and the encoding's name, or an exception naming the file. */
  record Decoded(String text, String encoding) {}

  Decoded decode(String configured) {
    boolean bom = bytes.length >= 3 && (bytes[0] & 0xFF) == 0xEF && (bytes[1] & 0xFF) == 0xBB && (bytes[2] & 0xFF) == 0xBF;
    String conf = configured == null ? "auto" : configured.trim();
    if (conf.equalsIgnoreCase("auto")) {
      try {
        if (bom) return new Decoded(strict(StandardCharsets.UTF_8, 3), "UTF-8-BOM");
        return new Decoded(strict(StandardCharsets.UTF_8, 0), "UTF-8");
      } catch (CharacterCodingException e) {
        if (bom) throw new IllegalArgumentException(path + ": starts with a UTF-8 BOM but is not valid UTF-8; not loaded");
        try {
          return new Decoded(strict(GB18030, 0), "GB18030");
        } catch (CharacterCodingException e2) {
          throw new IllegalArgumentException(path + ": neither UTF-8 nor GB18030 text (encoding auto); not loaded");
        }
      }
    }
    Charset cs = Charset.forName(conf);
    int skip = bom && cs.equals(StandardCharsets.UTF_8) ? 3 : 0;
    try {
      return new Decoded(strict(cs, skip), cs.name() + (skip > 0 ? "-BOM" : ""));
    } catch (CharacterCodingException e) {
      throw new IllegalArgumentException(path + ": not valid " + cs.name() + " text (the encoding configured for this source); not loaded");
    }
  }

  private String strict(Charset cs, int offset) throws CharacterCodingException {
    return cs.newDecoder().onMalformedInput(CodingErrorAction.REPORT).onUnmappableCharacter(CodingErrorAction.REPORT)
        .decode(ByteBuffer.wrap(bytes, offset, bytes.length - offset)).toString();
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
