package io.epiwatch.cli;

import io.epiwatch.silver.TransformJob;
import io.epiwatch.spark.JobContext;
import picocli.CommandLine.Command;

/** jobs/transform: bronze -> silver and ops.data_quality. */
@Command(name = "transform", mixinStandardHelpOptions = true,
    description = "Build the silver tables and ops.data_quality from bronze (nothing is written when bronze has nothing new).")
final class TransformCommand extends SparkCommand {
  @Override
  protected int run(JobContext ctx) {
    TransformJob.TransformResult r = TransformJob.run(ctx);
    System.err.println(r.changed() ? "transform: silver rebuilt " + r.silverVersions() : "transform: nothing new");
    return 0;
  }
}
