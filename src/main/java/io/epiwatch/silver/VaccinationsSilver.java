package io.epiwatch.silver;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.epiwatch.common.QualityFlag;
import io.epiwatch.config.Policy;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.functions;

/**
 * silver.vaccinations (docs/rules.md §2, §7): latest row per (person, dose_number) (no submission
 * time: the later file, then the later line wins). The product is matched to
 * policy.vaccine-products (case-insensitive substring of vaccine_product or manufacturer; first
 * product in conf order wins) giving series_doses and min_interval_days. Flags per dose:
 * INTERVAL_TOO_SHORT (dose n > 1 earlier than dose n-1 + the min interval of the dose-1 product),
 * MISSING_PRIOR_DOSE (dose n > 1 without dose n-1), NOT_ON_ROSTER (person never on the roster).
 * Flags of a dose depend on the person's other doses, so a person is always rebuilt whole.
 */
public final class VaccinationsSilver {
  private VaccinationsSilver() {}

  public static final List<String> KEY = List.of("person_key", "dose_number");

  /**
   * @param bronze every bronze dose row of the persons to rebuild
   * @param rosterPersons person_key of everyone ever on the roster (at least the persons above)
   */
  public static Dataset<Row> build(
      Dataset<Row> bronze, Dataset<Row> rosterPersons, List<Policy.VaccineProduct> products) {
    Dataset<Row> latest = Latest.perKey(bronze, KEY, null);
    Column text =
        functions.lower(
            concat_ws(
                " ",
                coalesce(col("vaccine_product"), lit("")),
                coalesce(col("manufacturer"), lit(""))));
    Column product = lit(null).cast("string");
    Column series = lit(null).cast("int");
    Column interval = lit(null).cast("int");
    for (int i = products.size() - 1; i >= 0; i--) { // built back to front so the first match wins
      Policy.VaccineProduct p = products.get(i);
      Column match = lit(false);
      for (String m : p.match()) match = match.or(text.contains(m.toLowerCase(Locale.ROOT)));
      product = when(match, lit(p.product())).otherwise(product);
      series = when(match, lit(p.seriesDoses())).otherwise(series);
      interval = when(match, lit(p.minIntervalDays())).otherwise(interval);
    }
    Dataset<Row> withProduct =
        latest
            .withColumn("product", product)
            .withColumn("series_doses", series)
            .withColumn("min_interval_days", interval);
    WindowSpec byPerson = Window.partitionBy("person_key").orderBy("dose_number");
    WindowSpec wholePerson = Window.partitionBy("person_key");
    Column dose1Interval =
        functions
            .max(when(col("dose_number").equalTo(1), col("min_interval_days")))
            .over(wholePerson);
    Dataset<Row> onRoster = rosterPersons.select(col("person_key").as("_rp")).distinct();
    Column prevDose = col("_prev_dose");
    Column isNext = col("dose_number").gt(1).and(prevDose.equalTo(col("dose_number").minus(1)));
    return withProduct
        .withColumn("_prev_dose", lag("dose_number", 1).over(byPerson))
        .withColumn("_prev_date", lag("vaccination_date", 1).over(byPerson))
        .withColumn("_interval1", dose1Interval)
        .join(onRoster, col("person_key").equalTo(col("_rp")), "left")
        .withColumn(
            "flags",
            functions.filter(
                functions.array(
                    when(
                        isNext.and(
                            datediff(col("vaccination_date"), col("_prev_date"))
                                .lt(coalesce(col("_interval1"), lit(0)))),
                        lit(QualityFlag.INTERVAL_TOO_SHORT.code())),
                    when(
                        col("dose_number")
                            .gt(1)
                            .and(
                                prevDose
                                    .isNull()
                                    .or(prevDose.notEqual(col("dose_number").minus(1)))),
                        lit(QualityFlag.MISSING_PRIOR_DOSE.code())),
                    when(col("_rp").isNull(), lit(QualityFlag.NOT_ON_ROSTER.code()))),
                x -> x.isNotNull()))
        .withColumn("submitted_at", lit(null).cast("timestamp"))
        .drop("_prev_dose", "_prev_date", "_interval1", "_rp");
  }
}
