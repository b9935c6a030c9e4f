package io.epiwatch.gold;

import io.epiwatch.catalog.TableSpec;
import io.epiwatch.silver.TransformResult;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What one metrics run for run date D writes, decided from facts alone (no Spark): the watermark,
 * the transform stage's result and what gold already holds ({@link GoldState}). {@link MetricsJob}
 * reads those facts, asks for the plan and carries it out.
 *
 * @param runDate the run date D
 * @param silverChanged silver's versions differ from the metrics watermark
 * @param writeNothing silver unchanged, D's as-of snapshots already computed and current, and every
 *     current-state table there: the run writes nothing, not even the watermark
 * @param daily the dates of the daily tables to rewrite
 * @param pastDay D is before the latest run date gold holds (a past day run again)
 * @param latestRun that latest run date, empty before the first run
 * @param currentState recompute the tables that hold the state on the latest run date (cluster
 *     alerts): every run except a past day's
 * @param supersedeFrom per as-of table, the earliest as_of other than D whose snapshot this run's
 *     silver changes may alter (to be marked superseded); absent when none may
 */
public record MetricsPlan(
    LocalDate runDate,
    boolean silverChanged,
    boolean writeNothing,
    DailyPlan daily,
    boolean pastDay,
    Optional<LocalDate> latestRun,
    boolean currentState,
    Map<TableSpec, LocalDate> supersedeFrom) {

  /**
   * What gold holds before the run.
   *
   * @param latestRun the latest as_of of the as-of tables (the latest run date computed)
   * @param asOfPresent the as-of tables hold D
   * @param asOfSuperseded some of D's as-of snapshots are marked superseded by later data
   * @param daily what the daily tables hold
   * @param currentStateTablesExist every table of the current state (cluster alerts, their cases,
   *     district EARS) exists; one added by an upgrade is missing until a run computes it
   */
  public record GoldState(
      Optional<LocalDate> latestRun,
      boolean asOfPresent,
      boolean asOfSuperseded,
      DailyPlan.Held daily,
      boolean currentStateTablesExist) {

    /** An empty warehouse: nothing computed yet. */
    public static GoldState empty() {
      return new GoldState(Optional.empty(), false, false, DailyPlan.Held.none(), false);
    }
  }

  /**
   * @param d the run date
   * @param current silver's versions now
   * @param seen the metrics watermark: silver versions gold last computed from
   * @param changes the transform stage's result (run-daily), empty when unknown (jobs/metrics)
   * @param gold what gold holds
   * @param asOfInputs the as-of tables and the silver tables their snapshots are computed from
   */
  public static MetricsPlan of(
      LocalDate d,
      Map<String, Long> current,
      Map<String, Long> seen,
      Optional<TransformResult> changes,
      GoldState gold,
      Map<TableSpec, List<TableSpec>> asOfInputs) {
    boolean silverChanged = !current.equals(seen);
    boolean pastDay = gold.latestRun().map(d::isBefore).orElse(false);
    boolean writeNothing =
        !silverChanged
            && gold.asOfPresent()
            && !gold.asOfSuperseded()
            && gold.currentStateTablesExist();
    DailyPlan daily =
        writeNothing
            ? DailyPlan.of(d, false, seen, changes, DailyPlan.Held.through(d, true))
            : DailyPlan.of(d, silverChanged, seen, changes, gold.daily());
    Map<TableSpec, LocalDate> supersede = new LinkedHashMap<>();
    if (!writeNothing) {
      asOfInputs.forEach(
          (table, inputs) ->
              supersededFrom(inputs, silverChanged, seen, changes)
                  .ifPresent(from -> supersede.put(table, from)));
    }
    return new MetricsPlan(
        d,
        silverChanged,
        writeNothing,
        daily,
        pastDay,
        gold.latestRun(),
        !writeNothing && !pastDay,
        supersede);
  }

  /**
   * The earliest as_of whose snapshot the silver changes seen by this run may alter (its inputs'
   * affectedFrom), empty when none may. When what changed is unknown (jobs/metrics on its own, or
   * after a metrics stage that crashed) every other snapshot may be: LocalDate.MIN.
   */
  static Optional<LocalDate> supersededFrom(
      List<TableSpec> inputs,
      boolean silverChanged,
      Map<String, Long> seen,
      Optional<TransformResult> changes) {
    if (!silverChanged) return Optional.empty();
    if (changes.isEmpty() || !seen.equals(changes.get().silverBefore()))
      return Optional.of(LocalDate.MIN);
    return inputs.stream()
        .map(t -> changes.get().affectedFrom().get(t.id().toString()))
        .filter(Objects::nonNull)
        .min(LocalDate::compareTo);
  }
}
