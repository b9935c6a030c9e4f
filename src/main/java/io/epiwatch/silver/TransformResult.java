package io.epiwatch.silver;

import java.time.LocalDate;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;

/**
 * What one transform run changed, so the gold stage can recompute only what it must.
 *
 * @param changed false when no bronze table had anything new: nothing was written at all
 * @param versions Delta version written per table (silver.*, ops.data_quality), only the tables
 *     this run wrote
 * @param reportDates report dates whose silver.daily_reports / silver.absence_cases rows (and their
 *     data-quality flags) were rebuilt: compliance, attendance, causes and cluster alerts of these
 *     dates (and the alert windows they fall in) need recomputing
 * @param affectedFrom per silver table written, the earliest business date whose "as of" answer may
 *     differ (schools/roster: as_of of the new snapshots; daily_reports/absence_cases: report_date;
 *     travel_records: departure_date; risk_areas: effective_from; vaccinations: vaccination_date;
 *     contraindications: date of recorded_at; old and new values of corrected rows both count).
 *     Gold recomputes as-of metrics for dates on or after it.
 * @param silverBefore the version of every silver table when this run started (-1 = absent): the
 *     gold stage may recompute only {@code reportDates} when its own watermark equals these, that
 *     is when it has seen everything silver held before this run (not after a crashed gold stage)
 */
public record TransformResult(
    boolean changed,
    Map<String, Long> versions,
    SortedSet<LocalDate> reportDates,
    Map<String, LocalDate> affectedFrom,
    Map<String, Long> silverBefore) {

  public static TransformResult unchanged(Map<String, Long> silverVersions) {
    return new TransformResult(false, Map.of(), new TreeSet<>(), Map.of(), silverVersions);
  }

  /** Earliest date any silver table changed from (null when nothing changed). */
  public LocalDate earliestAffected() {
    return affectedFrom.values().stream().min(LocalDate::compareTo).orElse(null);
  }
}
