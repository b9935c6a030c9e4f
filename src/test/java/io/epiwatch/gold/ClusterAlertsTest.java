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
            schools(spark), c, spark.emptyDataFrame(), POLICY, LocalDate.of(2021, 9, 12));
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
            schools(spark), c, spark.emptyDataFrame(), POLICY, LocalDate.of(2021, 9, 12)),
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
            spark.emptyDataFrame(),
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
                schools(spark), c, spark.emptyDataFrame(), POLICY, LocalDate.of(2021, 9, 20))
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
            schools(spark), c, spark.emptyDataFrame(), POLICY, LocalDate.of(2021, 9, 13));
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
            schools(spark), cases(spark), reports, ears, LocalDate.of(2021, 9, 10));
    DatasetAssert.assertRows(
        alerts,
        cols("rule", "CAST(first_detected AS STRING)", "cases"),
        row("school_ears_c2", "2021-09-10", 6L));
  }
}
