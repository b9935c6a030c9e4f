package io.epiwatch.bench;

import io.epiwatch.cli.GeneratorOptions;
import io.epiwatch.cli.Main;
import io.epiwatch.cli.SparkCommand;
import io.epiwatch.spark.JobContext;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * jobs/bench: per-stage timings of the daily job on generated data and the DuckDB peer's time per
 * gold metric beside ours, appended to docs/benchmarks.md; exit code 1 when the two disagree. Its
 * own main, outside the product CLI (io.epiwatch.cli.Main): it needs the DuckDB driver and the test
 * helpers, which only the bench/test classpath has (docs/decisions.md, "Module layout").
 */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    version = "epiwatch bench 0.1.0",
    description =
        "Generate (or reuse) an inbox at a scale, run the daily job's stages, compute the same gold in DuckDB, then"
            + " day N+1 after histories of --growth days; append timings and the comparison to docs/benchmarks.md"
            + " (exit code 1 when DuckDB's gold differs from ours).")
public final class BenchMain extends SparkCommand {
  @Mixin GeneratorOptions gen;

  @Option(
      names = "--cache",
      defaultValue = "bench-cache",
      description = "Where generated inboxes are kept for reuse (default: ${DEFAULT-VALUE}).")
  Path cache;

  @Option(
      names = "--report",
      defaultValue = "docs/benchmarks.md",
      description = "The results file to append to (default: ${DEFAULT-VALUE}).")
  Path report;

  @Option(
      names = "--growth",
      defaultValue = "1,30,180",
      split = ",",
      description =
          "Histories (days) after which day N+1 is run in a new JVM, or 'none' (default: ${DEFAULT-VALUE}).")
  List<String> growth;

  public static void main(String[] args) {
    System.exit(Main.commandLine(new BenchMain()).execute(args));
  }

  @Override
  protected int run(JobContext ctx) {
    List<Integer> histories =
        growth.contains("none") ? List.of() : growth.stream().map(Integer::parseInt).toList();
    BenchJob.BenchResult r =
        BenchJob.run(
            ctx,
            new BenchJob.Plan(
                gen.scale(), gen.days(), gen.start(), gen.seed(), histories, common.confFile()),
            cache,
            report);
    r.stages()
        .forEach(
            x -> System.out.printf("%-10s %8.1f s %10d rows%n", x.stage(), x.seconds(), x.rows()));
    for (var t : r.peer().tables()) {
      Double ours = r.oursPerMetric().get(t.table().substring(t.table().indexOf('.') + 1));
      System.out.printf(
          "%-28s ours %6.2f s  DuckDB %7.3f s  %8d rows  %d mismatching%n",
          t.table(),
          ours == null ? Double.NaN : ours,
          t.secondsDuckDb(),
          t.rowsOurs(),
          t.mismatches());
    }
    r.growth()
        .forEach(
            g ->
                System.out.printf(
                    "day %s after %d day(s): %.1f s (back-fill %.1f s)%n",
                    g.day(), g.history(), g.dayRun().seconds(), g.backfillSeconds()));
    if (r.peer().mismatches() > 0) {
      System.err.println(
          "bench: DuckDB's gold differs from ours in "
              + r.peer().mismatches()
              + " row(s); examples in "
              + report);
      return 1;
    }
    return 0;
  }
}
