package io.epiwatch.bench;

import io.epiwatch.catalog.Warehouse;
import io.epiwatch.config.Policy;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.io.FileUtils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The peer a one-machine user would write instead of our pipeline: every morning, DuckDB recomputes
 * all gold tables from all extracts ({@link DuckDbSilver}: transcode to UTF-8, then silver.sql;
 * then gold.sql as in {@link DuckDbPeer}). Timed whole, from opening the database to the last gold
 * table; optionally compared row by row with a warehouse of ours for the same inbox and date.
 */
public final class DuckDbFullRecompute {
  private static final Logger LOG = LoggerFactory.getLogger(DuckDbFullRecompute.class);

  /**
   * @param steps seconds per step: prepare, the silver.sql sections, the gold.sql blocks
   */
  public record Result(
      LocalDate runDate,
      double seconds,
      Map<String, Double> steps,
      List<DuckDbPeer.TableComparison> comparison) {
    public long mismatches() {
      return comparison.stream().mapToLong(DuckDbPeer.TableComparison::mismatches).sum();
    }
  }

  private DuckDbFullRecompute() {}

  /**
   * Recomputes from {@code inbox} as of {@code runDate}; compares with {@code ours} when given
   * (else an empty comparison).
   */
  public static Result run(
      Path inbox, LocalDate runDate, Policy policy, Path scratch, Warehouse ours) {
    try {
      FileUtils.deleteDirectory(scratch.toFile());
      Files.createDirectories(scratch);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<String, Double> steps = new LinkedHashMap<>();
    long t0 = System.nanoTime();
    try (Connection c = DuckDbPeer.connect()) {
      DuckDbPeer.configure(c, scratch);
      DuckDbSilver.Result silver =
          DuckDbSilver.run(c, inbox, runDate, scratch.resolve("utf8"), policy);
      silver.steps().forEach(s -> steps.put("silver " + s.name(), s.seconds()));
      DuckDbPeer.computeGold(c, policy, runDate).forEach((k, v) -> steps.put("gold " + k, v));
      double seconds = (System.nanoTime() - t0) / 1e9;
      LOG.info(
          "duckdb full recompute of {} as of {}: {} s",
          inbox,
          runDate,
          String.format("%.1f", seconds));
      List<DuckDbPeer.TableComparison> cmp =
          ours == null ? List.of() : DuckDbPeer.compare(ours, c, runDate, Map.of());
      return new Result(runDate, seconds, steps, cmp);
    } catch (SQLException e) {
      throw new IllegalStateException(
          "DuckDB full recompute of " + inbox + ": " + e.getMessage(), e);
    }
  }
}
