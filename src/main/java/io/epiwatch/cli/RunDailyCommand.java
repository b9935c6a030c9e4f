package io.epiwatch.cli;

import io.epiwatch.brief.BriefJob;
import io.epiwatch.gold.MetricsJob;
import io.epiwatch.ingest.IngestJob;
import io.epiwatch.ops.Stages;
import io.epiwatch.ops.WarehouseLock;
import io.epiwatch.silver.TransformJob;
import io.epiwatch.spark.JobContext;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * jobs/run-daily: ingest, transform, metrics and brief in order, under the warehouse lock, with one
 * ops.job_runs row per stage. Every stage is idempotent, so a failed or killed run is repaired by
 * running it again.
 */
@Command(
    name = "run-daily",
    mixinStandardHelpOptions = true,
    description =
        "The daily job: ingest new inbox files, build silver and gold, render the briefing.")
final class RunDailyCommand extends SparkCommand {
  private static final Logger LOG = LoggerFactory.getLogger(RunDailyCommand.class);

  @Option(
      names = "--scope",
      defaultValue = "city",
      description =
          "Briefing scope: city, district:CODE or all-districts (default: ${DEFAULT-VALUE}).")
  String scope;

  @Option(
      names = "--lang",
      defaultValue = "zh",
      description = "Briefing language: zh or en (default: ${DEFAULT-VALUE}).")
  String lang;

  @Override
  protected int run(JobContext ctx) {
    String runId = "daily-" + ctx.runDate() + "-" + UUID.randomUUID().toString().substring(0, 8);
    Instant start = Instant.now();
    try (WarehouseLock lock =
        WarehouseLock.acquire(
            ctx.config().warehouse(),
            ctx.spark().sparkContext().hadoopConfiguration(),
            "run-daily " + runId,
            ctx.clock())) {
      IngestJob.IngestResult in =
          stage(
              ctx,
              runId,
              1,
              "ingest",
              List.of("bronze", "ops"),
              () -> IngestJob.run(ctx, Optional.empty()),
              r ->
                  Map.of(
                      "rows_in",
                      r.rows("in"),
                      "rows_loaded",
                      r.rows("loaded"),
                      "rows_quarantined",
                      r.rows("quarantined"),
                      "files",
                      (long) r.files().size(),
                      "files_rejected",
                      (long) r.rejected().size()));
      io.epiwatch.silver.TransformResult tr =
          stage(
              ctx,
              runId,
              2,
              "transform",
              List.of("bronze"),
              () -> TransformJob.run(ctx),
              r -> Map.of());
      MetricsJob.MetricsResult mr =
          stage(
              ctx,
              runId,
              3,
              "metrics",
              List.of("silver"),
              () -> MetricsJob.run(ctx, Optional.of(tr)),
              r -> Map.of());
      BriefJob.BriefResult br =
          stage(
              ctx,
              runId,
              4,
              "brief",
              List.of("gold"),
              () -> BriefJob.run(ctx, scope, lang, ctx.config().out()),
              r -> Map.of("pdfs", (long) r.outputs().size()));
      LOG.info(
          "run-daily {} for {} finished in {} s: {} file(s) ingested, silver {}, gold {}, briefing {}",
          runId,
          ctx.runDate(),
          Duration.between(start, Instant.now()).toSeconds(),
          in.files().size(),
          tr.changed() ? "rebuilt" : "unchanged",
          mr.changed() ? "updated" : "unchanged",
          br.outputs());
      br.outputs().forEach(System.out::println);
      System.out.flush();
      // A rejected file never stops the later stages: they ran on the good data; the exit code says
      // so.
      return Main.rejectedFiles("run-daily", in);
    }
  }

  private <T> T stage(
      JobContext ctx,
      String runId,
      int n,
      String name,
      List<String> reads,
      Supplier<T> work,
      Function<T, Map<String, Long>> counts) {
    return Stages.run(ctx, new Stages.Stage("run-daily", runId, n, 4, name, reads), work, counts);
  }
}
