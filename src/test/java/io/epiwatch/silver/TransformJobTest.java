package io.epiwatch.silver;

import static io.epiwatch.silver.BronzeRows.cols;
import static io.epiwatch.silver.BronzeRows.d;
import static io.epiwatch.silver.BronzeRows.ts;
import static io.epiwatch.testing.DatasetAssert.assertRows;
import static io.epiwatch.testing.DatasetAssert.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.delta.tables.DeltaTable;
import io.epiwatch.catalog.TableId;
import io.epiwatch.catalog.Tables;
import io.epiwatch.catalog.Warehouse;
import io.epiwatch.config.AppConfig;
import io.epiwatch.contract.BronzeSchema;
import io.epiwatch.contract.SourceSpec;
import io.epiwatch.contract.Sources;
import io.epiwatch.ops.Watermarks;
import io.epiwatch.spark.JobContext;
import io.epiwatch.testing.SparkExtension;
import io.epiwatch.testing.SparkTest;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * The stage end to end on Delta: first load, an incremental correction, then a rerun with nothing
 * new.
 */
@SparkTest
class TransformJobTest {
  static final String A = "3301000001";
  static final String B = "3301000002";

  @Test
  void incrementalRunsUpdateOnlyWhatBronzeChangedAndARerunWritesNothing(SparkSession spark) {
    JobContext ctx = context(spark);
    Warehouse wh = ctx.warehouse();

    // ---- first load
    append(
        wh,
        Sources.SCHOOLS,
        BronzeRows.of(
            spark,
            Sources.SCHOOLS,
            cols("school_code", "school_name", "school_type", "district_code", "as_of"),
            new Object[] {A, "一中", "senior_high", "330102", d("2021-09-01")},
            new Object[] {B, "二小", "primary", "330105", d("2021-09-01")}));
    append(
        wh,
        Sources.ROSTER,
        BronzeRows.of(
            spark,
            Sources.ROSTER,
            cols("person_key", "person_type", "school_code", "as_of"),
            new Object[] {"s1", "student", A, d("2021-09-01")},
            new Object[] {"p1", "staff", A, d("2021-09-01")}));
    append(
        wh,
        Sources.DAILY_REPORTS,
        BronzeRows.of(
            spark,
            Sources.DAILY_REPORTS,
            cols(
                "report_date",
                "school_code",
                "submitted_at",
                "students_expected",
                "students_absent_illness",
                "fever_cases",
                "zero_report"),
            new Object[] {d("2021-09-01"), A, ts("2021-09-01 09:30"), 100, 0, 1, true},
            new Object[] {d("2021-09-02"), B, ts("2021-09-02 09:00"), 50, 0, 0, true}));
    append(
        wh,
        Sources.VACCINATIONS,
        BronzeRows.of(
            spark,
            Sources.VACCINATIONS,
            cols("person_key", "school_code", "dose_number", "vaccination_date", "vaccine_product"),
            new Object[] {"p1", A, 1, d("2021-07-01"), "CoronaVac"},
            new Object[] {"p1", A, 2, d("2021-07-10"), "CoronaVac"},
            new Object[] {"x9", A, 1, d("2021-07-01"), "CoronaVac"}));
    append(
        wh,
        Sources.TRAVEL_RECORDS,
        BronzeRows.of(
            spark,
            Sources.TRAVEL_RECORDS,
            cols(
                "record_id",
                "person_key",
                "person_type",
                "linked_person_key",
                "school_code",
                "destination_code",
                "departure_date",
                "submitted_at"),
            new Object[] {
              "R1", "h1", "household", "s1", B, "110101", d("2021-08-01"), ts("2021-08-02 08:00")
            }));

    TransformResult first = TransformJob.run(ctx);

    assertTrue(first.changed());
    assertEquals(Set.of(LocalDate.of(2021, 9, 1), LocalDate.of(2021, 9, 2)), first.reportDates());
    assertRows(
        wh.read(Tables.SILVER_DAILY_REPORTS.id()),
        cols("report_date", "school_code", "first_submitted_at", "versions", "zero_report"),
        row(d("2021-09-01"), A, ts("2021-09-01 09:30"), 1, true),
        row(d("2021-09-02"), B, ts("2021-09-02 09:00"), 1, true));
    assertRows(
        wh.read(Tables.OPS_DATA_QUALITY.id()),
        cols("flag", "record_key"),
        row("ZERO_REPORT_CONTRADICTION", "2021-09-01|" + A),
        row("INTERVAL_TOO_SHORT", "p1|2"),
        row("NOT_ON_ROSTER", "x9|1"));
    assertRows(
        wh.read(Tables.SILVER_TRAVEL_RECORDS.id()),
        cols("record_key", "attributed_school_code"),
        row("R1", A));
    for (var spec : Tables.SILVER) assertTrue(wh.exists(spec.id()), spec.id() + " created");
    assertEquals(
        "first four digits of district_code + 00",
        wh.read(Tables.SILVER_SCHOOLS.id()).schema().apply("city_code").getComment().get(),
        "declared column comments kept");

    // ---- a correction a week late, its line list, and a new roster snapshot of school A
    //      (x9 joins, s1 is gone: s1 left, so h1 still counts under A, s1's last school)
    append(
        wh,
        Sources.DAILY_REPORTS,
        BronzeRows.of(
            spark,
            Sources.DAILY_REPORTS,
            cols(
                "report_date",
                "school_code",
                "submitted_at",
                "students_expected",
                "students_absent_illness",
                "fever_cases",
                "zero_report",
                "source_file"),
            new Object[] {d("2021-09-01"), A, ts("2021-09-08 15:00"), 100, 1, 1, false, "f2.csv"}));
    append(
        wh,
        Sources.ABSENCE_CASES,
        BronzeRows.of(
            spark,
            Sources.ABSENCE_CASES,
            cols("report_date", "school_code", "person_key", "symptoms", "submitted_at"),
            new Object[] {
              d("2021-09-01"), A, "s1", List.of("fever", "cough"), ts("2021-09-08 15:00")
            }));
    append(
        wh,
        Sources.ROSTER,
        BronzeRows.of(
            spark,
            Sources.ROSTER,
            cols("person_key", "person_type", "school_code", "as_of", "source_file"),
            new Object[] {"p1", "staff", A, d("2021-09-05"), "r2.csv"},
            new Object[] {"x9", "staff", A, d("2021-09-05"), "r2.csv"}));
    Map<String, Long> before = versions(wh);

    TransformResult second = TransformJob.run(ctx);

    assertEquals(Set.of(LocalDate.of(2021, 9, 1)), second.reportDates());
    // travel_records was rebuilt for s1's household member, but nothing in it changed: no commit
    assertEquals(
        Set.of(
            "silver.roster",
            "silver.daily_reports",
            "silver.absence_cases",
            "silver.vaccinations",
            "ops.data_quality"),
        second.versions().keySet());
    assertEquals(LocalDate.of(2021, 9, 5), second.affectedFrom().get("silver.roster"));
    assertEquals(LocalDate.of(2021, 9, 1), second.affectedFrom().get("silver.daily_reports"));
    Map<String, Long> after = versions(wh);
    for (String t :
        List.of(
            "silver.schools",
            "silver.risk_areas",
            "silver.contraindications",
            "silver.travel_records")) {
      assertEquals(before.get(t), after.get(t), t + " untouched");
    }
    for (String t : second.versions().keySet())
      assertEquals(before.get(t) + 1, after.get(t), t + ": one commit");
    assertRows(
        wh.read(Tables.SILVER_DAILY_REPORTS.id()),
        cols(
            "report_date",
            "school_code",
            "submitted_at",
            "first_submitted_at",
            "versions",
            "zero_report",
            "source_file"),
        row(d("2021-09-01"), A, ts("2021-09-08 15:00"), ts("2021-09-01 09:30"), 2, false, "f2.csv"),
        row(d("2021-09-02"), B, ts("2021-09-02 09:00"), ts("2021-09-02 09:00"), 1, true, "f1.csv"));
    assertRows(
        wh.read(Tables.SILVER_ROSTER.id()),
        cols("person_key", "valid_from", "valid_to"),
        row("s1", d("2021-09-01"), d("2021-09-05")),
        row("p1", d("2021-09-01"), null),
        row("x9", d("2021-09-05"), null));
    assertRows(
        wh.read(Tables.SILVER_ABSENCE_CASES.id()),
        cols("person_key", "symptom_group"),
        row("s1", "ili"));
    assertRows(
        wh.read(Tables.SILVER_TRAVEL_RECORDS.id()),
        cols("record_key", "attributed_school_code"),
        row("R1", A));
    assertRows(
        wh.read(Tables.OPS_DATA_QUALITY.id()),
        cols("flag", "record_key"),
        row("INTERVAL_TOO_SHORT", "p1|2"));

    // ---- nothing new: no new version anywhere (silver, ops.data_quality, ops.watermarks)
    Map<String, Long> settled = versions(wh);

    TransformResult third = TransformJob.run(ctx);

    assertFalse(third.changed());
    assertEquals(settled, versions(wh));
  }

  @Test
  void anIngestRerunThatRewritesABatchIsPickedUpThroughTheChangeFeed(SparkSession spark) {
    JobContext ctx = context(spark);
    Warehouse wh = ctx.warehouse();
    String[] c = cols("person_key", "school_code", "reason", "valid_until", "recorded_at");
    append(
        wh,
        Sources.CONTRAINDICATIONS,
        BronzeRows.of(
            spark,
            Sources.CONTRAINDICATIONS,
            c,
            new Object[] {"p1", A, "fever", d("2021-06-30"), ts("2021-06-01 10:00")},
            new Object[] {"p2", A, "allergy", null, ts("2021-06-01 10:00")}));
    TransformJob.run(ctx);

    // the crashed batch is redone: its rows replaced (same sha256), p2's row corrected
    BronzeRows.of(
            spark,
            Sources.CONTRAINDICATIONS,
            c,
            new Object[] {"p1", A, "fever", d("2021-06-30"), ts("2021-06-01 10:00")},
            new Object[] {"p2", A, "allergy (confirmed)", null, ts("2021-06-01 10:00")})
        .write()
        .format("delta")
        .mode("overwrite")
        .option("replaceWhere", "source_sha256 = 'sha-contraindications'")
        .save(wh.path(TableId.bronze("contraindications")));
    TransformResult r = TransformJob.run(ctx);

    assertEquals(Set.of("silver.contraindications"), r.versions().keySet());
    assertEquals(LocalDate.of(2021, 6, 1), r.affectedFrom().get("silver.contraindications"));
    assertRows(
        wh.read(Tables.SILVER_CONTRAINDICATIONS.id()),
        cols("person_key", "reason", "valid_until"),
        row("p1", "fever", d("2021-06-30")),
        row("p2", "allergy (confirmed)", null));
  }

  @Test
  void aSilverTableWithoutAColumnThisVersionDeclaresIsRebuiltWithItFromAllOfBronze(
      SparkSession spark) {
    JobContext ctx = context(spark);
    Warehouse wh = ctx.warehouse();
    append(
        wh,
        Sources.ABSENCE_CASES,
        BronzeRows.of(
            spark,
            Sources.ABSENCE_CASES,
            cols("report_date", "school_code", "person_key", "symptoms", "submitted_at"),
            new Object[] {d("2021-09-01"), A, "s1", List.of("fever"), ts("2021-09-01 08:00")},
            new Object[] {
              d("2021-09-01"), A, "s1", List.of("fever", "cough"), ts("2021-09-02 10:00")
            }));
    TransformJob.run(ctx);
    String[] c = cols("person_key", "symptom_group", "submitted_at", "first_submitted_at");
    Row corrected = row("s1", "ili", ts("2021-09-02 10:00"), ts("2021-09-01 08:00"));
    assertRows(wh.read(Tables.SILVER_ABSENCE_CASES.id()), c, corrected);

    // the table as a version without first_submitted_at wrote it; bronze has nothing new
    wh.read(Tables.SILVER_ABSENCE_CASES.id())
        .drop("first_submitted_at")
        .write()
        .format("delta")
        .mode("overwrite")
        .option("overwriteSchema", "true")
        .save(wh.path(Tables.SILVER_ABSENCE_CASES.id()));
    TransformResult upgrade = TransformJob.run(ctx);

    assertTrue(upgrade.changed());
    assertEquals(LocalDate.of(2021, 9, 1), upgrade.affectedFrom().get("silver.absence_cases"));
    assertRows(wh.read(Tables.SILVER_ABSENCE_CASES.id()), c, corrected);
    assertFalse(TransformJob.run(ctx).changed(), "upgraded once");
  }

  private static JobContext context(SparkSession spark) {
    String root = SparkExtension.newFolder("wh").toString();
    return JobContext.of(
        AppConfig.fromString("epiwatch.warehouse = \"" + root + "\""),
        spark,
        LocalDate.of(2021, 9, 10),
        Clock.fixed(Instant.parse("2021-09-10T02:00:00Z"), ZoneId.of("Asia/Shanghai")));
  }

  /** Appends to a bronze table created as ingest creates it: BronzeSchema, change data feed on. */
  private static void append(Warehouse wh, SourceSpec spec, Dataset<Row> rows) {
    TableId id = TableId.bronze(spec.name());
    if (!wh.exists(id)) {
      DeltaTable.createIfNotExists(wh.spark())
          .location(wh.path(id))
          .addColumns(BronzeSchema.of(spec))
          .property("delta.enableChangeDataFeed", "true")
          .execute();
    }
    rows.write().format("delta").mode("append").save(wh.path(id));
  }

  /** Latest version of every silver and ops table, read from the Delta history. */
  private static Map<String, Long> versions(Warehouse wh) {
    Map<String, Long> m = new TreeMap<>();
    for (TableId t : wh.list(List.of("silver", "ops"))) {
      m.put(t.toString(), DeltaTable.forPath(wh.spark(), wh.path(t)).history().count() - 1);
    }
    assertTrue(m.containsKey(Watermarks.ID.toString()));
    return m;
  }
}
