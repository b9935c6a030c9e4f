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
      // The shipped Spark settings for a tiny inbox (conf/small-data.conf over conf/epiwatch.conf,
      // as the integration tests' it.conf), then the tests' own.
      Map<String, String> conf =
          new java.util.LinkedHashMap<>(
              AppConfig.fromString("include classpath(\"small-data.conf\")").sparkConf());
      conf.putAll(
          Map.of(
              "spark.ui.enabled", "false",
              "spark.sql.session.timeZone", "Asia/Shanghai"));
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
