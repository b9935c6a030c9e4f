package io.epiwatch.gold;

import static io.epiwatch.testing.DatasetAssert.row;
import static io.epiwatch.testing.Frames.cols;
import static io.epiwatch.testing.Frames.d;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.epiwatch.catalog.Tables;
import io.epiwatch.config.AppConfig;
import io.epiwatch.config.Policy;
import io.epiwatch.testing.DatasetAssert;
import io.epiwatch.testing.Frames;
import io.epiwatch.testing.SparkTest;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/** docs/rules.md §4.4.2: district EARS-C2 with the levels warning and alert. */
@SparkTest
class DistrictEarsTest {
  static final Policy.DistrictEars SHIPPED = AppConfig.fromString("").policy().districtEars();
  static final LocalDate T = LocalDate.of(2021, 9, 10);

  /** One school per district; 330108's school reports but expects no one. */
  static Dataset<Row> schools(SparkSession spark) {
    return Frames.schools(
        spark,
        new Object[] {"3301020001", "甲校", "330102", "上城区", "330100", d("2021-09-01")},
        new Object[] {"3301050001", "乙校", "330105", "拱墅区", "330100", d("2021-09-01")},
        new Object[] {"3301060001", "丙校", "330106", "西湖区", "330100", d("2021-09-01")},
        new Object[] {"3301080001", "丁校", "330108", "滨江区", "330100", d("2021-09-01")});
  }

  /** {@code n} line-list rows of {@code group} at the school on the day. */
  static void add(List<Object[]> rows, String school, String day, String group, int n) {
    for (int i = 0; i < n; i++)
      rows.add(new Object[] {d(day), school, school + "-" + day + "-" + group + "-" + i, group});
  }

  static Fixture fixture(SparkSession spark) {
    List<Object[]> reports = new ArrayList<>();
    List<Object[]> cases = new ArrayList<>();
    // 上城区 and 拱墅区 report 1,000 expected every day 09-01..09-10; ILI on the baseline days
    // 09-01..09-07 alternates 1, 2, 1, 2, 1, 2, 1 per 1,000 (mean 1.43, sd 0.53 above the floor)
    int[] ili = {1, 2, 1, 2, 1, 2, 1, 1, 1};
    for (int day = 1; day <= 10; day++) {
      String t = "2021-09-%02d".formatted(day);
      for (String s : List.of("3301020001", "3301050001")) {
        reports.add(new Object[] {d(t), s, 1000});
        if (day < 10) add(cases, s, t, "ili", ili[day - 1]);
      }
      // 上城区's GI is flat at 1 per 1,000 before 09-10: sd 0, so the floor 0.5 divides
      if (day < 10) add(cases, "3301020001", t, "gi", 1);
    }
    // 09-10: 上城区 ILI 4 per 1,000 (z 4.81: alert), GI 3 (z (3 - 1) / 0.5 = 4: alert);
    // 拱墅区 ILI 3 (z 2.94: warning)
    add(cases, "3301020001", "2021-09-10", "ili", 4);
    add(cases, "3301020001", "2021-09-10", "gi", 3);
    add(cases, "3301050001", "2021-09-10", "ili", 3);
    // 西湖区 reports on 09-05, 09-06 (two baseline days: too few) and 09-10, with 20 ILI on 09-10
    for (String t : List.of("2021-09-05", "2021-09-06", "2021-09-10"))
      reports.add(new Object[] {d(t), "3301060001", 500});
    add(cases, "3301060001", "2021-09-10", "ili", 20);
    // 滨江区 expects 0 on 09-10 (and its rows of that day): no row at all
    reports.add(new Object[] {d("2021-09-10"), "3301080001", 0});
    add(cases, "3301080001", "2021-09-10", "ili", 5);
    // after the run date: not counted
    reports.add(new Object[] {d("2021-09-11"), "3301020001", 1000});
    return new Fixture(
        Frames.of(
            spark,
            Tables.SILVER_DAILY_REPORTS.schema(),
            cols("report_date", "school_code", "students_expected"),
            reports.toArray(Object[][]::new)),
        Frames.of(
            spark,
            Tables.SILVER_ABSENCE_CASES.schema(),
            cols("report_date", "school_code", "person_key", "symptom_group"),
            cases.toArray(Object[][]::new)));
  }

  record Fixture(Dataset<Row> reports, Dataset<Row> cases) {}

  static Dataset<Row> days(SparkSession spark, Policy.DistrictEars e) {
    Fixture f = fixture(spark);
    return DistrictEars.days(schools(spark), f.reports(), f.cases(), e, T);
  }

  @Test
  void aJumpAlertsAModerateRiseWarnsAndAFlatBaselineUsesTheSdFloor(SparkSession spark) {
    Dataset<Row> got = days(spark, SHIPPED).cache();
    DatasetAssert.assertRows(
        got.filter("level IS NOT NULL"),
        cols(
            "cast(report_date as string)",
            "district_code",
            "district_name",
            "symptom_group",
            "cases",
            "students_expected",
            "rate_per_1000",
            "baseline_days",
            "round(baseline_mean, 4)",
            "round(baseline_sd, 4)",
            "round(z, 2)",
            "level"),
        row("2021-09-10", "330102", "上城区", "ili", 4L, 1000L, 4.0, 7, 1.4286, 0.5345, 4.81, "alert"),
        // flat baseline: sd 0, the floor 0.5 divides
        row("2021-09-10", "330102", "上城区", "gi", 3L, 1000L, 3.0, 7, 1.0, 0.0, 4.0, "alert"),
        // 2 < z <= 3
        row(
            "2021-09-10",
            "330105",
            "拱墅区",
            "ili",
            3L,
            1000L,
            3.0,
            7,
            1.4286,
            0.5345,
            2.94,
            "warning"));
    // 09-10 has two baseline days (09-05, 09-06): no mean, sd, z or level, however high the rate;
    // 09-05 is not in 09-06's baseline (t-9..t-3)
    DatasetAssert.assertRows(
        got.filter("district_code = '330106' AND symptom_group = 'ili'"),
        cols(
            "cast(report_date as string)",
            "cases",
            "rate_per_1000",
            "baseline_days",
            "baseline_mean",
            "baseline_sd",
            "z",
            "level"),
        row("2021-09-05", 0L, 0.0, 0, null, null, null, null),
        row("2021-09-06", 0L, 0.0, 0, null, null, null, null),
        row("2021-09-10", 20L, 40.0, 2, null, null, null, null));
    // expected 0: no row; nothing after the run date; every symptom group on each day with a row
    assertEquals(0L, got.filter("district_code = '330108'").count());
    assertEquals(0L, got.filter("report_date > DATE'2021-09-10'").count());
    assertEquals((10 + 10 + 3) * 8L, got.count());
    // a group without cases has rows of zeros: its z is 0 (sd floor), no level
    DatasetAssert.assertRows(
        got.filter(
            "district_code = '330105' AND symptom_group = 'rash' AND report_date = DATE'2021-09-10'"),
        cols("cases", "rate_per_1000", "baseline_days", "baseline_sd", "z", "level"),
        row(0L, 0.0, 7, 0.0, 0.0, null));
  }

  @Test
  void theRateIsTheDistrictRateOfAbsenceByCause(SparkSession spark) {
    Fixture f = fixture(spark);
    Policy policy = AppConfig.fromString("").policy();
    Dataset<Row> reports = f.reports().filter("report_date <= DATE'2021-09-10'");
    Dataset<Row> byCause =
        DailyMetrics.absenceByCause(
            schools(spark),
            f.cases(),
            DailyMetrics.attendance(schools(spark), reports, f.cases(), policy),
            policy);
    Dataset<Row> ours =
        DistrictEars.days(schools(spark), f.reports(), f.cases(), SHIPPED, T)
            .filter("cases > 0")
            .selectExpr("report_date", "district_code", "symptom_group", "rate_per_1000");
    DatasetAssert.assertSameRows(
        ours,
        byCause
            .filter(
                "org_level = 'district' AND cause_type = 'symptom_group' AND students_expected > 0")
            .selectExpr(
                "report_date",
                "org_code AS district_code",
                "cause AS symptom_group",
                "rate_per_1000"));
  }

  @Test
  void aDayWithFewerThanMinCasesRowsHasItsZButNoLevel(SparkSession spark) {
    // min-cases 4: 上城区's ILI (4 rows, z 4.81) still alerts; its GI (3 rows, z 4.0) and
    // 拱墅区's ILI (3 rows, z 2.94) keep their z and lose their level
    Policy.DistrictEars four =
        AppConfig.fromString("epiwatch.policy.cluster.district-ears.min-cases = 4")
            .policy()
            .districtEars();
    DatasetAssert.assertRows(
        days(spark, four).filter("report_date = DATE'2021-09-10' AND z > 2"),
        cols("district_code", "symptom_group", "cases", "round(z, 2)", "level"),
        row("330102", "ili", 4L, 4.81, "alert"),
        row("330102", "gi", 3L, 4.0, null),
        row("330105", "ili", 3L, 2.94, null));
  }

  @Test
  void disabledItHasNoRows(SparkSession spark) {
    Policy.DistrictEars off =
        AppConfig.fromString("epiwatch.policy.cluster.district-ears.enabled = false")
            .policy()
            .districtEars();
    assertEquals(0L, days(spark, off).count());
  }
}
