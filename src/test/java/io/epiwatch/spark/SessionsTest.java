package io.epiwatch.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.epiwatch.config.AppConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The Spark settings every session takes from epiwatch's configuration (no Spark started). */
class SessionsTest {
  @TempDir Path dir;

  @Test
  void theSessionTimeZoneIsTheConfiguredZoneAndTheEventLogIsOffByDefault() {
    Map<String, String> m = Sessions.fromConf(AppConfig.fromString("epiwatch.time-zone = \"UTC\""));
    assertEquals("UTC", m.get("spark.sql.session.timeZone"));
    assertFalse(m.containsKey("spark.eventLog.enabled"));
    assertEquals(
        "Asia/Shanghai",
        Sessions.fromConf(AppConfig.fromString("")).get("spark.sql.session.timeZone"));
  }

  @Test
  void aConfiguredLocalEventLogFolderIsCreatedAndEnabled() {
    Path events = dir.resolve("spark-events");
    Map<String, String> m =
        Sessions.fromConf(
            AppConfig.fromString("epiwatch.spark.event-log-dir = \"" + events + "\""));
    assertEquals("true", m.get("spark.eventLog.enabled"));
    assertEquals(events.toUri().toString(), m.get("spark.eventLog.dir"));
    assertTrue(Files.isDirectory(events));
  }

  @Test
  void aClusterMasterGetsTheApplicationJarWhenTheClassesComeFromOne() {
    Path jar = dir.resolve("epiwatch.jar");
    SparkConf none = new SparkConf(false);
    assertEquals(
        Optional.of(jar.toAbsolutePath().toString()),
        Sessions.jarToShip("spark://127.0.0.1:7077", none, Optional.of(jar)));
    assertEquals(Optional.empty(), Sessions.jarToShip("local[*]", none, Optional.of(jar)));
    assertEquals(
        Optional.empty(),
        Sessions.jarToShip("spark://127.0.0.1:7077", none, Optional.of(dir.resolve("classes"))));
    assertEquals(Optional.empty(), Sessions.jarToShip("yarn", none, Optional.empty()));
  }

  @Test
  void aSparkJarsSystemPropertyIsNotOverriddenByTheJarThisProcessRunsFrom() {
    SparkConf given = new SparkConf(false).set("spark.jars", "/opt/epiwatch/epiwatch.jar");
    assertEquals(
        Optional.empty(),
        Sessions.jarToShip(
            "spark://127.0.0.1:7077", given, Optional.of(dir.resolve("epiwatch.jar"))));
  }
}
