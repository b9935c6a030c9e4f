package io.epiwatch.gold;

import static io.epiwatch.testing.DatasetAssert.row;
import static io.epiwatch.testing.Frames.cols;
import static io.epiwatch.testing.Frames.d;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

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

/** docs/rules.md §4.4 and 7: class rules, near misses, one alert per outbreak, EARS-C2. */
@SparkTest
class ClusterAlertsTest {
  static final Policy POLICY =
      AppConfig.fromString("epiwatch.policy.cluster.ears-c2.enabled = false").policy();

  static Object[] pupil(String key, String cls, String onset, String group, String diagnosis) {
    return new Object[] {
      d(onset), "3301020001", key, "student", "一年级", cls, d(onset), group, diagnosis
    };
  }

  Dataset<Row> cases(SparkSession spark, Object[]... rows) {
    return Frames.of(
        spark,
        Tables.SILVER_ABSENCE_CASES.schema(),
        cols(
            "report_date",
            "school_code",
            "person_key",
            "person_type",
            "grade",
            "class_name",
            "onset_date",
            "symptom_group",
            "diagnosis"),
        rows);
  }

  /** silver.daily_reports rows {report_date, school_code, students_expected}. */
  static Dataset<Row> reports(SparkSession spark, Object[]... rows) {
    return Frames.of(
        spark,
        Tables.SILVER_DAILY_REPORTS.schema(),
        cols("report_date", "school_code", "students_expected"),
        rows);
  }

  /** silver.roster: active pupils of school 3301020001, 一年级, {@code cls}, since 2021-09-01. */
  static Dataset<Row> roster(SparkSession spark, Object[]... rows) {
    return Frames.of(
        spark,
        Tables.SILVER_ROSTER.schema(),
        cols(
            "person_key",
            "school_code",
            "person_type",
            "grade",
            "class_name",
            "status",
            "valid_from",
            "valid_to"),
        rows);
  }

  /** {@code n} active pupils of class {@code cls} (keys cls-0, cls-1, ...). */
  static Object[][] classOf(String cls, int n) {
    Object[][] out = new Object[n][];
    for (int i = 0; i < n; i++)
      out[i] =
          new Object[] {
            cls + "-" + i, "3301020001", "student", "一年级", cls, "active", d("2021-09-01"), null
          };
    return out;
  }

  Dataset<Row> schools(SparkSession spark) {
    return Frames.of(
        spark,
        Tables.SILVER_SCHOOLS.schema(),
        cols("school_code", "school_name", "district_code", "valid_from"),
        new Object[] {"3301020001", "甲校", "330102", d("2021-09-01")});
  }

  @Test
  void threeSameDayOnsetsInAClassAlertButTwoAndFourInThreeDaysDoNot(SparkSession spark) {
    Dataset<Row> c =
        cases(
            spark,
            pupil("a", "1班", "2021-09-10", "ili", "unknown"),
            pupil("b", "1班", "2021-09-10", "ili", "unknown"),
            pupil("c", "1班", "2021-09-10", "ili", "unknown"),
            // near miss: two the same day, four within three days, in class 2 (gi)
            pupil("d", "2班", "2021-09-10", "gi", "unknown"),
            pupil("e", "2班", "2021-09-10", "gi", "unknown"),
            pupil("f", "2班", "2021-09-11", "gi", "unknown"),
            pupil("g", "2班", "2021-09-12", "gi", "unknown"));
    Dataset<Row> alerts =
        ClusterAlerts.alerts(
            schools(spark), c, reports(spark), roster(spark), POLICY, LocalDate.of(2021, 9, 12));
    DatasetAssert.assertRows(
        alerts,
        cols(
            "rule",
            "class_name",
            "symptom_group",
            "CAST(first_detected AS STRING)",
            "CAST(last_detected AS STRING)",
            "cases",
            "status"),
        row("class_same_day", "1班", "ili", "2021-09-10", "2021-09-10", 3L, "active"));
  }

  @Test
  void aRuleCountsOnlyTheDaysOfItsDatesAndUpToTheRunDate(SparkSession spark) {
    // the same rule in force until 09-11, and again (as 'late') from 09-12: three onsets on 09-10
    // reach the days 09-10..09-12 of a 3-day window; each rule fires on its own days only
    Policy dated =
        AppConfig.fromString(
                """
                epiwatch.policy.cluster.ears-c2.enabled = false
                epiwatch.policy.cluster.rules = [
                  { rule = early, scope = class, window = 3, threshold = 3, from = "2000-01-01", to = "2021-09-11" }
                  { rule = late,  scope = class, window = 3, threshold = 3, from = "2021-09-12" }
                ]
                """)
            .policy();
    Dataset<Row> c =
        cases(
            spark,
            pupil("a", "1班", "2021-09-10", "fever", "unknown"),
            pupil("b", "1班", "2021-09-10", "fever", "unknown"),
            pupil("c", "1班", "2021-09-10", "fever", "unknown"));
    String[] shown = {
      "rule", "CAST(first_detected AS STRING)", "CAST(last_detected AS STRING)", "cases"
    };
    DatasetAssert.assertRows(
        ClusterAlerts.alerts(
            schools(spark), c, reports(spark), roster(spark), dated, LocalDate.of(2021, 9, 12)),
        cols(shown),
        row("early", "2021-09-10", "2021-09-11", 3L),
        row("late", "2021-09-12", "2021-09-12", 3L));
    DatasetAssert.assertRows(
        ClusterAlerts.alerts(
            schools(spark), c, reports(spark), roster(spark), dated, LocalDate.of(2021, 9, 10)),
        cols(shown),
        row("early", "2021-09-10", "2021-09-10", 3L));
  }

  @Test
  void fiveRedEyeCasesInAClassWithinThreeDaysAreAConjunctivitisAlert(SparkSession spark) {
    // two, two and one over three days: no class_same_day, and class_3day in its own group
    Dataset<Row> c =
        cases(
            spark,
            pupil("a", "1班", "2021-09-10", "conjunctivitis", "unknown"),
            pupil("b", "1班", "2021-09-10", "conjunctivitis", "unknown"),
            pupil("c", "1班", "2021-09-11", "conjunctivitis", "unknown"),
            pupil("d", "1班", "2021-09-11", "conjunctivitis", "unknown"),
            pupil("e", "1班", "2021-09-12", "conjunctivitis", "unknown"),
            pupil("f", "1班", "2021-09-12", "fever", "unknown"));
    DatasetAssert.assertRows(
        ClusterAlerts.alerts(
            schools(spark), c, reports(spark), roster(spark), POLICY, LocalDate.of(2021, 9, 12)),
        cols("rule", "symptom_group", "CAST(first_detected AS STRING)", "cases"),
        row("class_3day", "conjunctivitis", "2021-09-12", 5L));
  }

  @Test
  void aContinuingClusterStaysOneAlertAndANewOneNeedsSevenQuietDays(SparkSession spark) {
    List<Object[]> rows = new ArrayList<>();
    // three on 09-10, three on 09-14 (3 quiet days: same alert), three on 09-25 (10 quiet days: new
    // alert)
    for (String day : new String[] {"2021-09-10", "2021-09-14", "2021-09-25"}) {
      for (int i = 0; i < 3; i++) rows.add(pupil(day + i, "1班", day, "fever", "unknown"));
    }
    Dataset<Row> alerts =
        ClusterAlerts.alerts(
            schools(spark),
            cases(spark, rows.toArray(Object[][]::new)),
            reports(spark),
            roster(spark),
            POLICY,
            LocalDate.of(2021, 9, 26));
    DatasetAssert.assertRows(
        alerts.filter("rule = 'class_same_day'"),
        cols("CAST(first_detected AS STRING)", "CAST(last_detected AS STRING)", "cases", "status"),
        row("2021-09-10", "2021-09-14", 6L, "closed"),
        row("2021-09-25", "2021-09-25", 3L, "active"));
  }

  @Test
  void everyAlertsCasesAreItsPersonsOneRowEach(SparkSession spark) {
    // five pupils over three days (class_3day), one of them on two report days; six days later a
    // pupil of the same class that no alert window reaches
    Dataset<Row> c =
        cases(
            spark,
            pupil("a", "2班", "2021-09-10", "gi", "norovirus"),
            pupil("b", "2班", "2021-09-10", "gi", "norovirus"),
            pupil("c", "2班", "2021-09-11", "gi", "norovirus"),
            pupil("d", "2班", "2021-09-12", "gi", "norovirus"),
            pupil("e", "2班", "2021-09-12", "gi", "norovirus"),
            pupil("a", "2班", "2021-09-12", "gi", "norovirus"),
            pupil("z", "2班", "2021-09-20", "gi", "norovirus"));
    Dataset<Row> alerts =
        ClusterAlerts.alerts(
                schools(spark), c, reports(spark), roster(spark), POLICY, LocalDate.of(2021, 9, 20))
            .cache();
    Dataset<Row> members = ClusterAlerts.alertCases(alerts, c);
    List<Row> perAlert =
        alerts
            .join(
                members.groupBy("alert_id").count().withColumnRenamed("alert_id", "_a"),
                org.apache
                    .spark
                    .sql
                    .functions
                    .col("alert_id")
                    .equalTo(org.apache.spark.sql.functions.col("_a")),
                "left")
            .selectExpr("rule", "cases", "coalesce(count, 0)")
            .collectAsList();
    assertFalse(perAlert.isEmpty());
    for (Row r : perAlert)
      assertEquals(r.getLong(1), r.getLong(2), r.getString(0) + ": rows = cases");
    String id = alerts.filter("rule = 'class_3day'").select("alert_id").first().getString(0);
    DatasetAssert.assertRows(
        members.filter(org.apache.spark.sql.functions.col("alert_id").equalTo(id)),
        cols("person_key", "CAST(onset_date AS STRING)", "CAST(first_report_date AS STRING)"),
        row("a", "2021-09-10", "2021-09-10"),
        row("b", "2021-09-10", "2021-09-10"),
        row("c", "2021-09-11", "2021-09-11"),
        row("d", "2021-09-12", "2021-09-12"),
        row("e", "2021-09-12", "2021-09-12"));
  }

  @Test
  void twoHandFootMouthCasesInOneClassAreASchoolDiseaseAlertWithTheClass(SparkSession spark) {
    Dataset<Row> c =
        cases(
            spark,
            pupil("a", "3班", "2021-09-10", "rash", "hfmd"),
            pupil("b", "3班", "2021-09-13", "rash", "hfmd"));
    Dataset<Row> alerts =
        ClusterAlerts.alerts(
            schools(spark), c, reports(spark), roster(spark), POLICY, LocalDate.of(2021, 9, 13));
    DatasetAssert.assertRows(
        alerts,
        cols("rule", "grade", "class_name", "diagnosis", "CAST(first_detected AS STRING)", "cases"),
        row("school_disease", "一年级", "3班", "hfmd", "2021-09-13", 2L));
  }

  @Test
  void earsC2FiresWhenTheRateJumpsAboveThreeFlooredDeviations(SparkSession spark) {
    Policy ears = AppConfig.fromString("").policy();
    List<Object[]> r = new ArrayList<>();
    // baseline 1% each day; 09-10 jumps to 6%: (0.06 - 0.01) / max(0, 0.01) = 5 > 3
    for (int day = 1; day <= 10; day++) {
      r.add(
          new Object[] {
            d(String.format("2021-09-%02d", day)), "3301020001", 100, day == 10 ? 6 : 1
          });
    }
    Dataset<Row> reports =
        Frames.of(
            spark,
            Tables.SILVER_DAILY_REPORTS.schema(),
            cols("report_date", "school_code", "students_expected", "students_absent_illness"),
            r.toArray(Object[][]::new));
    Dataset<Row> alerts =
        ClusterAlerts.alerts(
            schools(spark), cases(spark), reports, roster(spark), ears, LocalDate.of(2021, 9, 10));
    DatasetAssert.assertRows(
        alerts,
        cols("rule", "CAST(first_detected AS STRING)", "cases"),
        row("school_ears_c2", "2021-09-10", 6L));
  }

  @Test
  void threeIliTheSameDayAreThirtyPercentOfAClassOfTenButNotOfForty(SparkSession spark) {
    List<Object[]> pupils = new ArrayList<>(List.of(classOf("1班", 10)));
    pupils.addAll(List.of(classOf("2班", 40)));
    Dataset<Row> c =
        cases(
            spark,
            pupil("1班-0", "1班", "2021-09-10", "ili", "unknown"),
            pupil("1班-1", "1班", "2021-09-10", "ili", "unknown"),
            pupil("1班-2", "1班", "2021-09-10", "ili", "unknown"),
            pupil("2班-0", "2班", "2021-09-10", "ili", "unknown"),
            pupil("2班-1", "2班", "2021-09-10", "ili", "unknown"),
            pupil("2班-2", "2班", "2021-09-10", "ili", "unknown"));
    Dataset<Row> alerts =
        ClusterAlerts.alerts(
            schools(spark),
            c,
            reports(spark),
            roster(spark, pupils.toArray(Object[][]::new)),
            POLICY,
            LocalDate.of(2021, 9, 10));
    DatasetAssert.assertRows(
        alerts.filter("rule = 'class_rate'"),
        cols("class_name", "symptom_group", "measure", "threshold", "rate", "cases"),
        row("1班", "ili", "rate", 0.30, 0.30, 3L));
    // the persons rules still fire in both classes, unchanged
    DatasetAssert.assertRows(
        alerts.filter("rule = 'class_same_day'"),
        cols("class_name", "measure", "rate"),
        row("1班", "persons", null),
        row("2班", "persons", null));
  }

  @Test
  void aRateBelowMinPersonsDoesNotFire(SparkSession spark) {
    // 2 of a class of 5 (40 %) and 9 of 100 expected at school (9 %): both rates reach their
    // threshold, but not the 3 and 10 persons the rules require
    List<Object[]> rows = new ArrayList<>();
    rows.add(pupil("1班-0", "1班", "2021-09-10", "ili", "unknown"));
    rows.add(pupil("1班-1", "1班", "2021-09-10", "ili", "unknown"));
    for (int i = 0; i < 7; i++) rows.add(pupil("x" + i, "3班", "2021-09-10", "ili", "unknown"));
    Dataset<Row> c = cases(spark, rows.toArray(Object[][]::new));
    Dataset<Row> reports = reports(spark, new Object[] {d("2021-09-10"), "3301020001", 100});
    Dataset<Row> roster = roster(spark, classOf("1班", 5));
    LocalDate day = LocalDate.of(2021, 9, 10);
    DatasetAssert.assertRows(
        ClusterAlerts.alerts(schools(spark), c, reports, roster, POLICY, day)
            .filter("measure = 'rate'"),
        cols("rule"));
    // one case more at school (10 of 100) and min-persons 2 for the class: both fire
    rows.add(pupil("x7", "3班", "2021-09-10", "ili", "unknown"));
    Policy two =
        AppConfig.fromString(
                "epiwatch.policy.cluster.ears-c2.enabled = false\n"
                    + "epiwatch.policy.cluster.rules = ["
                    + "{ rule = class_rate, scope = class, window = 1, threshold = 0.30, measure = rate,"
                    + " min-persons = 2, symptom-group = ili, from = \"2000-01-01\" },"
                    + " { rule = school_ili_rate, scope = school, window = 1, threshold = 0.05,"
                    + " measure = rate, min-persons = 10, symptom-group = ili, from = \"2000-01-01\" } ]")
            .policy();
    DatasetAssert.assertRows(
        ClusterAlerts.alerts(
            schools(spark), cases(spark, rows.toArray(Object[][]::new)), reports, roster, two, day),
        cols("rule", "class_name", "rate", "cases"),
        row("class_rate", "1班", 0.40, 2L),
        row("school_ili_rate", null, 0.10, 10L));
  }

  @Test
  void withoutADailyReportTheSchoolRateUsesTheEnrolment(SparkSession spark) {
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < 10; i++) rows.add(pupil("x" + i, "3班", "2021-09-10", "ili", "unknown"));
    Dataset<Row> schools =
        Frames.of(
            spark,
            Tables.SILVER_SCHOOLS.schema(),
            cols("school_code", "school_name", "district_code", "valid_from", "students_enrolled"),
            new Object[] {"3301020001", "甲校", "330102", d("2021-09-01"), 400});
    LocalDate day = LocalDate.of(2021, 9, 10);
    Dataset<Row> c = cases(spark, rows.toArray(Object[][]::new));
    // 10 of 400 enrolled = 2.5 %: below 5 %
    assertEquals(
        0L,
        ClusterAlerts.alerts(schools, c, reports(spark), roster(spark), POLICY, day)
            .filter("rule = 'school_ili_rate'")
            .count());
    // 10 of 200 expected on the day's report = 5 %
    DatasetAssert.assertRows(
        ClusterAlerts.alerts(
                schools,
                c,
                reports(spark, new Object[] {d("2021-09-10"), "3301020001", 200}),
                roster(spark),
                POLICY,
                day)
            .filter("rule = 'school_ili_rate'"),
        cols("rate", "cases"),
        row(0.05, 10L));
  }

  @Test
  void threeSameDayCasesInADormOfThreeClassesAreADormAlertButNoClassAlert(SparkSession spark) {
    // 1班 and 2班 give the dormitory on the case row; 3班's row leaves it empty and the roster has it
    Dataset<Row> c =
        Frames.of(
            spark,
            Tables.SILVER_ABSENCE_CASES.schema(),
            cols(
                "report_date",
                "school_code",
                "person_key",
                "person_type",
                "grade",
                "class_name",
                "onset_date",
                "symptom_group",
                "diagnosis",
                "dormitory"),
            new Object[] {
              d("2021-09-10"),
              "3301020001",
              "a",
              "student",
              "一年级",
              "1班",
              d("2021-09-10"),
              "ili",
              "unknown",
              "3号楼205"
            },
            new Object[] {
              d("2021-09-10"),
              "3301020001",
              "b",
              "student",
              "一年级",
              "2班",
              d("2021-09-10"),
              "ili",
              "unknown",
              "3号楼205"
            },
            new Object[] {
              d("2021-09-10"),
              "3301020001",
              "c",
              "student",
              "一年级",
              "3班",
              d("2021-09-10"),
              "ili",
              "unknown",
              null
            },
            // a pupil of another dormitory, same day: not counted
            new Object[] {
              d("2021-09-10"),
              "3301020001",
              "e",
              "student",
              "一年级",
              "3班",
              d("2021-09-10"),
              "ili",
              "unknown",
              "3号楼206"
            });
    Dataset<Row> roster =
        Frames.of(
            spark,
            Tables.SILVER_ROSTER.schema(),
            cols(
                "person_key",
                "school_code",
                "person_type",
                "grade",
                "class_name",
                "dormitory",
                "status",
                "valid_from"),
            new Object[] {
              "c", "3301020001", "student", "一年级", "3班", "3号楼205", "active", d("2021-09-01")
            });
    Dataset<Row> cases = ClusterAlerts.withDormitory(c, roster);
    Dataset<Row> alerts =
        ClusterAlerts.alerts(
                schools(spark), cases, reports(spark), roster, POLICY, LocalDate.of(2021, 9, 10))
            .cache();
    DatasetAssert.assertRows(
        alerts,
        cols("rule", "dormitory", "grade", "class_name", "symptom_group", "measure", "cases"),
        row("dorm_same_day", "3号楼205", null, null, "ili", "persons", 3L));
    DatasetAssert.assertRows(
        ClusterAlerts.alertCases(alerts, cases),
        cols("person_key", "class_name"),
        row("a", "1班"),
        row("b", "2班"),
        row("c", "3班"));
  }
}
