package io.epiwatch.gold;

import static io.epiwatch.testing.DatasetAssert.row;
import static io.epiwatch.testing.Frames.cols;
import static io.epiwatch.testing.Frames.d;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.epiwatch.catalog.TableWriter;
import io.epiwatch.catalog.Tables;
import io.epiwatch.config.AppConfig;
import io.epiwatch.config.Policy;
import io.epiwatch.testing.DatasetAssert;
import io.epiwatch.testing.Frames;
import io.epiwatch.testing.SparkTest;
import java.sql.Timestamp;
import java.time.LocalDate;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * docs/rules.md §4.10: coverage counts a school once and never a training institution, the on-time
 * rate's numerator and denominator, days overdue, scopes and categories, the findings gold ignores
 * (UNKNOWN_INSPECTION, BAD_DATE), and no data when nothing was received.
 */
@SparkTest
class InspectionsTest {
  static final LocalDate D = LocalDate.of(2021, 10, 5); // 30 days = 09-06 .. 10-05; 7 = 09-29 ..
  static final Policy POLICY = AppConfig.fromString("").policy();

  /** 甲校 (330102 上城区) and 乙校 (330105 拱墅区), as for the safety incidents. */
  static Dataset<Row> schools(SparkSession spark) {
    return SafetyIncidentsTest.schools(spark);
  }

  static Dataset<Row> inspections(SparkSession spark) {
    return Frames.of(
        spark,
        Tables.SILVER_INSPECTIONS.schema(),
        cols(
            "inspection_id",
            "inspection_date",
            "mode",
            "scope",
            "district_code",
            "school_code",
            "institution_name"),
        // 甲校 inspected twice in the 30 days: counts once in coverage, twice in inspections
        new Object[] {"I1", d("2021-09-20"), "routine", "epidemic", "330102", "3301020001", null},
        new Object[] {
          "I2", d("2021-10-01"), "unannounced", "epidemic", "330102", "3301020001", null
        },
        // a training institution: in its scope and in "all", never in the coverage of schools
        new Object[] {
          "I3", d("2021-10-02"), "unannounced", "training_institution", "330102", null, "某培训机构"
        },
        // before the 30 days (09-06): no coverage
        new Object[] {"I4", d("2021-08-01"), "routine", "safety", "330105", "3301050002", null},
        // after D: not yet
        new Object[] {"I5", d("2021-10-06"), "review", "safety", "330105", "3301050002", null});
  }

  static Dataset<Row> findings(SparkSession spark) {
    return Frames.of(
        spark,
        Tables.SILVER_FINDINGS.schema(),
        cols("finding_id", "inspection_id", "category", "severity", "deadline", "rectified_date"),
        // open, deadline D - 1: overdue by 1 day
        new Object[] {"F1", "I1", "disinfection_ventilation", "high", d("2021-10-04"), null},
        // rectified a day late: in the denominator, not the numerator
        new Object[] {"F2", "I1", "morning_check", "medium", d("2021-09-30"), d("2021-10-01")},
        // rectified on its deadline: on time
        new Object[] {"F3", "I2", "supplies", "low", d("2021-10-03"), d("2021-10-03")},
        // open, due later: open, not overdue, not due
        new Object[] {"F4", "I3", "other", "medium", d("2021-10-20"), null},
        // rectified after D: open on D and overdue by 51 days
        new Object[] {"F5", "I4", "building", "high", d("2021-08-15"), d("2021-10-10")},
        // no such inspection: UNKNOWN_INSPECTION, ignored
        new Object[] {"F6", "NOPE", "fire", "high", d("2021-09-01"), null},
        // deadline before its inspection (09-20): BAD_DATE, ignored
        new Object[] {"F7", "I1", "fire", "high", d("2021-09-10"), null},
        // rectified before its inspection: BAD_DATE, ignored
        new Object[] {"F8", "I2", "fire", "low", null, d("2021-09-30")},
        // of an inspection after D: not yet
        new Object[] {"F9", "I5", "fire", "high", d("2021-10-06"), null});
  }

  static Dataset<Row> summary(SparkSession spark) {
    return Inspections.summary(schools(spark), inspections(spark), findings(spark), true, POLICY, D)
        .cache();
  }

  static final String[] COVERAGE =
      cols(
          "org_code",
          "scope",
          "schools_active",
          "schools_inspected_30d",
          "inspection_coverage_30d",
          "inspections_30d",
          "unannounced_30d",
          "unannounced_share_30d");

  @Test
  void aSchoolInspectedTwiceCountsOnceAndInstitutionsOnlyInTheirScope(SparkSession spark) {
    Dataset<Row> g = summary(spark);
    DatasetAssert.assertRows(
        g.filter("org_level = 'district' AND category IS NULL"),
        COVERAGE,
        row("330102", "epidemic", 1L, 1L, 1.0, 2L, 1L, 0.5),
        row("330102", "safety", 1L, 0L, 0.0, 0L, 0L, null),
        row("330102", "training_institution", null, null, null, 1L, 1L, 1.0),
        row("330102", "all", 1L, 1L, 1.0, 3L, 2L, 2.0 / 3),
        row("330105", "epidemic", 1L, 0L, 0.0, 0L, 0L, null),
        row("330105", "safety", 1L, 0L, 0.0, 0L, 0L, null),
        row("330105", "training_institution", null, null, null, 0L, 0L, null),
        row("330105", "all", 1L, 0L, 0.0, 0L, 0L, null));
    DatasetAssert.assertRows(
        g.filter("org_level = 'city' AND category IS NULL AND scope = 'all'"),
        COVERAGE,
        row("330100", "all", 2L, 1L, 0.5, 3L, 2L, 2.0 / 3));
    // schools: every school in force in the scopes of schools; the institution has no school row
    DatasetAssert.assertRows(
        g.filter("org_level = 'school' AND category IS NULL AND scope = 'all'"),
        cols("org_code", "parent_code", "schools_inspected_30d", "inspections_30d"),
        row("3301020001", "330102", 1L, 2L),
        row("3301050002", "330105", 0L, 0L));
  }

  static final String[] FINDINGS =
      cols(
          "org_code",
          "scope",
          "findings_new_7d",
          "findings_open",
          "findings_overdue",
          "days_overdue",
          "findings_due",
          "rectified_on_time",
          "rectified_on_time_rate");

  @Test
  void overdueDaysAndTheOnTimeRate(SparkSession spark) {
    Dataset<Row> g = summary(spark);
    DatasetAssert.assertRows(
        g.filter("org_level = 'district' AND category IS NULL AND scope <> 'training_institution'"),
        FINDINGS,
        // F1 overdue by 1 day; F2 a day late: due, not on time; F3 on time: 1 of 3
        row("330102", "epidemic", 1L, 1L, 1L, 1L, 3L, 1L, 1.0 / 3),
        row("330102", "safety", 0L, 0L, 0L, 0L, 0L, 0L, null),
        row("330102", "all", 2L, 2L, 1L, 1L, 3L, 1L, 1.0 / 3),
        // F5: rectified after D, so open on D and overdue since 08-15: 51 days
        row("330105", "epidemic", 0L, 0L, 0L, 0L, 0L, 0L, null),
        row("330105", "safety", 0L, 1L, 1L, 51L, 1L, 0L, 0.0),
        row("330105", "all", 0L, 1L, 1L, 51L, 1L, 0L, 0.0));
    DatasetAssert.assertRows(
        g.filter("org_level = 'city' AND scope = 'all' AND category IS NULL"),
        FINDINGS,
        row("330100", "all", 2L, 3L, 2L, 52L, 4L, 1L, 0.25));
    // one category: the findings measures only
    DatasetAssert.assertRows(
        g.filter("org_level = 'district' AND scope = 'all' AND category IS NOT NULL"),
        cols(
            "org_code",
            "category",
            "schools_active",
            "inspections_30d",
            "findings_open",
            "findings_overdue",
            "findings_due"),
        row("330102", "disinfection_ventilation", null, null, 1L, 1L, 1L),
        row("330102", "morning_check", null, null, 0L, 0L, 1L),
        row("330102", "supplies", null, null, 0L, 0L, 1L),
        row("330102", "other", null, null, 1L, 0L, 0L),
        row("330105", "building", null, null, 1L, 1L, 1L));
  }

  @Test
  void invariants(SparkSession spark) {
    Dataset<Row> g = summary(spark);
    // at most all schools are covered; overdue findings are open; on time <= due
    assertEquals(0, g.filter("schools_inspected_30d > schools_active").count());
    assertEquals(0, g.filter("findings_overdue > findings_open").count());
    assertEquals(0, g.filter("rectified_on_time > findings_due").count());
    assertEquals(0, g.filter("unannounced_30d > inspections_30d").count());
    // the categories of a unit and scope add up to its all-categories row
    Dataset<Row> byCategory =
        g.filter("category IS NOT NULL")
            .groupBy("org_level", "org_code", "scope")
            .sum("findings_open", "findings_overdue", "days_overdue", "findings_due");
    Dataset<Row> joined =
        g.filter("category IS NULL")
            .join(byCategory, seq("org_level", "org_code", "scope"), "left")
            .selectExpr(
                "coalesce(`sum(findings_open)`, 0) = findings_open"
                    + " AND coalesce(`sum(findings_overdue)`, 0) = findings_overdue"
                    + " AND coalesce(`sum(days_overdue)`, 0) = days_overdue"
                    + " AND coalesce(`sum(findings_due)`, 0) = findings_due AS ok");
    assertEquals(0, joined.filter("NOT ok").count());
    // scope all = the sum of the scopes for inspections and findings
    Dataset<Row> scopes =
        g.filter("category IS NULL AND scope <> 'all'")
            .groupBy("org_level", "org_code")
            .sum("inspections_30d", "findings_open");
    assertEquals(
        0,
        g.filter("category IS NULL AND scope = 'all'")
            .join(scopes, seq("org_level", "org_code"))
            .filter(
                "`sum(inspections_30d)` <> inspections_30d OR `sum(findings_open)` <> findings_open")
            .count());
  }

  private static scala.collection.immutable.Seq<String> seq(String... names) {
    return scala.jdk.javaapi.CollectionConverters.asScala(java.util.List.of(names)).toList();
  }

  @Test
  void theLedgerAndTheFindingsGoldIgnores(SparkSession spark) {
    Dataset<Row> ledger =
        Inspections.ledger(schools(spark), inspections(spark), findings(spark), D);
    DatasetAssert.assertRows(
        ledger,
        cols(
            "finding_id",
            "school_name",
            "district_code",
            "status",
            "days_overdue",
            "org_level",
            "org_code",
            "parent_code"),
        row("F1", "甲校", "330102", "overdue", 1, "school", "3301020001", "330102"),
        row("F2", "甲校", "330102", "rectified_late", null, "school", "3301020001", "330102"),
        row("F3", "甲校", "330102", "rectified_on_time", null, "school", "3301020001", "330102"),
        // the training institution: under its district
        row("F4", "某培训机构", "330102", "open", null, "district", "330102", "330100"),
        row("F5", "乙校", "330105", "overdue", 51, "school", "3301050002", "330105"));
    Dataset<Row> rejected = Inspections.rejected(findings(spark), inspections(spark));
    DatasetAssert.assertRows(
        rejected,
        cols("finding_id", "reason"),
        row("F6", "UNKNOWN_INSPECTION"),
        row("F7", "BAD_DATE"),
        row("F8", "BAD_DATE"));
    Row q =
        Inspections.quarantineRows(rejected.filter("finding_id = 'F7'"), new Timestamp(0)).first();
    assertEquals("findings", q.getString(q.fieldIndex("source")));
    assertEquals(java.util.List.of("BAD_DATE"), q.getList(q.fieldIndex("reasons")));
    String detail = (String) q.getList(q.fieldIndex("details")).get(0);
    assertEquals(true, detail.contains("2021-09-10") && detail.contains("2021-09-20"), detail);
    assertEquals(
        0,
        TableWriter.conform(
                Inspections.quarantineRows(rejected, new Timestamp(0)), Tables.OPS_QUARANTINE)
            .filter("ingest_batch_id IS NOT NULL")
            .count());
  }

  @Test
  void nothingReceivedIsNoDataNotZero(SparkSession spark) {
    Dataset<Row> none = Frames.of(spark, Tables.SILVER_INSPECTIONS.schema(), cols("inspection_id"));
    Dataset<Row> noFindings = Frames.of(spark, Tables.SILVER_FINDINGS.schema(), cols("finding_id"));
    Dataset<Row> g = Inspections.summary(schools(spark), none, noFindings, false, POLICY, D);
    assertEquals(0, g.filter("category IS NOT NULL").count());
    assertEquals(0, g.filter("findings_open IS NOT NULL OR inspections_30d IS NOT NULL").count());
    // received but quiet: zeros
    Dataset<Row> quiet = Inspections.summary(schools(spark), none, noFindings, true, POLICY, D);
    assertEquals(quiet.count(), quiet.filter("findings_open = 0 AND inspections_30d = 0").count());
  }
}
