package io.epiwatch.gold;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.epiwatch.catalog.TableSpec;
import io.epiwatch.catalog.Tables;
import io.epiwatch.catalog.Warehouse;
import io.epiwatch.testing.SparkExtension;
import io.epiwatch.testing.SparkTest;
import java.time.LocalDate;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * The latest run date the metrics job reads from gold (whether D is a past day): a day on which
 * nobody was exposed leaves no gold.risk_exposure rows, and must still count as run.
 */
@SparkTest
class LatestRunDateTest {

  @Test
  void aDayWithoutExposedPersonsIsStillTheLatestRun(SparkSession spark) {
    Warehouse wh = new Warehouse(spark, SparkExtension.newFolder("latest-run").toString());
    assertNull(MetricsJob.latestAsOf(wh), "before the first run");

    asOfDates(spark, wh, Tables.GOLD_RISK_EXPOSURE, "2021-09-02");
    assertEquals(
        LocalDate.of(2021, 9, 2),
        MetricsJob.latestAsOf(wh),
        "a warehouse written before case_signals_daily: risk exposure's latest as_of");

    // later days without exposed persons: rows for every school in case_signals_daily only
    asOfDates(spark, wh, Tables.GOLD_CASE_SIGNALS_DAILY, "2021-09-02', DATE'2021-09-04");
    assertEquals(LocalDate.of(2021, 9, 4), MetricsJob.latestAsOf(wh));
  }

  /** A stand-in table holding only the as_of column, with the given dates (SQL list). */
  private static void asOfDates(SparkSession spark, Warehouse wh, TableSpec t, String dates) {
    spark
        .sql("SELECT explode(array(DATE'" + dates + "')) AS as_of")
        .write()
        .format("delta")
        .mode("overwrite")
        .save(wh.path(t.id()));
  }
}
