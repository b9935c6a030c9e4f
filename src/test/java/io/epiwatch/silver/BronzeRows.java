package io.epiwatch.silver;

import io.epiwatch.contract.BronzeSchema;
import io.epiwatch.contract.SourceSpec;
import java.sql.Date;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructType;

/**
 * Literal bronze rows with exactly the schema {@code BronzeSchema.of(spec)}: the test names the
 * columns it cares about; lineage defaults to file "f1.csv", line = position + 2.
 */
final class BronzeRows {
  private BronzeRows() {}

  static Date d(String s) {
    return Date.valueOf(s);
  }

  static Timestamp ts(String s) {
    return Timestamp.valueOf(s.length() == 16 ? s + ":00" : s);
  }

  static Dataset<Row> of(SparkSession spark, SourceSpec spec, String[] columns, Object[]... rows) {
    StructType schema = BronzeSchema.of(spec);
    List<String> cols = Arrays.asList(columns);
    List<Row> out = new ArrayList<>();
    for (int r = 0; r < rows.length; r++) {
      Object[] v = new Object[schema.size()];
      for (int i = 0; i < schema.size(); i++) {
        String name = schema.fields()[i].name();
        int at = cols.indexOf(name);
        if (at >= 0) {
          Object x = rows[r][at];
          v[i] =
              x instanceof List<?> l
                  ? scala.jdk.javaapi.CollectionConverters.asScala(l).toSeq()
                  : x;
        } else {
          v[i] =
              switch (name) {
                case BronzeSchema.SOURCE_FILE -> "f1.csv";
                case BronzeSchema.SOURCE_LINE -> (long) (r + 2);
                case BronzeSchema.SOURCE_SHA256 -> "sha-" + spec.name();
                case BronzeSchema.BATCH_ID -> "b1";
                case BronzeSchema.INGESTED_AT -> ts("2021-09-01 00:00");
                default -> null;
              };
        }
      }
      out.add(RowFactory.create(v));
    }
    return spark.createDataFrame(out, schema);
  }

  static String[] cols(String... c) {
    return c;
  }
}
