package io.epiwatch.cli;

import io.epiwatch.generate.GenerateJob;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** jobs/generate: a synthetic inbox in the contract's formats (no Spark needed). */
@Command(name = "generate", mixinStandardHelpOptions = true,
    description = "Write a synthetic inbox (all eight sources) at small, city or province scale, or for N persons.")
final class GenerateCommand implements Callable<Integer> {
  @Option(names = "--scale", defaultValue = "small", description = "small (~4,000 persons), city (1.05 M), province (28.7 M) or a number of persons (default: ${DEFAULT-VALUE}).")
  String scale;

  @Option(names = "--days", defaultValue = "35", description = "Days of daily data (default: ${DEFAULT-VALUE}).")
  int days;

  @Option(names = "--start", defaultValue = "2021-09-01", description = "First day (default: ${DEFAULT-VALUE}).")
  LocalDate start;

  @Option(names = "--seed", defaultValue = "20210901", description = "Random seed; the same seed gives the same bytes (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--out", required = true, paramLabel = "DIR", description = "The inbox folder to write (one sub-folder per source).")
  Path out;

  @Override
  public Integer call() {
    GenerateJob.run(scale, days, start, seed, out);
    return 0;
  }
}
