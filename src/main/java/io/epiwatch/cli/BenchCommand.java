package io.epiwatch.cli;

import io.epiwatch.bench.BenchJob;
import io.epiwatch.spark.JobContext;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** jobs/bench: per-stage timings of the daily job on generated data, appended to docs/benchmarks.md. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Generate (or reuse) an inbox at a scale, run the daily job's stages, append timings to docs/benchmarks.md.")
final class BenchCommand extends SparkCommand {
  @picocli.CommandLine.Mixin GeneratorOptions gen;

  @Option(names = "--cache", defaultValue = "bench-cache", description = "Where generated inboxes are kept for reuse (default: ${DEFAULT-VALUE}).")
  Path cache;

  @Option(names = "--report", defaultValue = "docs/benchmarks.md", description = "The results file to append to (default: ${DEFAULT-VALUE}).")
  Path report;

  @Override
  protected int run(JobContext ctx) {
    BenchJob.run(ctx, gen.scale, gen.days, gen.start, gen.seed, cache, report).forEach(r -> System.out.printf("%-10s %8.1f s %10d rows%n", r.stage(), r.seconds(), r.rows()));
    return 0;
  }
}
