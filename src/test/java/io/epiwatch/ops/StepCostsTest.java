package io.epiwatch.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.epiwatch.catalog.Tables;
import io.epiwatch.config.AppConfig;
import io.epiwatch.spark.JobContext;
import io.epiwatch.spark.StepMeter;
import io.epiwatch.testing.SparkExtension;
import io.epiwatch.testing.SparkTest;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/** A stage's steps and what they cost reach ops.job_steps; its commits per table, job_runs. */
@SparkTest
class StepCostsTest {

  @Test
  void eachStepGetsTheSparkJobsAndBytesOfItsOwnQueries(SparkSession spark) {
    Path wh = SparkExtension.newFolder("steps-wh");
    AppConfig config =
        AppConfig.fromString("")
            .withPaths(wh.toString(), null, SparkExtension.newFolder("steps-out").toString());
    JobContext ctx = JobContext.of(config, spark, LocalDate.of(2021, 10, 5), Clock.systemUTC());
    String parquet = SparkExtension.newFolder("steps-parquet").resolve("p").toString();
    spark.range(5000).write().parquet(parquet);

    Stages.run(
        ctx,
        new Stages.Stage("test", "test-run-1", 1, 1, "metrics", List.of("gold")),
        () -> {
          StepMeter.step(spark, "read", () -> spark.read().parquet(parquet).count());
          StepMeter.step(
              spark,
              "write",
              () ->
                  new io.epiwatch.catalog.TableWriter(ctx.warehouse())
                      .append(Tables.OPS_WATERMARKS, emptyWatermarks(spark)));
          StepMeter.step(spark, "nothing", () -> {});
          spark.range(10).count(); // outside any named step
          return 1;
        },
        x -> Map.of());

    List<Row> steps =
        ctx.warehouse()
            .read(Tables.OPS_JOB_STEPS.id())
            .filter("run_id = 'test-run-1'")
            .orderBy("seq")
            .collectAsList();
    assertEquals(
        List.of(
            "table versions before",
            "read",
            "write",
            "nothing",
            "table versions and commits after",
            StepMeter.OTHER),
        steps.stream().map(r -> r.<String>getAs("step")).toList());
    Row read = steps.get(1);
    assertEquals("metrics", read.getAs("stage"));
    assertTrue(read.<Long>getAs("spark_jobs") >= 1, "jobs of the read step: " + read);
    assertTrue(read.<Long>getAs("input_bytes") > 0, "bytes read by the read step: " + read);
    assertTrue(read.<Long>getAs("duration_ms") >= 0, read.toString());
    Row nothing = steps.get(3);
    assertEquals(0L, (long) nothing.<Long>getAs("spark_jobs"), nothing.toString());
    assertEquals(0L, (long) nothing.<Long>getAs("input_bytes"), nothing.toString());
    Row other = steps.get(5);
    assertTrue(other.<Long>getAs("spark_jobs") >= 1, other.toString());
    assertNull(other.getAs("duration_ms"), "the outside row has no wall time of its own");

    Row run = ctx.warehouse().read(JobRuns.ID).filter("run_id = 'test-run-1'").first();
    assertEquals(
        1L, (long) JobRuns.<Long>javaMap(run, "row_counts").get("delta_commits:ops.watermarks"));
    // Drained when the stage was recorded: only the jobs run since (this test's reads) remain.
    assertEquals(
        List.of(StepMeter.OTHER),
        StepMeter.drain(spark).stream().map(StepMeter.Step::name).distinct().toList());
  }

  private static org.apache.spark.sql.Dataset<Row> emptyWatermarks(SparkSession spark) {
    return spark.createDataFrame(
        List.of(
            org.apache.spark.sql.RowFactory.create(
                "test", "gold.x", 1L, java.sql.Timestamp.valueOf("2021-10-05 00:00:00"))),
        Tables.OPS_WATERMARKS.schema());
  }
}
