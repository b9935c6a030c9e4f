package io.epiwatch.silver;

import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * silver.return_batches (docs/rules.md §2.14): one row per (school_code, grade, batch_start_date),
 * the later file and line of repeated rows. Which row applies when a grade has several dates for
 * one term start is decided where S is used (gold.ReturnDeferrals), from source_file and
 * source_line kept here.
 */
public final class ReturnBatchesSilver {
  private ReturnBatchesSilver() {}

  public static final List<String> KEY = List.of("school_code", "grade", "batch_start_date");

  public static Dataset<Row> build(Dataset<Row> bronze) {
    return Latest.perKey(bronze, KEY, null);
  }
}
