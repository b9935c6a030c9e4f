package io.epiwatch.cli;

import io.epiwatch.bench.BenchJob;
import io.epiwatch.spark.JobContext;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * jobs/bench: per-stage timings of the daily job on generated data and the DuckDB peer's time per
 * gold metric beside ours, appended to docs/benchmarks.md; exit code 1 when the two disagree.
 */
@Command(name = "bench", mixinStandardHelpOptions = true,
    description = "Generate (or reuse) an inbox at a scale, run the daily job's stages, compute the same gold in DuckDB, "
        + "append timings and the comparison to docs/benchmarks.md (exit code 1 when DuckDB's gold differs from ours).")
final class BenchCommand extends SparkCommand {
  @picocli.CommandLine.Mixin GeneratorOptions gen;

  @Option(names = "--cache", defaultValue = "bench-cache", description = "Where generated inboxes are kept for reuse (default: ${DEFAULT-VALUE}).")
  Path cache;

  @Option(names = "--report", defaultValue = "docs/benchmarks.md", description = "The results file to append to (default: ${DEFAULT-VALUE}).")
  Path report;

  @Override
  protected int run(JobContext ctx) {
    BenchJob.BenchResult r = BenchJob.run(ctx, gen.scale, gen.days, gen.start, gen.seed, cache, report);
    r.stages().forEach(x -> System.out.printf("%-10s %8.1f s %10d rows%n", x.stage(), x.seconds(), x.rows()));
    for (var t : r.peer().tables()) {
      Double ours = r.oursPerMetric().get(t.table().substring(t.table().indexOf('.') + 1));
      System.out.printf("%-28s ours %6.2f s  DuckDB %7.3f s  %8d rows  %d mismatching%n", t.table(), ours == null ? Double.NaN : ours,
          t.secondsDuckDb(), t.rowsOurs(), t.mismatches());
    }
    if (r.peer().mismatches() > 0) {
      System.err.println("bench: DuckDB's gold differs from ours in " + r.peer().mismatches() + " row(s); examples in " + report);
      return 1;
    }
    return 0;
  }
}
