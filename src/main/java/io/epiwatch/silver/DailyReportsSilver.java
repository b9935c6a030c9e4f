package io.epiwatch.silver;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * silver.daily_reports (docs/rules.md §2, §4.1, §7): the latest version per (report_date,
 * school_code) wins; first_submitted_at keeps the earliest accepted submission (on-time is decided
 * on it, so a correction a week later never makes a report late), versions counts the submissions.
 * A zero report carrying illness, fever, suspected or confirmed counts > 0 is flagged.
 */
public final class DailyReportsSilver {
  private DailyReportsSilver() {}

  public static final List<String> KEY = List.of("report_date", "school_code");

  /**
   * @param bronze every bronze version of the (report_date, school_code) keys to build
   */
  public static Dataset<Row> build(Dataset<Row> bronze) {
    WindowSpec key = Window.partitionBy(Latest.cols(KEY));
    Dataset<Row> withFirst =
        Latest.withFirstSubmitted(bronze, KEY)
            .withColumn("versions", count(lit(1)).over(key).cast("int"));
    return Latest.perKey(withFirst, KEY, "submitted_at")
        .withColumn("zero_report_contradiction", zeroReportContradiction());
  }

  static Column zeroReportContradiction() {
    Column anyCase =
        n("students_absent_illness")
            .plus(n("staff_absent_illness"))
            .plus(n("fever_cases"))
            .plus(n("suspected_cases"))
            .plus(n("confirmed_cases"))
            .gt(0);
    return coalesce(col("zero_report"), lit(false)).and(anyCase);
  }

  private static Column n(String c) {
    return coalesce(col(c), lit(0));
  }
}
