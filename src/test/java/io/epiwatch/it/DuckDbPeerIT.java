package io.epiwatch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.epiwatch.bench.DuckDbPeer;
import io.epiwatch.bench.SilverComparison;
import io.epiwatch.catalog.Warehouse;
import io.epiwatch.config.AppConfig;
import io.epiwatch.spark.JobContext;
import io.epiwatch.testing.ChildJvm;
import io.epiwatch.testing.SparkExtension;
import io.epiwatch.testing.SparkTest;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * The DuckDB peers (issue 8) over the shipped sample and its run-daily warehouse (SampleRun):
 * DuckDB's gold from our silver equals our gold, and DuckDB's silver built from the extracts equals
 * our silver (and quarantine).
 */
@SparkTest
class DuckDbPeerIT {

  @Test
  void duckDbGoldEqualsOursOnTheSample(SparkSession spark) throws Exception {
    AppConfig config =
        AppConfig.fromString("")
            .withPaths(SampleRun.warehouse().toString(), null, SampleRun.out().toString());
    JobContext ctx =
        JobContext.of(config, spark, LocalDate.parse(SampleRun.DATE), Clock.systemUTC());
    DuckDbPeer.PeerResult peer =
        DuckDbPeer.run(ctx, SparkExtension.newFolder("duckdb-peer-sample"));
    StringBuilder differences = new StringBuilder();
    for (DuckDbPeer.TableComparison t : peer.tables()) {
      assertTrue(t.rowsOurs() > 0, t.table() + " has rows");
      if (t.mismatches() > 0)
        differences
            .append(t.table())
            .append(":\n  ")
            .append(String.join("\n  ", t.examples()))
            .append('\n');
    }
    assertEquals("", differences.toString(), "DuckDB's gold differs from ours");
  }

  @Test
  void duckDbSilverFromTheExtractsEqualsOursOnTheSample(SparkSession spark) throws Exception {
    Warehouse wh = new Warehouse(spark, SampleRun.warehouse().toString());
    List<String> problems =
        SilverComparison.compareWith(
            wh,
            ChildJvm.projectDir().resolve("data-sample/inbox"),
            AppConfig.fromString("").policy());
    assertTrue(problems.isEmpty(), String.join("\n", problems));
  }
}
