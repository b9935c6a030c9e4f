package io.epiwatch.cli;

import io.epiwatch.bench.BenchJob;
import io.epiwatch.spark.JobContext;
import java.nio.file.Path;
import java.time.LocalDate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** jobs/bench: per-stage timings of the daily job on generated data, appended to docs/benchmarks.md. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Generate (or reuse) an inbox at a scale, run the daily job's stages, append timings to docs/benchmarks.md.")
final class BenchCommand extends SparkCommand {
  @Option(names = "--scale", defaultValue = "small", description = "small, city, province or a number of persons (default: ${DEFAULT-VALUE}).")
  String scale;

  @Option(names = "--days", defaultValue = "35", description = "Days of data (default: ${DEFAULT-VALUE}).")
  int days;

  @Option(names = "--start", defaultValue = "2021-09-01", description = "First day (default: ${DEFAULT-VALUE}).")
  LocalDate start;

  @Option(names = "--seed", defaultValue = "20210901", description = "Generator seed (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--cache", defaultValue = "bench-cache", description = "Where generated inboxes are kept for reuse (default: ${DEFAULT-VALUE}).")
  Path cache;

  @Option(names = "--report", defaultValue = "docs/benchmarks.md", description = "The results file to append to (default: ${DEFAULT-VALUE}).")
  Path report;

  @Override
  protected int run(JobContext ctx) {
    BenchJob.run(ctx, scale, days, start, seed, cache, report).forEach(r -> System.out.printf("%-10s %8.1f s %10d rows%n", r.stage(), r.seconds(), r.rows()));
    return 0;
  }
}
