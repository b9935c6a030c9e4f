package io.epiwatch.gold;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.epiwatch.catalog.Tables;
import io.epiwatch.gold.DailyPlan.Held;
import io.epiwatch.gold.MetricsPlan.GoldState;
import io.epiwatch.silver.TransformResult;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** What a metrics run writes, decided without Spark from the watermark and what gold holds. */
class MetricsPlanTest {
  static final LocalDate D = LocalDate.of(2021, 10, 6);
  static final Map<String, Long> SEEN = Map.of("silver.daily_reports", 3L, "silver.schools", 1L);
  static final Map<String, Long> NEWER = Map.of("silver.daily_reports", 4L, "silver.schools", 1L);
  static final GoldState UP_TO_YESTERDAY =
      new GoldState(
          Optional.of(D.minusDays(1)), false, false, Held.through(D.minusDays(1), false), true);

  static MetricsPlan plan(Map<String, Long> current, GoldState gold) {
    return MetricsPlan.of(D, current, SEEN, Optional.empty(), gold, MetricsJob.AS_OF_INPUTS);
  }

  @Test
  void aDayWithoutDataStillWritesTheRunDate() {
    // No file arrived (silver unchanged) on a new day: D's daily rows and snapshots are written,
    // every expected school missing; a day without data is reported, not skipped.
    MetricsPlan p = plan(SEEN, UP_TO_YESTERDAY);
    assertFalse(p.writeNothing());
    assertEquals(new DailyPlan(false, new TreeSet<>(List.of(D))), p.daily());
    assertTrue(p.currentState());
    assertTrue(p.supersedeFrom().isEmpty(), "nothing changed: no snapshot superseded");
  }

  @Test
  void theSameDayAgainWithNothingNewWritesNothing() {
    MetricsPlan p =
        plan(SEEN, new GoldState(Optional.of(D), true, false, Held.through(D, true), true));
    assertTrue(p.writeNothing());
    assertTrue(p.daily().isEmpty());
    assertFalse(p.currentState());
  }

  @Test
  void aCurrentStateTableAddedByAnUpgradeIsComputedThoughNothingChanged() {
    MetricsPlan p =
        plan(SEEN, new GoldState(Optional.of(D), true, false, Held.through(D, true), false));
    assertFalse(p.writeNothing(), "gold.district_ears missing: the run must write it");
    assertTrue(p.currentState());
    assertTrue(p.daily().isEmpty(), "the daily rows of D are current");
  }

  @Test
  void supersededSnapshotsOfTheDayAreRecomputed() {
    MetricsPlan p =
        plan(SEEN, new GoldState(Optional.of(D), true, true, Held.through(D, true), true));
    assertFalse(p.writeNothing());
    assertTrue(p.daily().isEmpty(), "the daily rows of D are current");
  }

  @Test
  void aPastDayLeavesTheCurrentStateAlone() {
    MetricsPlan p =
        plan(
            NEWER,
            new GoldState(
                Optional.of(D.plusDays(3)), false, false, Held.through(D.plusDays(3), true), true));
    assertTrue(p.pastDay());
    assertFalse(p.currentState(), "alerts keep the state of the latest run date");
    assertTrue(p.daily().full(), "what changed is unknown: every date up to D");
    assertEquals(
        LocalDate.MIN,
        p.supersedeFrom().get(Tables.GOLD_RISK_EXPOSURE),
        "unknown changes: every other snapshot may be stale");
  }

  @Test
  void theFirstRunComputesEverything() {
    MetricsPlan p = plan(NEWER, GoldState.empty());
    assertTrue(p.daily().full());
    assertTrue(p.currentState());
    assertFalse(p.pastDay());
  }

  @Test
  void knownChangesRewriteTheirDatesAndSupersedeFromTheirEarliestDate() {
    TransformResult tr =
        new TransformResult(
            true,
            Map.of("silver.daily_reports", 4L),
            new TreeSet<>(List.of(D.minusDays(2))),
            Map.of("silver.travel_records", D.minusDays(9)),
            SEEN);
    MetricsPlan p =
        MetricsPlan.of(D, NEWER, SEEN, Optional.of(tr), UP_TO_YESTERDAY, MetricsJob.AS_OF_INPUTS);
    assertEquals(new DailyPlan(false, new TreeSet<>(List.of(D.minusDays(2), D))), p.daily());
    Map<String, LocalDate> byName = new java.util.TreeMap<>();
    p.supersedeFrom().forEach((t, from) -> byName.put(t.id().toString(), from));
    assertEquals(
        Map.of(
            "gold.risk_exposure",
            D.minusDays(9),
            "gold.exposure_by_area",
            D.minusDays(9),
            "gold.case_signals_daily",
            D.minusDays(9),
            "gold.return_deferrals",
            D.minusDays(9),
            "gold.return_deferral_persons",
            D.minusDays(9),
            "gold.campus_stays",
            D.minusDays(9)),
        byName,
        "the as-of tables computed from travel records");
  }
}
