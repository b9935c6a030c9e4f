package io.epiwatch.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;

/** The periods of gold.safety_incidents_summary at their boundaries (no Spark). */
class IncidentPeriodTest {
  private static final LocalDate D = LocalDate.of(2021, 10, 5);

  @Test
  void yearToDateStartsOnJanuaryFirstIncluded() {
    assertEquals(LocalDate.of(2021, 1, 1), IncidentPeriod.YTD.from(D));
    assertEquals(D, IncidentPeriod.YTD.to(D));
    assertTrue(IncidentPeriod.YTD.contains(D, LocalDate.of(2021, 1, 1)));
    assertFalse(IncidentPeriod.YTD.contains(D, LocalDate.of(2020, 12, 31)));
    assertTrue(IncidentPeriod.YTD.contains(D, D));
    assertFalse(IncidentPeriod.YTD.contains(D, D.plusDays(1)));
    // D = Jan 1: the period is that one day
    LocalDate jan1 = LocalDate.of(2022, 1, 1);
    assertEquals(jan1, IncidentPeriod.YTD.from(jan1));
  }

  @Test
  void lastThirtyDaysAreDMinus29ToD() {
    assertEquals(D.minusDays(29), IncidentPeriod.LAST_30D.from(D));
    assertTrue(IncidentPeriod.LAST_30D.contains(D, D.minusDays(29)));
    assertFalse(IncidentPeriod.LAST_30D.contains(D, D.minusDays(30)));
    assertTrue(IncidentPeriod.LAST_30D.contains(D, D));
  }

  @Test
  void samePeriodLastYearRunsFromTheYearBeforesJanuaryFirstToDOneYearEarlier() {
    assertEquals(LocalDate.of(2020, 1, 1), IncidentPeriod.SAME_PERIOD_LAST_YEAR.from(D));
    assertEquals(LocalDate.of(2020, 10, 5), IncidentPeriod.SAME_PERIOD_LAST_YEAR.to(D));
    assertTrue(IncidentPeriod.SAME_PERIOD_LAST_YEAR.contains(D, LocalDate.of(2020, 10, 5)));
    assertFalse(IncidentPeriod.SAME_PERIOD_LAST_YEAR.contains(D, LocalDate.of(2020, 10, 6)));
    assertFalse(IncidentPeriod.SAME_PERIOD_LAST_YEAR.contains(D, LocalDate.of(2019, 12, 31)));
  }

  @Test
  void february29MapsToFebruary28OfTheYearBefore() {
    LocalDate leap = LocalDate.of(2024, 2, 29);
    assertEquals(LocalDate.of(2023, 2, 28), IncidentPeriod.SAME_PERIOD_LAST_YEAR.to(leap));
    assertEquals(LocalDate.of(2023, 1, 1), IncidentPeriod.SAME_PERIOD_LAST_YEAR.from(leap));
    // the year after a leap year: Feb 28 of the leap year ends the period, Feb 29 is after it
    LocalDate after = LocalDate.of(2025, 2, 28);
    assertEquals(LocalDate.of(2024, 2, 28), IncidentPeriod.SAME_PERIOD_LAST_YEAR.to(after));
    assertFalse(IncidentPeriod.SAME_PERIOD_LAST_YEAR.contains(after, LocalDate.of(2024, 2, 29)));
  }
}
