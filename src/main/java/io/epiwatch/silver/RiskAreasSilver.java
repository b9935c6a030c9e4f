package io.epiwatch.silver;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.lead;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * silver.risk_areas as a type-2 dimension of risk periods (docs/rules.md §7): latest row per
 * (area_code, effective_from) by announced_at; a period runs from effective_from and ends at
 * effective_to or the day before the next period of the area starts, whichever is earlier (both
 * ends inclusive). A lift is an effective_to; a re-announcement is a new period. Periods of one
 * area depend on each other, so an area is always rebuilt whole.
 */
public final class RiskAreasSilver {
  private RiskAreasSilver() {}

  public static final List<String> KEY = List.of("area_code", "effective_from");

  /**
   * @param bronze every bronze row of the areas to rebuild
   */
  public static Dataset<Row> build(Dataset<Row> bronze) {
    Dataset<Row> latest = Latest.perKey(bronze, KEY, "announced_at");
    WindowSpec byArea = Window.partitionBy("area_code").orderBy("effective_from");
    Column dayBeforeNext = date_add(lead("effective_from", 1).over(byArea), -1);
    return latest
        .withColumn("period_from", col("effective_from"))
        .withColumn(
            "period_to",
            when(dayBeforeNext.isNull(), col("effective_to"))
                .otherwise(least(coalesce(col("effective_to"), dayBeforeNext), dayBeforeNext)))
        .withColumn("is_current", col("period_to").isNull());
  }
}
