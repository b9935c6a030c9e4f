package io.epiwatch.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.epiwatch.catalog.TableId;
import io.epiwatch.catalog.Warehouse;
import io.epiwatch.testing.SparkExtension;
import io.epiwatch.testing.SparkTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

@SparkTest
class SqlShellTest {
  @Test
  void multiLineStatementsTimeTravelHistoryAndOneLineErrorsWithTheirPosition(SparkSession spark) {
    Warehouse wh = new Warehouse(spark, SparkExtension.newFolder("shell").toString());
    String path = wh.path(TableId.gold("shell_t"));
    spark.sql("SELECT 'a' AS k, 1 AS v").write().format("delta").save(path);
    spark.sql("SELECT 'b' AS k, 2 AS v").write().format("delta").mode("append").save(path);
    var scope = io.epiwatch.catalog.ReadOnlyQueries.Scope.of(wh, wh.registerAll(false));
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8);

    new SqlShell(spark, wh, scope, ResultPrinter.Format.csv, 100)
        .run(
            List.of(
                    "\\d",
                    "SELECT k, v",
                    "  FROM gold.shell_t ORDER BY k;",
                    "SELECT count(*) AS n FROM gold.shell_t VERSION AS OF 0;",
                    "DESCRIBE HISTORY gold.shell_t;",
                    "SELECT nope FROM gold.shell_t;",
                    "\\q",
                    "SELECT 'after quit' AS x;")
                .iterator(),
            out);

    String s = buf.toString(StandardCharsets.UTF_8);
    assertTrue(s.contains("gold.shell_t\n"), s);
    assertTrue(s.contains("k,v\na,1\nb,2\n"), s);
    assertTrue(s.contains("n\n1\n"), "time travel by table name: " + s);
    assertTrue(s.contains("WRITE"), "history by table name: " + s);
    assertTrue(
        s.lines()
            .anyMatch(
                l ->
                    l.startsWith("error: ")
                        && l.contains("nope")
                        && (l.contains("pos 7") || l.contains("position 8"))),
        s);
    assertFalse(s.contains("after quit"));
  }
}
