package io.epiwatch.gold;

import io.epiwatch.catalog.Tables;
import io.epiwatch.silver.TransformResult;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * Which dates of the daily tables (compliance, attendance, absence by cause) a metrics run
 * rewrites: the whole table, or a set of report dates. The run date is among them whether or not
 * silver changed (a day without any new file still has every expected school missing on it), unless
 * nothing changed and its rows are already there. So are the days between the latest date the
 * tables hold and the run date: a day no run was dated and no file of which arrived (its schools
 * all missing) is computed by the next run, as a whole recompute would, and never left out of a
 * trend. Tables with a day missing between their first and latest date (left by an earlier build)
 * are recomputed whole.
 *
 * @param full recompute every date up to the run date
 * @param dates the report dates to rewrite when not full: the run date and the days after the
 *     latest computed date, unless silver is unchanged and the run date was computed before (then
 *     none), plus the earlier dates silver rebuilt
 */
public record DailyPlan(boolean full, SortedSet<LocalDate> dates) {

  /** Nothing to rewrite. */
  public boolean isEmpty() {
    return !full && dates.isEmpty();
  }

  /**
   * What the daily tables hold before the run.
   *
   * @param exist every daily table exists
   * @param runDate they hold rows of the run date
   * @param through the latest report date they hold, empty when none
   * @param gaps some day between their first and latest date has no row (left by a build before the
   *     days up to the run date were computed): the whole table is recomputed once
   */
  public record Held(boolean exist, boolean runDate, Optional<LocalDate> through, boolean gaps) {

    /** No daily table yet. */
    public static Held none() {
      return new Held(false, false, Optional.empty(), false);
    }

    /** Every table there, holding every day up to {@code through}. */
    public static Held through(LocalDate through, boolean runDate) {
      return new Held(true, runDate, Optional.of(through), false);
    }
  }

  /**
   * @param runDate the run date D
   * @param silverChanged silver's versions differ from the metrics watermark
   * @param seen the metrics watermark: silver versions gold last computed from
   * @param changes the transform stage's result (run-daily), empty when unknown (jobs/metrics)
   * @param held what the daily tables hold
   */
  public static DailyPlan of(
      LocalDate runDate,
      boolean silverChanged,
      Map<String, Long> seen,
      Optional<TransformResult> changes,
      Held held) {
    SortedSet<LocalDate> dates = new TreeSet<>();
    dates.add(runDate);
    if (!held.exist() || held.gaps()) return new DailyPlan(true, dates);
    held.through()
        .filter(latest -> latest.isBefore(runDate))
        .ifPresent(latest -> latest.plusDays(1).datesUntil(runDate).forEach(dates::add));
    // Nothing new and the date already computed (a past day, or the same day, run again): its
    // rows would come out the same, so nothing is rewritten.
    if (!silverChanged && held.runDate()) return new DailyPlan(false, new TreeSet<>());
    if (!silverChanged) return new DailyPlan(false, dates);
    // Only the rebuilt dates when this stage saw all of silver before the transform ran; after
    // a gold stage that crashed, silver moved past our watermark unseen: recompute whole. A
    // change of the schools dimension reaches every date's roll-up: whole too.
    boolean known =
        changes.isPresent()
            && seen.equals(changes.get().silverBefore())
            && !changes.get().versions().containsKey(Tables.SILVER_SCHOOLS.id().toString());
    if (!known) return new DailyPlan(true, dates);
    changes.get().reportDates().stream().filter(x -> !x.isAfter(runDate)).forEach(dates::add);
    return new DailyPlan(false, dates);
  }
}
