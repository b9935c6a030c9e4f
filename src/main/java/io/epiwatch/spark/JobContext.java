package io.epiwatch.spark;

import io.epiwatch.catalog.Warehouse;
import io.epiwatch.config.AppConfig;
import java.time.Clock;
import java.time.LocalDate;
import org.apache.spark.sql.SparkSession;

/**
 * What every stage receives: configuration, the session, the warehouse, the run date and the clock
 * (injected so tests never depend on wall-clock time).
 */
public record JobContext(
    AppConfig config, SparkSession spark, Warehouse warehouse, LocalDate runDate, Clock clock) {

  public static JobContext of(
      AppConfig config, SparkSession spark, LocalDate runDate, Clock clock) {
    return new JobContext(
        config,
        spark,
        new Warehouse(spark, config.warehouse(), config.restrictedRoot().orElse(null)),
        runDate,
        clock);
  }
}
