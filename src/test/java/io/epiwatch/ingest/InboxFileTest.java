package io.epiwatch.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.epiwatch.common.SourceEncoding;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** Format sniffing and decoding of one inbox file (plain JUnit, no Spark). */
class InboxFileTest {
  private static InboxFile file(String name, byte[] bytes) {
    return InboxFile.of("/inbox/daily_reports/" + name, bytes);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void theContentDecidesTheFormatNotTheName() {
    InboxFile csvNamedXlsx = file("d.xlsx", utf8("a,b\n1,2\n"));
    assertEquals(InboxFile.Format.CSV, csvNamedXlsx.format);
    assertEquals("named .xlsx but holds text: read as CSV", csvNamedXlsx.formatNote());
    InboxFile zipNamedCsv = file("d.csv", new byte[] {'P', 'K', 3, 4, 0, 0});
    assertEquals(InboxFile.Format.XLSX, zipNamedCsv.format);
    assertTrue(zipNamedCsv.formatNote().contains("read as XLSX"));
    assertEquals(
        InboxFile.Format.LEGACY_XLS,
        file(
                "d.xls",
                new byte[] {
                  (byte) 0xD0,
                  (byte) 0xCF,
                  0x11,
                  (byte) 0xE0,
                  (byte) 0xA1,
                  (byte) 0xB1,
                  0x1A,
                  (byte) 0xE1
                })
            .format);
    assertNull(file("d.csv", utf8("a\n")).formatNote());
  }

  @Test
  void binaryContentIsRejectedNamingTheLineOfTheFirstNulByte() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                file("b.csv", new byte[] {'a', ',', 'b', '\n', 'x', 0, 'y'})
                    .decode(SourceEncoding.AUTO));
    assertTrue(
        e.getMessage()
            .startsWith("/inbox/daily_reports/b.csv:2: binary content (a NUL byte at offset 5)"),
        e.getMessage());
  }

  @Test
  void autoTakesUtf8ThenGb18030AndAConfiguredEncodingIsStrictNamingTheLine() {
    byte[] gbk = "学校,日期\n第一小学,2021-10-01\n".getBytes(InboxFile.GB18030);
    assertEquals("GB18030", file("g.csv", gbk).decode(SourceEncoding.AUTO).encoding());
    assertEquals("学校,日期\n第一小学,2021-10-01\n", file("g.csv", gbk).decode(SourceEncoding.AUTO).text());
    assertEquals(
        "UTF-8-BOM", file("u.csv", utf8("\uFEFFa\n")).decode(SourceEncoding.AUTO).encoding());
    assertEquals("a\n", file("u.csv", utf8("\uFEFFa\n")).decode(SourceEncoding.UTF_8).text());

    byte[] asciiFirstLine = "a,b\n".getBytes(StandardCharsets.US_ASCII);
    byte[] mixed = new byte[asciiFirstLine.length + gbk.length];
    System.arraycopy(asciiFirstLine, 0, mixed, 0, asciiFirstLine.length);
    System.arraycopy(gbk, 0, mixed, asciiFirstLine.length, gbk.length);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> file("g.csv", mixed).decode(SourceEncoding.UTF_8));
    assertTrue(
        e.getMessage().startsWith("/inbox/daily_reports/g.csv:2: not valid UTF-8 text (offset "),
        e.getMessage());
    assertTrue(e.getMessage().contains("epiwatch.sources.<source>.encoding"), e.getMessage());

    IllegalArgumentException neither =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                file("n.csv", new byte[] {'a', '\n', 'b', '\n', (byte) 0x80, '\n'})
                    .decode(SourceEncoding.AUTO));
    assertTrue(
        neither.getMessage().startsWith("/inbox/daily_reports/n.csv:3: neither UTF-8 nor GB18030"),
        neither.getMessage());
  }

  @Test
  void theShaIsOfTheBytes() {
    assertEquals(
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
        file("e.csv", new byte[0]).sha256);
  }
}
