package io.epiwatch.silver;

import io.epiwatch.catalog.TableId;
import io.epiwatch.catalog.TableSpec;
import io.epiwatch.catalog.Tables;
import io.epiwatch.catalog.Warehouse;
import io.epiwatch.ingest.spec.BronzeSchema;
import io.epiwatch.ingest.spec.SourceSpec;
import io.epiwatch.ingest.spec.Sources;
import io.epiwatch.ops.Watermarks;
import io.epiwatch.spark.JobContext;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stage 2: bronze -> silver and ops.data_quality. When no bronze table has a version beyond the
 * stage's watermark nothing is written. Otherwise every silver table is rebuilt from bronze
 * (latest-wins per natural key, type-2 dimensions) and replaced in one commit each.
 * Known limit: the rebuild is full, not per affected key (docs/decisions.md).
 */
public final class TransformJob {
  private static final Logger LOG = LoggerFactory.getLogger(TransformJob.class);
  static final String CONSUMER = "transform";

  public record TransformResult(boolean changed, Map<String, Long> silverVersions) {}

  private TransformJob() {}

  public static TransformResult run(JobContext ctx) {
    Warehouse wh = ctx.warehouse();
    List<TableId> inputs = Sources.ALL.stream().map(s -> TableId.bronze(s.name())).toList();
    Map<String, Long> current = Watermarks.current(wh, inputs);
    if (current.equals(Watermarks.read(wh, CONSUMER)) ) {
      LOG.info("transform: no new bronze data; silver unchanged");
      return new TransformResult(false, Map.of());
    }
    Timestamp now = Timestamp.from(Instant.now(ctx.clock()));
    Dataset<Row> schools = SilverTables.schools(bronze(wh, Sources.SCHOOLS));
    Dataset<Row> roster = SilverTables.roster(bronze(wh, Sources.ROSTER)).persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> reports = SilverTables.dailyReports(bronze(wh, Sources.DAILY_REPORTS)).persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> cases = SilverTables.absenceCases(bronze(wh, Sources.ABSENCE_CASES)).persist(StorageLevel.MEMORY_AND_DISK());
    Dataset<Row> doses = SilverTables.vaccinations(bronze(wh, Sources.VACCINATIONS), roster, ctx.config().policy())
        .persist(StorageLevel.MEMORY_AND_DISK());

    Map<String, Long> versions = new LinkedHashMap<>();
    write(wh, Tables.SILVER_SCHOOLS, schools, versions);
    write(wh, Tables.SILVER_ROSTER, roster, versions);
    write(wh, Tables.SILVER_DAILY_REPORTS, reports, versions);
    write(wh, Tables.SILVER_ABSENCE_CASES, cases, versions);
    write(wh, Tables.SILVER_TRAVEL_RECORDS, SilverTables.travel(bronze(wh, Sources.TRAVEL_RECORDS), roster), versions);
    write(wh, Tables.SILVER_RISK_AREAS, SilverTables.riskAreas(bronze(wh, Sources.RISK_AREAS)), versions);
    write(wh, Tables.SILVER_VACCINATIONS, doses, versions);
    write(wh, Tables.SILVER_CONTRAINDICATIONS, SilverTables.contraindications(bronze(wh, Sources.CONTRAINDICATIONS)), versions);
    write(wh, Tables.OPS_DATA_QUALITY, SilverTables.dataQuality(reports, cases, doses, now), versions);
    Watermarks.write(wh, CONSUMER, current, now);
    for (Dataset<Row> d : List.of(roster, reports, cases, doses)) d.unpersist();
    return new TransformResult(true, versions);
  }

  /** A bronze table, or an empty frame with its schema before its first file arrives. */
  static Dataset<Row> bronze(Warehouse wh, SourceSpec spec) {
    TableId id = TableId.bronze(spec.name());
    return wh.exists(id) ? wh.read(id) : wh.spark().createDataFrame(List.of(), BronzeSchema.of(spec));
  }

  /** Replaces a whole table with rows conformed to its declared schema (one commit). */
  public static void write(Warehouse wh, TableSpec spec, Dataset<Row> rows, Map<String, Long> versions) {
    var w = SilverTables.conform(rows, spec).write().format("delta").mode("overwrite").option("overwriteSchema", "true");
    if (spec.partitionColumn() != null) w = w.partitionBy(spec.partitionColumn());
    w.save(wh.path(spec.id()));
    long v = wh.version(spec.id());
    versions.put(spec.id().toString(), v);
    LOG.info("{} written (version {})", spec.id(), v);
  }
}
