package io.epiwatch.silver;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;

import io.epiwatch.common.QualityFlag;
import java.sql.Timestamp;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * ops.data_quality rows from silver (docs/rules.md §1, §2, §4.2): ZERO_REPORT_CONTRADICTION and
 * LINE_LIST_COUNT_MISMATCH on daily reports (record_key report_date|school_code), and the dose
 * flags of silver.vaccinations (record_key person_key|dose_number). Flags are loaded rows that are
 * suspicious, never rejections.
 */
public final class DataQualityFlags {
  private DataQualityFlags() {}

  public static final String DAILY_REPORTS = "daily_reports";
  public static final String VACCINATIONS = "vaccinations";

  /** Flags of daily reports: needs every line-list row of the same (report_date, school_code). */
  public static Dataset<Row> ofReports(Dataset<Row> silverReports, Dataset<Row> silverCases) {
    Dataset<Row> zero =
        silverReports
            .filter("zero_report_contradiction")
            .select(
                lit(QualityFlag.ZERO_REPORT_CONTRADICTION.code()).as("flag"),
                lit(DAILY_REPORTS).as("source"),
                reportKey().as("record_key"),
                col("report_date").as("business_date"),
                col("school_code"),
                expr("concat('zero report with illness absences ', coalesce(students_absent_illness,0) + coalesce(staff_absent_illness,0), "
                        + "', fever ', coalesce(fever_cases,0), ', suspected ', coalesce(suspected_cases,0), ', confirmed ', coalesce(confirmed_cases,0))")
                    .as("detail"),
                col("source_file"),
                col("source_line"));
    Dataset<Row> listed =
        silverCases.groupBy("report_date", "school_code").agg(count(lit(1)).as("_listed"));
    Dataset<Row> mismatch =
        silverReports
            .join(listed, Latest.seq("report_date", "school_code"), "left")
            .withColumn(
                "_summary",
                coalesce(col("students_absent_illness"), lit(0))
                    .plus(coalesce(col("staff_absent_illness"), lit(0))))
            .filter(col("_summary").notEqual(coalesce(col("_listed"), lit(0L))))
            .select(
                lit(QualityFlag.LINE_LIST_COUNT_MISMATCH.code()).as("flag"),
                lit(DAILY_REPORTS).as("source"),
                reportKey().as("record_key"),
                col("report_date").as("business_date"),
                col("school_code"),
                expr("concat('summary illness absences ', _summary, ' but ', coalesce(_listed, 0), ' line-list rows')")
                    .as("detail"),
                col("source_file"),
                col("source_line"));
    return zero.unionByName(mismatch);
  }

  public static Dataset<Row> ofDoses(Dataset<Row> silverDoses) {
    return silverDoses
        .select(col("*"), functions.explode(col("flags")).as("flag"))
        .select(
            col("flag"),
            lit(VACCINATIONS).as("source"),
            doseKey().as("record_key"),
            col("vaccination_date").as("business_date"),
            col("school_code"),
            expr("concat('dose ', dose_number, ' on ', vaccination_date, ' (', coalesce(product, vaccine_product), ')')")
                .as("detail"),
            col("source_file"),
            col("source_line"));
  }

  public static Dataset<Row> stamped(Dataset<Row> flags, Timestamp at) {
    return flags.withColumn("detected_at", lit(at));
  }

  static org.apache.spark.sql.Column reportKey() {
    return concat_ws("|", col("report_date").cast("string"), col("school_code"));
  }

  static org.apache.spark.sql.Column doseKey() {
    return concat_ws("|", col("person_key"), col("dose_number").cast("string"));
  }
}
