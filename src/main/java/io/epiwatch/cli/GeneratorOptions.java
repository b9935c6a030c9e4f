package io.epiwatch.cli;

import java.time.LocalDate;
import picocli.CommandLine.Option;

/**
 * What a generated inbox is made of; shared by generate and the benchmark's main (src/bench), a
 * picocli mixin.
 */
public class GeneratorOptions {
  @Option(
      names = "--scale",
      defaultValue = "small",
      description =
          "small (~4,000 persons), city (1.05 M), province (28.7 M) or a number of persons (default: ${DEFAULT-VALUE}).")
  String scale;

  @Option(
      names = "--days",
      defaultValue = "35",
      description = "Days of daily data (default: ${DEFAULT-VALUE}).")
  int days;

  @Option(
      names = "--start",
      defaultValue = "2021-09-01",
      description = "First day (default: ${DEFAULT-VALUE}).")
  LocalDate start;

  @Option(
      names = "--seed",
      defaultValue = "20210901",
      description = "Random seed; the same seed gives the same bytes (default: ${DEFAULT-VALUE}).")
  long seed;

  public String scale() {
    return scale;
  }

  public int days() {
    return days;
  }

  public LocalDate start() {
    return start;
  }

  public long seed() {
    return seed;
  }
}
