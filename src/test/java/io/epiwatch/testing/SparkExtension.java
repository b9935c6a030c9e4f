package io.epiwatch.testing;

import io.epiwatch.config.AppConfig;
import io.epiwatch.spark.Sessions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One local SparkSession per test JVM, shared by every test class ({@code @ExtendWith}); small
 * shuffle and snapshot partitions because test data is tiny (stack-notes: fixed costs dominate).
 * Injects {@link SparkSession} parameters. The session is stopped at JVM exit.
 */
public final class SparkExtension implements ParameterResolver {
  private static SparkSession session;
  private static Path scratch;

  public static synchronized SparkSession spark() {
    if (session == null) {
      try {
        scratch = Files.createTempDirectory("epiwatch-test-");
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
      SparkSession.Builder b =
          SparkSession.builder()
              .appName("epiwatch-tests")
              .master("local[2]")
              .config("spark.driver.host", "127.0.0.1")
              .config("spark.driver.bindAddress", "127.0.0.1");
      // The shipped Spark settings (conf/epiwatch.conf), then the test's own for 2 cores.
      Map<String, String> conf =
          new java.util.LinkedHashMap<>(AppConfig.fromString("").sparkConf());
      conf.putAll(
          Map.of(
              "spark.sql.shuffle.partitions", "2",
              "spark.default.parallelism", "2",
              "spark.databricks.delta.snapshotPartitions", "2",
              "spark.ui.enabled", "false",
              "spark.sql.session.timeZone", "Asia/Shanghai",
              "spark.databricks.delta.properties.defaults.enableDeletionVectors", "true",
              // as src/test/resources/it.conf: the tests' data are tiny (docs/benchmarks.md)
              "spark.sql.adaptive.enabled", "false"));
      session =
          Sessions.configure(b, conf, scratch.resolve("spark-warehouse").toString()).getOrCreate();
      session.sparkContext().setLogLevel("WARN");
      Runtime.getRuntime().addShutdownHook(new Thread(session::stop));
    }
    return session;
  }

  /** A fresh empty folder under the session's scratch space, e.g. for a test warehouse. */
  public static Path newFolder(String prefix) {
    spark();
    try {
      return Files.createTempDirectory(scratch, prefix);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Override
  public boolean supportsParameter(ParameterContext p, ExtensionContext e) {
    return p.getParameter().getType() == SparkSession.class;
  }

  @Override
  public Object resolveParameter(ParameterContext p, ExtensionContext e) {
    return spark();
  }
}
