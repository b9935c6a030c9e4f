package io.epiwatch.silver;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * silver.contraindications: latest row per person by recorded_at (docs/rules.md §2, §7). An expired
 * one is kept with its valid_until; whether it is valid on D is decided in gold (recorded_at <= D
 * and valid_until empty or >= D).
 */
public final class ContraindicationsSilver {
  private ContraindicationsSilver() {}

  public static final List<String> KEY = List.of("person_key");

  public static Dataset<Row> build(Dataset<Row> bronze) {
    return Latest.perKey(bronze, KEY, "recorded_at");
  }
}
