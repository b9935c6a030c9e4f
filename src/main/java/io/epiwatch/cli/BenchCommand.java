package io.epiwatch.cli;

import io.epiwatch.bench.BenchJob;
import io.epiwatch.spark.JobContext;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** jobs/bench: per-stage timings of the daily job on generated data, appended to docs/benchmarks.md. */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Generate (or reuse) an inbox at a scale, run the daily job's stages, then day N+1 after histories of"
        + " --growth days; append timings to docs/benchmarks.md.")
final class BenchCommand extends SparkCommand {
  @picocli.CommandLine.Mixin GeneratorOptions gen;

  @Option(names = "--cache", defaultValue = "bench-cache", description = "Where generated inboxes are kept for reuse (default: ${DEFAULT-VALUE}).")
  Path cache;

  @Option(names = "--report", defaultValue = "docs/benchmarks.md", description = "The results file to append to (default: ${DEFAULT-VALUE}).")
  Path report;

  @Option(names = "--growth", defaultValue = "1,30,180", split = ",",
      description = "Histories (days) after which day N+1 is run in a new JVM, or 'none' (default: ${DEFAULT-VALUE}).")
  List<String> growth;

  @Override
  protected int run(JobContext ctx) {
    List<Integer> histories = growth.contains("none") ? List.of() : growth.stream().map(Integer::parseInt).toList();
    BenchJob.run(ctx, new BenchJob.Plan(gen.scale, gen.days, gen.start, gen.seed, histories, common.conf), cache, report);
    return 0;
  }
}
