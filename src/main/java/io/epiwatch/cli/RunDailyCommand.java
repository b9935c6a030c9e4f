package io.epiwatch.cli;

import io.epiwatch.spark.JobContext;
import picocli.CommandLine.Command;

/** Placeholder until the stage lands: fails loudly rather than pretending to work. */
@Command(name = "run-daily", mixinStandardHelpOptions = true, description = "(not built yet)")
final class RunDailyCommand extends SparkCommand {
  @Override
  protected int run(JobContext ctx) {
    throw new UnsupportedOperationException("run-daily: not built yet");
  }
}
