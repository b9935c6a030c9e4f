package io.epiwatch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.epiwatch.bench.DuckDbPeer;
import io.epiwatch.config.AppConfig;
import io.epiwatch.spark.JobContext;
import io.epiwatch.testing.SparkExtension;
import java.time.Clock;
import java.time.LocalDate;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The DuckDB peer (issue 8) over the shipped sample's run-daily warehouse: every gold table agrees with ours. */
@ExtendWith(SparkExtension.class)
class DuckDbPeerIT {

  @Test
  void duckDbGoldEqualsOursOnTheSample(SparkSession spark) throws Exception {
    AppConfig config = AppConfig.fromString("").withPaths(SampleRun.warehouse().toString(), null, SampleRun.out().toString());
    JobContext ctx = JobContext.of(config, spark, LocalDate.parse(SampleRun.DATE), Clock.systemUTC());
    DuckDbPeer.PeerResult peer = DuckDbPeer.run(ctx, SparkExtension.newFolder("duckdb-peer-sample"));
    StringBuilder differences = new StringBuilder();
    for (DuckDbPeer.TableComparison t : peer.tables()) {
      assertTrue(t.rowsOurs() > 0, t.table() + " has rows");
      if (t.mismatches() > 0) differences.append(t.table()).append(":\n  ").append(String.join("\n  ", t.examples())).append('\n');
    }
    assertEquals("", differences.toString(), "DuckDB's gold differs from ours");
  }
}
