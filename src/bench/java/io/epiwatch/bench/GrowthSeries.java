package io.epiwatch.bench;

import io.epiwatch.catalog.Warehouse;
import io.epiwatch.generate.GenerateJob;
import io.epiwatch.ops.JobRuns;
import io.epiwatch.spark.JobContext;
import io.epiwatch.testing.ChildJvm;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.io.FileUtils;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the cost of one more day grows with history: for each history of H days, a warehouse is
 * back-filled with days 1..H in one run-daily, then day H+1's daily files (reports and line list)
 * arrive and run-daily runs for H+1 in a new JVM, as cron would run it. Everything dated up to day
 * H is history: the single-file extracts (travel, vaccinations, contraindications) and snapshots go
 * into the back-fill, where their few rows dated H+1 are quarantined as FUTURE_DATE; day H+1 brings
 * only the two daily sources. (The generator also writes a file of corrections dated H+2; it is
 * left out.) Last, after the comparisons with DuckDB, run-daily runs for day H+2 with nothing new
 * in the inbox, again in a new JVM.
 */
public final class GrowthSeries {
  private static final Logger LOG = LoggerFactory.getLogger(GrowthSeries.class);
  static final List<String> DAILY_SOURCES = List.of("daily_reports", "absence_cases");

  /** One history length: the back-fill's wall time, day H+1's child run and its stages (s). */
  /**
   * @param peerMismatches rows where our incrementally updated gold differs from DuckDB's gold
   *     computed from the same silver (the incremental path checked against a full recompute)
   * @param duckDbFull DuckDB's full recompute of all H+1 days from the extracts
   * @param quietDay run-daily for day H+2 in a new JVM with no new file in the inbox (the day a
   *     school system sends nothing: the cost of finding that out and saying so)
   */
  public record Point(
      int history,
      LocalDate day,
      long rowsHistory,
      double backfillSeconds,
      ChildJvm.Measured dayRun,
      Map<String, Double> stageSeconds,
      long dayRows,
      long peerMismatches,
      DuckDbFullRecompute.Result duckDbFull,
      ChildJvm.Measured quietDay,
      Map<String, Double> quietStageSeconds) {}

  private GrowthSeries() {}

  static Point run(
      JobContext base,
      String scale,
      int history,
      LocalDate start,
      long seed,
      Path cache,
      Path conf) {
    int days = history + 1;
    Path data = cache.resolve(scale + "-" + days + "d-" + start + "-" + seed);
    Path full = data.resolve("inbox");
    if (!Files.isDirectory(full.resolve("daily_reports"))) {
      LOG.info("bench: generating {} x {} days into {}", scale, days, full);
      GenerateJob.run(scale, days, start, seed, full);
    }
    LocalDate last = start.plusDays(history - 1);
    LocalDate next = last.plusDays(1);
    Path run = data.resolve("growth");
    Path inbox = run.resolve("inbox");
    Path wh = run.resolve("warehouse");
    try {
      FileUtils.deleteDirectory(run.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<Path> dayFiles = new ArrayList<>();
    long historyRows = link(full, inbox, next, dayFiles);
    LOG.info("bench: history of {} day(s) to {}: back-filling {}", history, last, inbox);
    ChildJvm.Measured backfill =
        ChildJvm.runCliMeasured(
            run.resolve("backfill.log"),
            ChildJvm.thisJvmOptions(),
            args(conf, inbox, wh, run, last));
    check(backfill, "back-fill");
    long dayRows = 0;
    for (Path f : dayFiles) {
      Path target = inbox.resolve(full.relativize(f));
      link(f, target);
      dayRows += lines(f) - 1;
    }
    LOG.info(
        "bench: day {} ({} rows in {} files) after {} day(s) of history",
        next,
        dayRows,
        dayFiles.size(),
        history);
    ChildJvm.Measured day =
        ChildJvm.runCliMeasured(
            run.resolve("day.log"), ChildJvm.thisJvmOptions(), args(conf, inbox, wh, run, next));
    check(day, "day " + next);
    JobContext ctx =
        JobContext.of(
            base.config().withPaths(wh.toString(), inbox.toString(), run.resolve("out").toString()),
            base.spark(),
            next,
            base.clock());
    DuckDbPeer.PeerResult peer = DuckDbPeer.run(ctx, run.resolve("duckdb-peer"));
    LOG.info("bench: DuckDB full recompute of {} day(s) as of {}", days, next);
    DuckDbFullRecompute.Result duck =
        DuckDbFullRecompute.run(
            full, next, base.config().policy(), run.resolve("duckdb-full"), null);
    LocalDate quiet = next.plusDays(1);
    LOG.info("bench: day {} with no new file after day {}", quiet, next);
    ChildJvm.Measured quietDay =
        ChildJvm.runCliMeasured(
            run.resolve("quiet-day.log"),
            ChildJvm.thisJvmOptions(),
            args(conf, inbox, wh, run, quiet));
    check(quietDay, "day " + quiet + " (no new file)");
    return new Point(
        history,
        next,
        historyRows,
        backfill.seconds(),
        day,
        stageSeconds(base.spark(), wh.toString(), next),
        dayRows,
        peer.mismatches(),
        duck,
        quietDay,
        stageSeconds(base.spark(), wh.toString(), quiet));
  }

  /** run-daily's arguments, as absolute paths: the child runs in the project folder (ChildJvm). */
  private static String[] args(Path conf, Path inbox, Path wh, Path run, LocalDate date) {
    List<String> a =
        new ArrayList<>(
            List.of(
                "run-daily",
                "--inbox",
                inbox.toAbsolutePath().toString(),
                "--warehouse",
                wh.toAbsolutePath().toString(),
                "--out",
                run.resolve("out").toAbsolutePath().toString(),
                "--date",
                date.toString()));
    if (conf != null) a.addAll(List.of("--conf", conf.toAbsolutePath().toString()));
    return a.toArray(String[]::new);
  }

  private static void check(ChildJvm.Measured r, String what) {
    if (r.exitCode() != 0)
      throw new IllegalStateException(
          "bench: run-daily for " + what + " failed (exit " + r.exitCode() + "); log " + r.log());
  }

  /**
   * Hard-links every inbox file except the daily files of {@code next} (kept aside); returns the
   * rows linked.
   */
  private static long link(Path from, Path to, LocalDate next, List<Path> dayFiles) {
    long rows = 0;
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
        Path rel = from.relativize(f);
        if (rel.getName(0).toString().startsWith("_")) continue;
        if (DAILY_SOURCES.contains(rel.getName(0).toString())) {
          LocalDate fileDate = dateOf(f);
          if (fileDate != null && fileDate.equals(next)) dayFiles.add(f);
          if (fileDate != null && !fileDate.isBefore(next))
            continue; // day N+1's, or the generator's day N+2 corrections
        }
        link(f, to.resolve(rel));
        rows += lines(f) - 1;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return rows;
  }

  /** The yyyy-MM-dd in a daily file's name, or null. */
  private static LocalDate dateOf(Path f) {
    java.util.regex.Matcher m =
        java.util.regex.Pattern.compile("(\\d{4}-\\d{2}-\\d{2})")
            .matcher(f.getFileName().toString());
    return m.find() ? LocalDate.parse(m.group(1)) : null;
  }

  private static void link(Path f, Path target) {
    try {
      Files.createDirectories(target.getParent());
      try {
        Files.createLink(target, f);
      } catch (UnsupportedOperationException | IOException e) {
        Files.copy(f, target);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long lines(Path f) {
    try (Stream<String> s = Files.lines(f, java.nio.charset.StandardCharsets.ISO_8859_1)) {
      return s.count();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Stage durations of the run-daily for {@code date}, from ops.job_runs. */
  private static Map<String, Double> stageSeconds(
      SparkSession spark, String warehouse, LocalDate date) {
    Map<String, Double> s = new LinkedHashMap<>();
    List<Row> rows =
        new Warehouse(spark, warehouse)
            .read(JobRuns.ID)
            .filter("job = 'run-daily' AND status = 'succeeded' AND run_date = DATE'" + date + "'")
            .orderBy("started_at")
            .collectAsList();
    for (Row r : rows) s.put(r.getAs("stage"), ((Long) r.getAs("duration_ms")) / 1000.0);
    return s;
  }
}
