package io.epiwatch.cli;

import io.epiwatch.spark.JobContext;
import picocli.CommandLine.Command;

/** Placeholder until the stage lands: fails loudly rather than pretending to work. */
@Command(name = "transform", mixinStandardHelpOptions = true, description = "(not built yet)")
final class TransformCommand extends SparkCommand {
  @Override
  protected int run(JobContext ctx) {
    throw new UnsupportedOperationException("transform: not built yet");
  }
}
