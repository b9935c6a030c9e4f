package io.epiwatch.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Site configuration layered over the shipped defaults; precedence CLI > env > site > defaults. No
 * Spark.
 */
class AppConfigTest {
  @TempDir Path dir;

  /** The README's three-line example. */
  Path site() throws Exception {
    return write(
        "site.conf",
        """
        epiwatch.warehouse = "/data/epiwatch/warehouse"
        epiwatch.inbox = "/data/epiwatch/inbox"
        epiwatch.spark.event-log-dir = "/var/log/epiwatch/spark-events"
        """);
  }

  Path write(String name, String text) throws Exception {
    return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
  }

  @Test
  void aThreeLineSiteFileChangesItsValuesAndKeepsEveryDefault() throws Exception {
    AppConfig c = AppConfig.load(site(), Map.of(), null);
    assertEquals("/data/epiwatch/warehouse", c.warehouse());
    assertEquals("/data/epiwatch/inbox", c.inbox());
    assertEquals(Optional.of("/var/log/epiwatch/spark-events"), c.eventLogDir());
    // Everything else is the shipped default (today's --conf replaced the whole file).
    assertEquals("out", c.out());
    assertEquals(ZoneId.of("Asia/Shanghai"), c.zone());
    assertEquals("local[*]", c.sparkMaster());
    assertEquals("8", c.sparkConf().get("spark.sql.shuffle.partitions"));
    assertEquals(30, c.raw().getInt("epiwatch.maintain.retention-days"));
    assertEquals(
        AppConfig.load(null, Map.of(), null).policy().toString(),
        c.policy().toString(),
        "policy untouched");
    assertEquals(Optional.of(site()), c.siteFile());
  }

  @Test
  void precedenceIsCommandLineThenEnvironmentThenSiteThenDefaults() throws Exception {
    Path site = site();
    Map<String, String> env = Map.of("EPIWATCH_INBOX", "/env/inbox", "EPIWATCH_OUT", "/env/out");
    AppConfig c = AppConfig.load(site, env, null);
    assertEquals("/data/epiwatch/warehouse", c.warehouse(), "site over defaults");
    assertEquals("/env/inbox", c.inbox(), "environment over site");
    assertEquals("/env/out", c.out(), "environment over defaults");
    AppConfig cli = c.withPaths(null, "/cli/inbox", null);
    assertEquals("/cli/inbox", cli.inbox(), "command line over environment");
    assertEquals("/data/epiwatch/warehouse", cli.warehouse());
    assertEquals(c.siteFile(), cli.siteFile());
    // Without the environment variable the site value holds again.
    assertEquals("/data/epiwatch/inbox", AppConfig.load(site, Map.of(), null).inbox());
  }

  @Test
  void theSiteFileIsFoundThroughConfThenEpiwatchConfThenTheDefaultLocation() throws Exception {
    Path site = site();
    Path other = write("other.conf", "epiwatch.warehouse = \"/other\"\n");
    Path absent = dir.resolve("etc-site.conf");
    assertEquals(
        "/data/epiwatch/warehouse",
        AppConfig.load(null, Map.of(AppConfig.CONF_ENV, site.toString()), absent).warehouse());
    assertEquals(
        "/other",
        AppConfig.load(other, Map.of(AppConfig.CONF_ENV, site.toString()), absent).warehouse(),
        "--conf wins");
    assertEquals(
        "/data/epiwatch/warehouse",
        AppConfig.load(null, Map.of(), site).warehouse(),
        "default location");
    AppConfig none = AppConfig.load(null, Map.of(), absent);
    assertEquals("warehouse", none.warehouse(), "no site file: the defaults");
    assertFalse(none.siteFile().isPresent());
    assertTrue(none.eventLogDir().isEmpty(), "event log off by default");

    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                AppConfig.load(
                    null, Map.of(AppConfig.CONF_ENV, dir.resolve("typo.conf").toString()), site));
    assertTrue(
        e.getMessage().startsWith("EPIWATCH_CONF=" + dir.resolve("typo.conf")), e.getMessage());
    e =
        assertThrows(
            IllegalArgumentException.class,
            () -> AppConfig.load(dir.resolve("nope.conf"), Map.of(), null));
    assertTrue(e.getMessage().startsWith("--conf " + dir.resolve("nope.conf")), e.getMessage());
  }

  @Test
  void siteObjectsMergeKeyByKeyAndTheSiteMayUseEnvironmentVariables() throws Exception {
    Path site =
        write(
            "site.conf",
            """
        epiwatch.spark.conf { "spark.sql.shuffle.partitions" = "32" }
        epiwatch.secret.file = ${?SITE_SECRET_FILE}
        epiwatch.time-zone = "Asia/Urumqi"
        """);
    AppConfig c = AppConfig.load(site, Map.of("SITE_SECRET_FILE", "/etc/epiwatch/secret"), null);
    assertEquals("32", c.sparkConf().get("spark.sql.shuffle.partitions"));
    assertEquals(
        "true",
        c.sparkConf().get("spark.databricks.delta.properties.defaults.enableDeletionVectors"),
        "other defaults kept");
    assertEquals(Optional.of("/etc/epiwatch/secret"), c.secretFile());
    assertEquals(ZoneId.of("Asia/Urumqi"), c.zone());
    // The environment's own secret variable still overrides what the site file says.
    AppConfig env =
        AppConfig.load(
            site, Map.of("SITE_SECRET_FILE", "/a", "EPIWATCH_HMAC_SECRET_FILE", "/b"), null);
    assertEquals(Optional.of("/b"), env.secretFile());
  }

  @Test
  void theIntegrationTestsConfThatIncludesTheDefaultsStillLoads() {
    Path itConf =
        Path.of(System.getProperty("epiwatch.project.dir", "."))
            .resolve("src/test/resources/it.conf");
    AppConfig c = AppConfig.load(itConf, Map.of(), null);
    assertEquals("2", c.sparkConf().get("spark.sql.shuffle.partitions"));
    assertEquals("warehouse", c.warehouse());
    // the tests run with the tiny-data settings jobs/demo takes from conf/small-data.conf
    Path smallData =
        Path.of(System.getProperty("epiwatch.project.dir", ".")).resolve("conf/small-data.conf");
    Map<String, String> demo = AppConfig.load(smallData, Map.of(), null).sparkConf();
    assertEquals(demo, c.sparkConf());
    assertEquals("false", demo.get("spark.sql.codegen.wholeStage"));
    assertEquals("NO_CODEGEN", demo.get("spark.sql.codegen.factoryMode"));
    assertEquals("false", demo.get("spark.sql.adaptive.enabled"));
    // the shipped defaults leave code generation and adaptive execution to Spark (on)
    Map<String, String> shipped = AppConfig.fromString("").sparkConf();
    assertFalse(shipped.containsKey("spark.sql.codegen.wholeStage"), shipped.toString());
    assertFalse(shipped.containsKey("spark.sql.adaptive.enabled"), shipped.toString());
  }
}
