package io.epiwatch.gold;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.first;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.stddev_samp;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.epiwatch.common.Coded;
import io.epiwatch.common.EarsLevel;
import io.epiwatch.common.OrgLevel;
import io.epiwatch.common.SymptomGroup;
import io.epiwatch.config.Policy;
import io.epiwatch.spark.OrgColumns;
import java.sql.Date;
import java.time.LocalDate;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * District EARS-C2 (docs/rules.md §4.4.2, gold.district_ears): per day, district and symptom group,
 * the line-list rows per 1,000 expected students against the rates of days t-9..t-3, with the two
 * levels warning and alert. A detector beside the cluster rules, not an alert of
 * gold.cluster_alerts.
 */
public final class DistrictEars {
  private DistrictEars() {}

  /**
   * Every day t &lt;= D on which the district's daily reports expect students, for every symptom
   * group: report_date, the org columns (district level), district_code, district_name,
   * symptom_group, cases, students_expected, rate_per_1000, baseline_days, baseline_mean,
   * baseline_sd, z, level. Empty when disabled.
   *
   * @param schools silver.schools (each row's district is its school's in force on t)
   * @param reports silver.daily_reports (the denominator: students_expected)
   * @param cases silver.absence_cases (the numerator: line-list rows of report_date t)
   */
  public static Dataset<Row> days(
      Dataset<Row> schools,
      Dataset<Row> reports,
      Dataset<Row> cases,
      Policy.DistrictEars e,
      LocalDate d) {
    Column upToD = col("report_date").leq(lit(Date.valueOf(d)));
    Dataset<Row> expected =
        OrgRollup.withSchoolInForce(
                reports.filter(upToD.and(lit(e.enabled()))), schools, "report_date")
            .groupBy("report_date", "district_code")
            .agg(
                first("district_name", true).as("district_name"),
                sum(coalesce(col("students_expected"), lit(0)))
                    .cast("bigint")
                    .as("students_expected"))
            .filter(col("students_expected").gt(0));
    Dataset<Row> counted =
        OrgRollup.withSchoolInForce(
                cases.filter(upToD).select("report_date", "school_code", "symptom_group"),
                schools,
                "report_date")
            .groupBy(
                col("report_date").as("_d"),
                col("district_code").as("_dc"),
                col("symptom_group").as("_g"))
            .agg(count(lit(1)).as("cases"));
    Dataset<Row> groups =
        reports
            .sparkSession()
            .createDataset(Coded.codes(SymptomGroup.class), Encoders.STRING())
            .toDF("symptom_group");
    Dataset<Row> x =
        expected
            .crossJoin(groups)
            .join(
                counted,
                col("report_date")
                    .equalTo(col("_d"))
                    .and(col("district_code").equalTo(col("_dc")))
                    .and(col("symptom_group").equalTo(col("_g"))),
                "left")
            .drop("_d", "_dc", "_g")
            .withColumn("cases", coalesce(col("cases"), lit(0L)))
            .withColumn(
                "rate_per_1000", col("cases").multiply(1000.0).divide(col("students_expected")));
    // the baseline frame: the rows of days t-from .. t-to (days without a row have no rate)
    WindowSpec baseline =
        Window.partitionBy("district_code", "symptom_group")
            .orderBy(datediff(col("report_date"), lit(Date.valueOf("1970-01-01"))))
            .rangeBetween(-e.baselineFrom(), -e.baselineTo());
    Column enough = col("baseline_days").geq(e.minBaselineDays());
    Column z =
        col("rate_per_1000")
            .minus(col("baseline_mean"))
            .divide(greatest(coalesce(col("baseline_sd"), lit(0.0)), lit(e.sdFloor())));
    return x.withColumn("baseline_days", count("rate_per_1000").over(baseline).cast("int"))
        .withColumn("baseline_mean", when(enough, avg("rate_per_1000").over(baseline)))
        .withColumn("baseline_sd", when(enough, stddev_samp("rate_per_1000").over(baseline)))
        .withColumn("z", when(enough, z))
        .withColumn(
            "level",
            when(col("cases").lt(e.minCases()), lit(null).cast("string"))
                .when(col("z").gt(e.alert()), EarsLevel.ALERT.code())
                .when(col("z").gt(e.warning()), EarsLevel.WARNING.code()))
        .withColumn("org_level", lit(OrgLevel.DISTRICT.code()))
        .withColumn("org_code", col("district_code"))
        .withColumn("org_name", coalesce(col("district_name"), col("district_code")))
        .withColumn("parent_code", OrgColumns.cityOf(col("district_code")))
        .select(
            "report_date",
            "org_level",
            "org_code",
            "org_name",
            "parent_code",
            "district_code",
            "district_name",
            "symptom_group",
            "cases",
            "students_expected",
            "rate_per_1000",
            "baseline_days",
            "baseline_mean",
            "baseline_sd",
            "z",
            "level");
  }
}
