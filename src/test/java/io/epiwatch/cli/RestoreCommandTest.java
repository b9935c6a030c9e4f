package io.epiwatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.epiwatch.catalog.TableId;
import io.epiwatch.config.AppConfig;
import io.epiwatch.ops.JobRuns;
import io.epiwatch.spark.JobContext;
import io.epiwatch.testing.SparkExtension;
import io.epiwatch.testing.SparkTest;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

@SparkTest
class RestoreCommandTest {
  @Test
  void aBadDayIsRolledBackToTheEarlierVersionAndTheRestoreIsRecordedInJobRuns(SparkSession spark) {
    Path wh = SparkExtension.newFolder("restore-wh");
    AppConfig config =
        AppConfig.fromString("")
            .withPaths(wh.toString(), null, SparkExtension.newFolder("restore-out").toString());
    JobContext ctx = JobContext.of(config, spark, LocalDate.of(2021, 10, 5), Clock.systemUTC());
    TableId t = TableId.gold("restore_t");
    spark
        .sql("SELECT 'city' AS org_level, 10 AS reported")
        .write()
        .format("delta")
        .save(ctx.warehouse().path(t));
    spark
        .sql("SELECT 'city' AS org_level, 999 AS reported")
        .write()
        .format("delta")
        .mode("overwrite")
        .save(ctx.warehouse().path(t));

    long was = RestoreCommand.restore(ctx, t, 0);

    assertEquals(1L, was);
    assertEquals(2L, ctx.warehouse().version(t), "the restore is a new version");
    List<Row> rows = ctx.warehouse().read(t).collectAsList();
    assertEquals(1, rows.size());
    assertEquals(10, rows.get(0).getInt(1));
    Row run = ctx.warehouse().read(JobRuns.ID).filter("job = 'restore'").first();
    assertEquals("succeeded", run.getAs("status"));
    assertEquals(2L, (long) JobRuns.<Long>javaMap(run, "tables_written").get("gold.restore_t"));
    assertEquals(0L, (long) JobRuns.<Long>javaMap(run, "row_counts").get("restored_to_version"));

    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> RestoreCommand.restore(ctx, t, 2));
    assertTrue(e.getMessage().contains("--version 2"), e.getMessage());
    assertThrows(
        IllegalArgumentException.class,
        () -> RestoreCommand.restore(ctx, TableId.gold("absent"), 0));
    assertEquals(2L, ctx.warehouse().version(t));
  }
}
