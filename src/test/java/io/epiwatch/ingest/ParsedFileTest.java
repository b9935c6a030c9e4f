package io.epiwatch.ingest;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.epiwatch.common.SourceEncoding;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/**
 * Whole-file reading: what is rejected, and records keeping their own field count (plain JUnit, no
 * Spark).
 */
class ParsedFileTest {
  private static ParsedFile csv(String text) {
    return ParsedFile.parse(
        InboxFile.of("/inbox/x/f.csv", text.getBytes(StandardCharsets.UTF_8)), SourceEncoding.AUTO);
  }

  private static String rejection(String text) {
    return assertThrows(IllegalArgumentException.class, () -> csv(text)).getMessage();
  }

  @Test
  void anUnbalancedQuoteRejectsTheFileNamingTheLineWhereTheRecordStarts() {
    String m = rejection("a,b\n1,2\n3,4\n5,6\n7,\"8\n9,10\n");
    assertTrue(m.startsWith("/inbox/x/f.csv:5: not a readable CSV file: unbalanced quote"), m);
    assertTrue(m.endsWith("file rejected, nothing loaded"), m);
    String junk = rejection("a,b\n1,\"2\"x\n");
    assertTrue(junk.startsWith("/inbox/x/f.csv:2: not a readable CSV file: "), junk);
  }

  @Test
  void anEmptyFileIsRejectedAndAHeaderOnlyFileHasNoRecords() {
    assertTrue(rejection("").contains("f.csv: empty file (no header row)"));
    assertTrue(rejection(" \n\n").contains("f.csv: empty file (no header row)"));
    ParsedFile headerOnly = csv("a,b\n");
    assertArrayEquals(new String[] {"a", "b"}, headerOnly.header);
    assertEquals(0, headerOnly.records.size());
  }

  @Test
  void recordsKeepTheirOwnFieldCountAndPhysicalLine() {
    ParsedFile p = csv("a,b,c\n1,2,3\n\n4,5,6,7,8\n\"x\ny\",9\n10,11,12\n");
    assertEquals(4, p.records.size());
    assertEquals(3, p.records.get(0).cells().length);
    assertEquals(4L, p.records.get(1).line());
    assertEquals(5, p.records.get(1).cells().length);
    assertEquals(5L, p.records.get(2).line());
    assertArrayEquals(new String[] {"x\ny", "9"}, p.records.get(2).cells());
    assertEquals(7L, p.records.get(3).line());
  }

  @Test
  void aMegabyteLineIsOneRecord() {
    String big = "x".repeat(1 << 20);
    ParsedFile p = csv("a,b\n1," + big + "\n2,3\n");
    assertEquals(2, p.records.size());
    assertEquals(big, p.records.get(0).cells()[1]);
    assertEquals(3L, p.records.get(1).line());
  }

  @Test
  void legacyAndBrokenWorkbooksAreRejected() {
    byte[] ole = {
      (byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1, 0
    };
    String legacy =
        assertThrows(
                IllegalArgumentException.class,
                () -> ParsedFile.parse(InboxFile.of("/i/old.xls", ole), SourceEncoding.AUTO))
            .getMessage();
    assertTrue(legacy.startsWith("/i/old.xls: a legacy .xls"), legacy);
    byte[] zip = {'P', 'K', 3, 4, 1, 2, 3};
    String broken =
        assertThrows(
                IllegalArgumentException.class,
                () -> ParsedFile.parse(InboxFile.of("/i/b.xlsx", zip), SourceEncoding.AUTO))
            .getMessage();
    assertTrue(broken.startsWith("/i/b.xlsx: not a readable XLSX workbook"), broken);
  }

  @Test
  void xlsxRowsArePaddedToTheHeaderAndWiderOnlyWithAValueBeyondIt() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (XSSFWorkbook wb = new XSSFWorkbook()) {
      var sheet = wb.createSheet();
      String[][] rows = {{"a", "b", "c"}, {"1"}, {"1", "2", "3", "", ""}, {"1", "2", "3", "4"}};
      for (int r = 0; r < rows.length; r++) {
        var row = sheet.createRow(r);
        for (int c = 0; c < rows[r].length; c++) row.createCell(c).setCellValue(rows[r][c]);
      }
      wb.write(out);
    }
    ParsedFile p =
        ParsedFile.parse(InboxFile.of("/i/w.xlsx", out.toByteArray()), SourceEncoding.AUTO);
    assertEquals(3, p.records.get(0).cells().length);
    assertEquals(3, p.records.get(1).cells().length);
    assertEquals(4, p.records.get(2).cells().length);
    assertEquals(4L, p.records.get(2).line());
  }
}
