package io.epiwatch.common;

import java.time.LocalDate;

/**
 * The periods of gold.safety_incidents_summary as of a run date D (docs/rules.md §4.9), both ends
 * inclusive: the year to date [Jan 1 of D's year, D]; the last 30 days [D - 29, D]; and the same
 * period last year [Jan 1 of the year before, D one year earlier], where a D of Feb 29 maps to Feb
 * 28 ({@link LocalDate#minusYears}).
 */
public enum IncidentPeriod implements Coded {
  YTD,
  LAST_30D,
  SAME_PERIOD_LAST_YEAR;

  /** The first day of the period as of D. */
  public LocalDate from(LocalDate d) {
    return switch (this) {
      case YTD -> d.withDayOfYear(1);
      case LAST_30D -> d.minusDays(29);
      case SAME_PERIOD_LAST_YEAR -> d.minusYears(1).withDayOfYear(1);
    };
  }

  /** The last day of the period as of D. */
  public LocalDate to(LocalDate d) {
    return this == SAME_PERIOD_LAST_YEAR ? d.minusYears(1) : d;
  }

  /** True when an incident dated {@code date} falls in the period as of D. */
  public boolean contains(LocalDate d, LocalDate date) {
    return !date.isBefore(from(d)) && !date.isAfter(to(d));
  }

  public static IncidentPeriod of(String code) {
    return Coded.of(IncidentPeriod.class, code);
  }
}
