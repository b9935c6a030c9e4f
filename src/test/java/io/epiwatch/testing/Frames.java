package io.epiwatch.testing;

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

/** Literal rows with a declared schema: the test names the columns it sets; others are null. */
public final class Frames {
  private Frames() {}

  public static Date d(String s) {
    return Date.valueOf(s);
  }

  public static Timestamp ts(String s) {
    return Timestamp.valueOf(s.length() == 16 ? s + ":00" : s);
  }

  public static String[] cols(String... c) {
    return c;
  }

  /**
   * silver.schools rows, each {school_code, school_name, district_code, district_name, city_code,
   * valid_from} (the other columns null): the schools fixture of the gold tests.
   */
  public static Dataset<Row> schools(SparkSession spark, Object[]... rows) {
    return of(
        spark,
        io.epiwatch.catalog.Tables.SILVER_SCHOOLS.schema(),
        cols(
            "school_code",
            "school_name",
            "district_code",
            "district_name",
            "city_code",
            "valid_from"),
        rows);
  }

  public static Dataset<Row> of(
      SparkSession spark, StructType schema, String[] columns, Object[]... rows) {
    List<String> names = Arrays.asList(columns);
    List<Row> out = new ArrayList<>();
    for (Object[] r : rows) {
      Object[] v = new Object[schema.size()];
      for (int i = 0; i < schema.size(); i++) {
        int at = names.indexOf(schema.fields()[i].name());
        Object x = at >= 0 ? r[at] : null;
        v[i] =
            x instanceof List<?> l ? scala.jdk.javaapi.CollectionConverters.asScala(l).toSeq() : x;
      }
      out.add(RowFactory.create(v));
    }
    return spark.createDataFrame(out, schema);
  }
}
