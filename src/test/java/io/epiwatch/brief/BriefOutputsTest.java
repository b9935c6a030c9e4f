package io.epiwatch.brief;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.epiwatch.spark.JobContext;
import io.epiwatch.testing.SparkTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TimeZone;
import java.util.stream.Stream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * Outputs are for people: no checksum side files in out/, and times in the configured zone on a UTC
 * host.
 */
@SparkTest
class BriefOutputsTest {

  @Test
  void outHoldsOnlyThePdfsTheWorkbooksAndTheSignalsNoCrcFiles(SparkSession spark) throws Exception {
    JobContext ctx = new BriefJobTest().fixture(spark);
    BriefJob.BriefResult r = BriefJob.run(ctx, "city", "zh", ctx.config().out());
    List<String> names;
    try (Stream<Path> s = Files.list(Path.of(ctx.config().out()))) {
      names = s.map(p -> p.getFileName().toString()).sorted().toList();
    }
    assertEquals(
        List.of(
            "alert-responses-2021-10-05-zh.xlsx",
            "briefing-2021-10-05-330100-zh.pdf",
            "briefing-2021-10-05-330100-zh.xlsx",
            "followup-2021-10-05-330102-zh.pdf",
            "followup-2021-10-05-330102-zh.xlsx",
            "rectification-2021-10-05-zh.xlsx",
            "signals-2021-10-05.json"),
        names);
    assertEquals(7, r.outputs().size());
  }

  @Test
  void briefingTimesAreInTheConfiguredZoneOnAHostInUtc(SparkSession spark) throws Exception {
    JobContext ctx =
        new BriefJobTest().fixture(spark); // the late school submitted at 11:20 Beijing time
    TimeZone host = TimeZone.getDefault();
    TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
    String t;
    try {
      t = BriefJobTest.text(BriefJob.run(ctx, "city", "zh", ctx.config().out()).outputs().get(0));
    } finally {
      TimeZone.setDefault(host);
    }
    assertTrue(t.contains("10-05 11:20"), "late school's submission time in Asia/Shanghai: " + t);
    assertTrue(t.contains("2021-10-05 11:20"), "data as of, in Asia/Shanghai: " + t);
    assertTrue(t.contains("2021-10-05 10:00"), "generated at 02:00 UTC = 10:00 Beijing: " + t);
    assertTrue(!t.contains("03:20"), "no UTC time: " + t);
  }
}
