package io.epiwatch.cli;

import io.epiwatch.gold.MetricsJob;
import io.epiwatch.spark.JobContext;
import picocli.CommandLine.Command;

/** jobs/metrics: silver -> gold for the run date. */
@Command(name = "metrics", mixinStandardHelpOptions = true,
    description = "Compute the gold metrics for --date (compliance, attendance, causes, alerts, coverage, campaigns, risk exposure).")
final class MetricsCommand extends SparkCommand {
  @Override
  protected int run(JobContext ctx) {
    MetricsJob.MetricsResult r = MetricsJob.run(ctx);
    System.err.println(r.changed() ? "metrics: gold written " + r.goldVersions() : "metrics: nothing new");
    return 0;
  }
}
