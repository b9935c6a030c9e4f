package io.epiwatch.gold;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.epiwatch.catalog.Tables;
import io.epiwatch.gold.DailyPlan.Held;
import io.epiwatch.silver.TransformResult;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * What a metrics run rewrites (no Spark): the run date always; earlier snapshots marked superseded.
 */
class DailyPlanTest {
  static final LocalDate D = LocalDate.of(2021, 10, 6);
  static final Map<String, Long> SEEN = Map.of("silver.daily_reports", 3L, "silver.schools", 1L);

  @Test
  void aDayWithoutNewFilesStillComputesTheRunDate() {
    // silver unchanged (no file arrived): D alone, incrementally
    DailyPlan p =
        DailyPlan.of(
            D,
            false,
            SEEN,
            Optional.of(TransformResult.unchanged(SEEN)),
            new Held(true, false, Optional.empty(), false));
    assertEquals(new DailyPlan(false, new TreeSet<>(List.of(D))), p);
    // jobs/metrics on its own, silver unchanged: the same
    assertEquals(
        new DailyPlan(false, new TreeSet<>(List.of(D))),
        DailyPlan.of(
            D, false, SEEN, Optional.empty(), new Held(true, false, Optional.empty(), false)));
  }

  @Test
  void aDayAlreadyComputedWithNothingNewRewritesNothing() {
    // a past day (or the same day) run again, silver unchanged: its rows would come out the same
    DailyPlan p =
        DailyPlan.of(
            D,
            false,
            SEEN,
            Optional.of(TransformResult.unchanged(SEEN)),
            new Held(true, true, Optional.empty(), false));
    assertEquals(true, p.isEmpty());
    // silver changed: the run date is rewritten even though it was computed before
    TransformResult tr =
        new TransformResult(
            true, Map.of("silver.daily_reports", 4L), new TreeSet<>(), Map.of(), SEEN);
    assertEquals(
        new DailyPlan(false, new TreeSet<>(List.of(D))),
        DailyPlan.of(
            D, true, SEEN, Optional.of(tr), new Held(true, true, Optional.empty(), false)));
  }

  @Test
  void rebuiltDatesAndTheRunDateOrTheWholeTableWhenWhatChangedIsUnknown() {
    TransformResult tr =
        new TransformResult(
            true,
            Map.of("silver.daily_reports", 4L),
            new TreeSet<>(List.of(D.minusDays(5), D.plusDays(1))),
            Map.of(),
            SEEN);
    assertEquals(
        new DailyPlan(false, new TreeSet<>(List.of(D.minusDays(5), D))),
        DailyPlan.of(
            D, true, SEEN, Optional.of(tr), new Held(true, false, Optional.empty(), false)));
    assertEquals(
        true,
        DailyPlan.of(
                D, true, SEEN, Optional.empty(), new Held(true, false, Optional.empty(), false))
            .full(),
        "jobs/metrics: unknown changes");
    assertEquals(
        true,
        DailyPlan.of(
                D, true, Map.of(), Optional.of(tr), new Held(true, false, Optional.empty(), false))
            .full(),
        "after a crashed metrics stage");
    TransformResult schools =
        new TransformResult(
            true,
            Map.of(Tables.SILVER_SCHOOLS.id().toString(), 2L),
            new TreeSet<>(),
            Map.of(),
            SEEN);
    assertEquals(
        true,
        DailyPlan.of(
                D, true, SEEN, Optional.of(schools), new Held(true, false, Optional.empty(), false))
            .full(),
        "the schools reach every date");
    assertEquals(
        true,
        DailyPlan.of(
                D, false, SEEN, Optional.empty(), new Held(false, false, Optional.empty(), false))
            .full(),
        "first run");
  }

  @Test
  void theDaysBetweenTheLatestComputedDateAndTheRunDateAreComputedToo() {
    // The run of 10-04 loaded the files of 10-05 too (their dates after the run date were left);
    // the run of 10-06 sees silver unchanged since: 10-05 is computed with 10-06, as a whole
    // recompute would, not left out of the trend.
    Optional<LocalDate> through = Optional.of(D.minusDays(2));
    assertEquals(
        new DailyPlan(false, new TreeSet<>(List.of(D.minusDays(1), D))),
        DailyPlan.of(
            D,
            false,
            SEEN,
            Optional.of(TransformResult.unchanged(SEEN)),
            new Held(true, false, through, false)));
    // cron skipped two days and files arrived for D and an earlier rebuilt date
    TransformResult tr =
        new TransformResult(
            true,
            Map.of("silver.daily_reports", 4L),
            new TreeSet<>(List.of(D.minusDays(9), D)),
            Map.of(),
            SEEN);
    assertEquals(
        new DailyPlan(
            false, new TreeSet<>(List.of(D.minusDays(9), D.minusDays(2), D.minusDays(1), D))),
        DailyPlan.of(
            D,
            true,
            SEEN,
            Optional.of(tr),
            new Held(true, false, Optional.of(D.minusDays(3)), false)));
    // a day missing between the first and latest date (left by an earlier build): whole, once
    assertEquals(
        true,
        DailyPlan.of(D, false, SEEN, Optional.empty(), new Held(true, false, through, true))
            .full());
    // a past day: nothing after it is added
    assertEquals(
        new DailyPlan(false, new TreeSet<>(List.of(D))),
        DailyPlan.of(
            D,
            false,
            SEEN,
            Optional.empty(),
            new Held(true, false, Optional.of(D.plusDays(4)), false)));
  }

  @Test
  void asOfSnapshotsSupersededFromTheEarliestDateTheirInputsChanged() {
    List<io.epiwatch.catalog.TableSpec> risk =
        MetricsJob.AS_OF_INPUTS.get(Tables.GOLD_RISK_EXPOSURE);
    TransformResult tr =
        new TransformResult(
            true,
            Map.of(),
            new TreeSet<>(),
            Map.of(
                "silver.travel_records",
                D.minusDays(9),
                "silver.risk_areas",
                D.minusDays(3),
                "silver.vaccinations",
                D.minusDays(20)),
            SEEN);
    assertEquals(
        Optional.of(D.minusDays(9)), MetricsPlan.supersededFrom(risk, true, SEEN, Optional.of(tr)));
    assertEquals(
        Optional.of(D.minusDays(20)),
        MetricsPlan.supersededFrom(
            MetricsJob.AS_OF_INPUTS.get(Tables.GOLD_VACCINATION_COVERAGE),
            true,
            SEEN,
            Optional.of(tr)));
    assertEquals(
        Optional.empty(),
        MetricsPlan.supersededFrom(risk, false, SEEN, Optional.of(tr)),
        "silver unchanged");
    assertEquals(
        Optional.of(LocalDate.MIN),
        MetricsPlan.supersededFrom(risk, true, SEEN, Optional.empty()),
        "unknown: every snapshot");
  }
}
