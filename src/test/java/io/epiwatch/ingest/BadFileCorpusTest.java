package io.epiwatch.ingest;

import static io.epiwatch.testing.DatasetAssert.row;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.epiwatch.catalog.TableId;
import io.epiwatch.catalog.Tables;
import io.epiwatch.catalog.Warehouse;
import io.epiwatch.config.AppConfig;
import io.epiwatch.spark.JobContext;
import io.epiwatch.testing.DatasetAssert;
import io.epiwatch.testing.SparkExtension;
import io.epiwatch.testing.SparkTest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * The bad-file corpus (src/test/resources/bad-files/inbox) ingested together with good files: an
 * empty file, a header-only file, binary content, ragged rows, an unbalanced quote, a 1 MB line, a
 * GB18030 file where the conf says UTF-8, a CSV named .xlsx and a file name with spaces and Chinese
 * characters. Good rows load, bad rows are quarantined with their reason and line, unreadable files
 * are rejected whole in the manifest, nothing is thrown, the originals stay in the inbox, a rerun
 * adds nothing and a corrected file loads.
 */
@SparkTest
class BadFileCorpusTest {
  private static final Path CORPUS = Path.of("src/test/resources/bad-files/inbox").toAbsolutePath();

  @Test
  void badFilesAreRejectedAloneBadRowsAreQuarantinedAndEverythingElseLoads(SparkSession spark)
      throws Exception {
    Path inbox = SparkExtension.newFolder("corpus-inbox");
    Map<Path, byte[]> originals = copy(CORPUS, inbox);
    AppConfig config =
        AppConfig.fromString(
                "epiwatch.secret.value = \"test-secret\"\nepiwatch.sources.travel_records.encoding = UTF-8")
            .withPaths(SparkExtension.newFolder("corpus-wh").toString(), inbox.toString(), null);
    JobContext ctx =
        JobContext.of(
            config,
            spark,
            LocalDate.of(2021, 10, 5),
            Clock.fixed(Instant.parse("2021-10-05T01:00:00Z"), ZoneId.of("Asia/Shanghai")));
    Warehouse wh = ctx.warehouse();

    IngestJob.IngestResult first = IngestJob.run(ctx, Optional.empty());

    // Good rows: 01-good (2), 02-ragged line 2, 07-long-line, 08-really-a-csv.xlsx, the Chinese
    // file name.
    DatasetAssert.assertRows(
        wh.read(TableId.bronze("daily_reports")),
        new String[] {
          "regexp_extract(source_file, '[^/]+$', 0)",
          "source_line",
          "CAST(report_date AS STRING)",
          "length(reporter)"
        },
        row("01-good.csv", 2L, "2021-10-01", 3),
        row("01-good.csv", 3L, "2021-10-01", 3),
        row("02-ragged.csv", 2L, "2021-10-02", 3),
        row("07-long-line.csv", 2L, "2021-10-01", 1 << 20),
        row("08-really-a-csv.xlsx", 2L, "2021-10-02", 3),
        row("09 日报 第二中学 副本.csv", 2L, "2021-10-03", 3));
    // Ragged rows: quarantined with FIELD_COUNT, line and both counts.
    DatasetAssert.assertRows(
        wh.read(Tables.OPS_QUARANTINE.id()),
        new String[] {
          "regexp_extract(source_file, '[^/]+$', 0)",
          "source_line",
          "array_join(reasons, ',')",
          "details[0] LIKE '%02-ragged.csv:' || source_line || ' has %'"
        },
        row("02-ragged.csv", 3L, "FIELD_COUNT", true),
        row("02-ragged.csv", 4L, "FIELD_COUNT", true));
    List<String> details =
        wh
            .read(Tables.OPS_QUARANTINE.id())
            .orderBy("source_line")
            .select("details")
            .collectAsList()
            .stream()
            .map(r -> r.<String>getList(0).get(0))
            .toList();
    assertTrue(details.get(0).contains("has 16 field(s), the header has 14"), details.get(0));
    assertTrue(details.get(1).contains("has 5 field(s), the header has 14"), details.get(1));

    // Unreadable files: one manifest row each, status rejected, the reason with the line where
    // known.
    Map<String, Row> manifest = manifest(wh);
    assertRejected(
        manifest,
        "03-unbalanced-quote.csv",
        "03-unbalanced-quote.csv:5: not a readable CSV file: unbalanced quote");
    assertRejected(manifest, "04-empty.csv", "04-empty.csv: empty file (no header row)");
    assertRejected(manifest, "06-binary.csv", "06-binary.csv:3: binary content");
    assertRejected(
        manifest, "gbk-in-utf8-source.csv", "gbk-in-utf8-source.csv:3: not valid UTF-8 text");
    assertLoaded(manifest, "05-header-only.csv", 0, 0, 0);
    assertLoaded(manifest, "02-ragged.csv", 3, 1, 2);
    assertLoaded(manifest, "07-long-line.csv", 1, 1, 0);
    assertEquals(
        "named .xlsx but holds text: read as CSV",
        manifest.get("08-really-a-csv.xlsx").getAs("message"));
    assertLoaded(manifest, "09 日报 第二中学 副本.csv", 1, 1, 0);
    assertEquals(11, manifest.size());
    assertEquals(4, first.rejected().size());
    // Nothing of a rejected file reached bronze (not even its good lines 2-4).
    assertEquals(
        0L,
        wh.read(TableId.bronze("daily_reports"))
            .filter("source_file LIKE '%03-unbalanced%'")
            .count());
    assertTrue(
        !wh.exists(TableId.bronze("travel_records"))
            || wh.read(TableId.bronze("travel_records")).isEmpty());

    // The originals stay in the inbox, byte for byte.
    for (Map.Entry<Path, byte[]> e : originals.entrySet())
      assertArrayEquals(e.getValue(), Files.readAllBytes(e.getKey()), e.getKey().toString());

    // A rerun adds nothing.
    long bronzeVersion = wh.version(TableId.bronze("daily_reports"));
    long manifestVersion = wh.version(Tables.OPS_INGEST_MANIFEST.id());
    IngestJob.IngestResult again = IngestJob.run(ctx, Optional.empty());
    assertTrue(again.files().isEmpty(), again.files().toString());
    assertEquals(bronzeVersion, wh.version(TableId.bronze("daily_reports")));
    assertEquals(manifestVersion, wh.version(Tables.OPS_INGEST_MANIFEST.id()));

    // The corrected file (new content, so a new SHA-256) loads normally under the same name.
    Path fixed = inbox.resolve("daily_reports/03-unbalanced-quote.csv");
    Files.writeString(
        fixed,
        Files.readString(fixed, StandardCharsets.UTF_8).replace(",\"王老师\n", ",王老师\n"),
        StandardCharsets.UTF_8);
    IngestJob.IngestResult corrected = IngestJob.run(ctx, Optional.empty());
    assertEquals(1, corrected.files().size());
    assertTrue(corrected.rejected().isEmpty());
    assertEquals(
        5L,
        wh.read(TableId.bronze("daily_reports"))
            .filter("source_file LIKE '%03-unbalanced-quote.csv'")
            .count());
    DatasetAssert.assertRows(
        wh.read(Tables.OPS_INGEST_MANIFEST.id()).filter("file LIKE '%03-unbalanced-quote.csv'"),
        new String[] {"status", "rows_in", "rows_loaded"},
        row("rejected", 0L, 0L),
        row("loaded", 5L, 5L));
  }

  private static Map<Path, byte[]> copy(Path from, Path to) throws Exception {
    Map<Path, byte[]> out = new HashMap<>();
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        Path target = to.resolve(from.relativize(f).toString());
        Files.createDirectories(target.getParent());
        Files.copy(f, target);
        out.put(target, Files.readAllBytes(target));
      }
    }
    return out;
  }

  private static Map<String, Row> manifest(Warehouse wh) {
    Map<String, Row> m = new HashMap<>();
    for (Row r : wh.read(Tables.OPS_INGEST_MANIFEST.id()).collectAsList()) {
      String file = r.getAs("file");
      m.put(file.substring(file.lastIndexOf('/') + 1), r);
    }
    return m;
  }

  private static void assertRejected(Map<String, Row> manifest, String file, String reason) {
    Row r = manifest.get(file);
    assertEquals("rejected", r.getAs("status"), file);
    assertEquals(0L, (long) r.getAs("rows_in"), file);
    String message = r.getAs("message");
    assertTrue(
        message.contains(reason) && message.endsWith("file rejected, nothing loaded"), message);
  }

  private static void assertLoaded(
      Map<String, Row> manifest, String file, long in, long loaded, long quarantined) {
    Row r = manifest.get(file);
    assertEquals(
        List.of("loaded", in, loaded, quarantined),
        List.of(
            r.getAs("status"),
            r.getAs("rows_in"),
            r.getAs("rows_loaded"),
            r.getAs("rows_quarantined")),
        file);
  }
}
