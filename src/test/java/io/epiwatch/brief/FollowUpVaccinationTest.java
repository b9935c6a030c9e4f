package io.epiwatch.brief;

import static io.epiwatch.testing.Frames.cols;
import static io.epiwatch.testing.Frames.d;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.epiwatch.catalog.TableSpec;
import io.epiwatch.catalog.Tables;
import io.epiwatch.catalog.Warehouse;
import io.epiwatch.testing.Frames;
import io.epiwatch.testing.SparkExtension;
import io.epiwatch.testing.SparkTest;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * docs/rules.md §4.8, the follow-up list's 疫苗接种待跟进人员: D's snapshot of
 * gold.vaccination_followup_persons with the class of the current roster row; a day whose counts
 * have persons to follow up but whose snapshot has none (computed before the table existed), or
 * whose as-of metrics never ran, stops the brief instead of listing 无.
 */
@SparkTest
class FollowUpVaccinationTest {
  static final LocalDate D = LocalDate.of(2021, 10, 5);
  static final String S1 = "3301020001";

  @Test
  void theSnapshotOfDWithTheCurrentClassAndNoListWithoutIt(SparkSession spark) {
    Warehouse wh = new Warehouse(spark, SparkExtension.newFolder("vaccination-list").toString());
    save(
        wh,
        Tables.SILVER_ROSTER,
        cols("person_key", "school_code", "grade", "class_name", "is_current"),
        new Object[] {"p1", S1, "初一", "1班", false},
        new Object[] {"p1", S1, "初二", "3班", true},
        new Object[] {"p2", S1, "初一", "2班", true});
    String[] persons =
        cols(
            "as_of", "person_key", "school_code", "status", "dose_due", "due_date", "days_overdue");
    save(
        wh,
        Tables.GOLD_VACCINATION_FOLLOWUP_PERSONS,
        persons,
        new Object[] {d("2021-10-05"), "p1", S1, "overdue", 2, d("2021-09-27"), 8},
        new Object[] {d("2021-10-04"), "p2", S1, "never_vaccinated", null, null, null});
    String[] counts = cols("as_of", "org_level", "org_code", "status", "persons");
    save(
        wh,
        Tables.GOLD_VACCINATION_FOLLOWUP,
        counts,
        new Object[] {d("2021-10-05"), "school", S1, "overdue", 1L},
        new Object[] {d("2021-10-03"), "school", S1, "never_vaccinated", 4L},
        new Object[] {d("2021-10-02"), "school", S1, "completed", 9L});
    // the days computed: a row per school in force on each
    save(
        wh,
        Tables.GOLD_CASE_SIGNALS_DAILY,
        cols("as_of", "org_level", "org_code"),
        new Object[] {d("2021-10-05"), "school", S1},
        new Object[] {d("2021-10-03"), "school", S1},
        new Object[] {d("2021-10-02"), "school", S1});
    Dataset<Row> names =
        wh.read(Tables.SILVER_ROSTER.id())
            .selectExpr("person_key AS _k", "person_key AS masked_name")
            .distinct();
    Dataset<Row> schools =
        spark.sql("SELECT '" + S1 + "' AS _s, '甲校' AS school_name, '330106' AS _d");

    List<FollowUpItem> items = FollowUpList.vaccination(wh, D, names, schools);
    assertEquals(
        List.of("p1|甲校|初二 3班|2021-09-27|330106"),
        FollowUpLines.of(
            items, i -> new Object[] {i.name(), i.school(), i.cls(), i.date(), i.district()}),
        "D's person only, in the class of the current roster row");
    assertEquals(8, items.get(0).vaccination().daysOverdue());

    IllegalStateException e =
        assertThrows(
            IllegalStateException.class,
            () -> FollowUpList.vaccination(wh, LocalDate.of(2021, 10, 3), names, schools));
    assertTrue(
        e.getMessage().contains("gold.vaccination_followup_persons")
            && e.getMessage().contains("jobs/metrics --date 2021-10-03"),
        e.getMessage());
    assertTrue(
        FollowUpList.vaccination(wh, LocalDate.of(2021, 10, 2), names, schools).isEmpty(),
        "nobody to follow up on a day whose counts list nobody");
    IllegalStateException notComputed =
        assertThrows(
            IllegalStateException.class,
            () -> FollowUpList.vaccination(wh, LocalDate.of(2021, 10, 1), names, schools));
    assertTrue(
        notComputed.getMessage().contains("were not computed")
            && notComputed.getMessage().contains("jobs/metrics --date 2021-10-01"),
        notComputed.getMessage());
  }

  /**
   * The rows (cells in the order of {@code columns}, the rest null) as the table's first version.
   */
  private static void save(Warehouse wh, TableSpec spec, String[] columns, Object[]... rows) {
    Frames.of(wh.spark(), spec.schema(), columns, rows)
        .write()
        .format("delta")
        .save(wh.path(spec.id()));
  }
}
