package io.epiwatch.generate;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Parses the scale, runs the generator and reports its throughput. */
public final class GenerateJob {
  private static final Logger LOG = LoggerFactory.getLogger(GenerateJob.class);

  private GenerateJob() {}

  public static long persons(String scale) {
    return switch (scale) {
      case "small" -> 4_000L;
      case "city" -> 1_050_000L;
      case "province" -> 28_700_000L;
      default -> {
        try {
          yield Long.parseLong(scale);
        } catch (NumberFormatException e) {
          throw new IllegalArgumentException(
              "--scale " + scale + ": expected small, city, province or a number of persons");
        }
      }
    };
  }

  public static Map<String, long[]> run(
      String scale, int days, LocalDate start, long seed, Path out) {
    long t0 = System.nanoTime();
    Map<String, long[]> summary =
        new Generator(new Generator.Params(persons(scale), days, start, seed, out)).run();
    double secs = (System.nanoTime() - t0) / 1e9;
    long rows = summary.values().stream().mapToLong(v -> v[1]).sum();
    long bytes = summary.values().stream().mapToLong(v -> v[2]).sum();
    LOG.info(
        "generated {} rows, {} MB in {} s ({} rows/s, {} MB/s) into {}",
        rows,
        String.format("%.1f", bytes / 1e6),
        String.format("%.1f", secs),
        String.format("%.0f", rows / secs),
        String.format("%.1f", bytes / 1e6 / secs),
        out);
    return summary;
  }
}
