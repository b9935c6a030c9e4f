package io.epiwatch.cli;

import io.epiwatch.gold.MetricsJob;
import io.epiwatch.ops.Stages;
import io.epiwatch.spark.JobContext;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;

/** jobs/metrics: silver -> gold for the run date. */
@Command(
    name = "metrics",
    mixinStandardHelpOptions = true,
    description =
        "Compute the gold metrics for --date (compliance, attendance, causes, alerts, coverage, campaigns, risk exposure).")
final class MetricsCommand extends SparkCommand {
  @Override
  protected int run(JobContext ctx) {
    MetricsJob.MetricsResult r =
        Stages.single(ctx, "metrics", List.of("silver"), () -> MetricsJob.run(ctx), x -> Map.of());
    System.err.println(
        r.changed() ? "metrics: gold written " + r.goldVersions() : "metrics: nothing new");
    return 0;
  }
}
