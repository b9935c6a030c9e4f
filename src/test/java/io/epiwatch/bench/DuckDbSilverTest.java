package io.epiwatch.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.epiwatch.testing.SparkExtension;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The DuckDB peer against the Spark pipeline on the shipped sample (run date 2021-10-05): every
 * silver table has the declared columns and types and the same rows ({@link SilverComparison}).
 * DuckDbSilverEdgeCasesIT does the same on rows aimed at each rule.
 */
@ExtendWith(SparkExtension.class)
class DuckDbSilverTest {
  private static final Path SAMPLE = Path.of("data-sample/inbox").toAbsolutePath();

  @Test
  void everySilverTableMatchesTheSparkPipelineRowForRowOnTheSample(SparkSession spark) throws SQLException {
    List<String> problems = SilverComparison.compareOn(spark, SAMPLE);
    assertTrue(problems.isEmpty(), String.join("\n", problems));
  }

  @Test
  void differenceReportsRowsOfEitherSideAsMultisets() {
    assertEquals(List.of(), SilverComparison.difference("t", List.of("a", "b", "b"), List.of("b", "a", "b")));
    assertEquals(1, SilverComparison.difference("t", List.of("a", "b"), List.of("a", "b", "b")).size());
  }
}
