package io.epiwatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.epiwatch.common.ManifestStatus;
import io.epiwatch.ingest.IngestJob;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Exit code 4 and the last line when a run rejected a file (plain JUnit, no Spark). */
class RejectedFilesExitTest {
  @Test
  void aRunThatRejectedAFileExitsWith4AndItsLastLineNamesTheFileAndTheReason() {
    IngestJob.FileResult ok =
        new IngestJob.FileResult(
            "daily_reports", "/in/a.csv", "s1", "UTF-8", ManifestStatus.LOADED, 2, 2, 0, null);
    IngestJob.FileResult bad =
        new IngestJob.FileResult(
            "daily_reports",
            "/in/b.csv",
            "s2",
            null,
            ManifestStatus.REJECTED,
            0,
            0,
            0,
            "/in/b.csv:5: not a readable CSV file: unbalanced quote; file rejected, nothing loaded");
    PrintStream err = System.err;
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    System.setErr(new PrintStream(buf, true, StandardCharsets.UTF_8));
    try {
      assertEquals(
          0, Main.rejectedFiles("run-daily", new IngestJob.IngestResult("b", List.of(ok))));
      assertEquals(
          Main.EXIT_REJECTED,
          Main.rejectedFiles("run-daily", new IngestJob.IngestResult("b", List.of(ok, bad))));
    } finally {
      System.setErr(err);
    }
    String out = buf.toString(StandardCharsets.UTF_8);
    assertEquals(4, Main.EXIT_REJECTED);
    assertTrue(
        out.startsWith(
            "warning: run-daily: completed, but 1 file(s) rejected (exit code 4; reasons in ops.ingest_manifest): "
                + "/in/b.csv:5: not a readable CSV file: unbalanced quote"),
        out);
    assertEquals(1, out.lines().count());
  }
}
