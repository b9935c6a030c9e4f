package io.epiwatch.brief;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.to_date;

import io.epiwatch.catalog.Tables;
import io.epiwatch.catalog.Warehouse;
import java.io.IOException;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The new case signals of a run date as a file for other systems ({@code signals-<D>.json}: a JSON
 * array, no names and no person keys), and the optional {@code epiwatch.notify.command} run with
 * that file's path when there is at least one. A notification that fails is logged and never fails
 * the job: the signals are in the warehouse and the briefing either way.
 */
public final class SignalNotice {
  private static final Logger LOG = LoggerFactory.getLogger(SignalNotice.class);

  /** How long the notify command may run before it is stopped. */
  static final long NOTIFY_TIMEOUT_SECONDS = 60;

  private SignalNotice() {}

  /** The new signals of D as a JSON array (one object per signal, newest first). */
  static String json(Warehouse wh, LocalDate d) {
    if (!wh.exists(Tables.GOLD_CASE_SIGNALS.id())) return "[]\n";
    Dataset<Row> fresh =
        wh.read(Tables.GOLD_CASE_SIGNALS.id())
            // new on D (docs/rules.md §4.7): dated D, or first seen on D; computed from the dates,
            // not the status column (which holds the latest run date's view)
            .filter(
                col("signal_date")
                    .leq(lit(Date.valueOf(d)))
                    .and(
                        col("signal_date")
                            .equalTo(lit(Date.valueOf(d)))
                            .or(to_date(col("first_seen_at")).equalTo(lit(Date.valueOf(d))))))
            .orderBy(col("signal_date").desc(), col("signal_id"))
            .select(
                "signal_id",
                "signal_type",
                "signal_date",
                "school_code",
                "org_name",
                "district_code",
                "person_type",
                "persons",
                "first_seen_at");
    List<String> rows = fresh.toJSON().collectAsList();
    return rows.isEmpty() ? "[]\n" : "[\n  " + String.join(",\n  ", rows) + "\n]\n";
  }

  /** The number of signals in a {@link #json} array. */
  static long count(String json) {
    return json.lines().filter(l -> l.stripLeading().startsWith("{")).count();
  }

  /**
   * Runs {@code command} through /bin/sh with the file path as its argument ($1). Returns the exit
   * code, empty when it could not be run or timed out; every failure is logged as a warning.
   */
  static Optional<Integer> notify(String command, String path) {
    ProcessBuilder pb =
        new ProcessBuilder("/bin/sh", "-c", command + " \"$1\"", "epiwatch-notify", path)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD);
    try {
      Process p = pb.start();
      if (!p.waitFor(NOTIFY_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        LOG.warn(
            "epiwatch.notify.command did not finish within {} s and was stopped: {} {}",
            NOTIFY_TIMEOUT_SECONDS,
            command,
            path);
        return Optional.empty();
      }
      int rc = p.exitValue();
      if (rc != 0) LOG.warn("epiwatch.notify.command exited with {}: {} {}", rc, command, path);
      else LOG.info("new case signals notified: {} {}", command, path);
      return Optional.of(rc);
    } catch (IOException e) {
      LOG.warn("epiwatch.notify.command could not be run: {} {}: {}", command, path, e.toString());
      return Optional.empty();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return Optional.empty();
    }
  }
}
