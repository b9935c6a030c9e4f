package io.epiwatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.epiwatch.testing.SparkTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.TimeZone;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * jobs/sql output on a host in UTC with the configured zone Asia/Shanghai (the session zone):
 * timestamps ISO 8601 in the configured zone, arrays and maps as JSON in every format.
 */
@SparkTest
class ResultPrinterTest {
  static final String QUERY =
      "SELECT TIMESTAMP'2021-10-03 09:17:00' AS submitted_at, DATE'2021-10-03' AS report_date, "
          + "array('BAD_DATE', 'FUTURE_DATE') AS reasons, map('rows_in', 3L) AS row_counts, 'A,\"b\"' AS s, CAST(NULL AS ARRAY<STRING>) AS n";

  static String print(SparkSession spark, ResultPrinter.Format format) {
    TimeZone host = TimeZone.getDefault();
    TimeZone.setDefault(TimeZone.getTimeZone("UTC")); // a production host in UTC
    try {
      Dataset<Row> df = spark.sql(QUERY);
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      ResultPrinter.print(df, format, 100, new PrintStream(bytes, true, StandardCharsets.UTF_8));
      return bytes.toString(StandardCharsets.UTF_8);
    } finally {
      TimeZone.setDefault(host);
    }
  }

  @Test
  void csvPrintsTimestampsInTheConfiguredZoneAndArraysAndMapsAsJson(SparkSession spark) {
    assertEquals("Asia/Shanghai", spark.conf().get("spark.sql.session.timeZone"));
    String csv = print(spark, ResultPrinter.Format.csv);
    assertEquals(
        "submitted_at,report_date,reasons,row_counts,s,n\n"
            + "2021-10-03T09:17:00+08:00,2021-10-03,\"[\"\"BAD_DATE\"\",\"\"FUTURE_DATE\"\"]\",\"{\"\"rows_in\"\":3}\",\"A,\"\"b\"\"\",\n",
        csv);
  }

  @Test
  void jsonLinesCarryArraysAsJsonAndTimestampsWithTheOffset(SparkSession spark) {
    String json = print(spark, ResultPrinter.Format.json);
    assertEquals(
        "{\"submitted_at\":\"2021-10-03T09:17:00.000+08:00\",\"report_date\":\"2021-10-03\","
            + "\"reasons\":[\"BAD_DATE\",\"FUTURE_DATE\"],\"row_counts\":{\"rows_in\":3},\"s\":\"A,\\\"b\\\"\"}\n",
        json);
  }

  @Test
  void theTableViewIsReadable(SparkSession spark) {
    String table = print(spark, ResultPrinter.Format.table);
    String[] lines = table.split("\n");
    assertTrue(
        lines[2].startsWith(
            "2021-10-03T09:17:00+08:00 | 2021-10-03  | [\"BAD_DATE\",\"FUTURE_DATE\"] | {\"rows_in\":3}"),
        table);
    assertTrue(lines[2].endsWith("| NULL"), table);
    assertEquals("(1 row)", lines[3]);
  }
}
