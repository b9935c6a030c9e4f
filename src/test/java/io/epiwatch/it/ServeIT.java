package io.epiwatch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.epiwatch.catalog.Tables;
import io.epiwatch.catalog.Warehouse;
import io.epiwatch.testing.ChildJvm;
import io.epiwatch.testing.DatasetAssert;
import io.epiwatch.testing.SparkTest;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * jobs/serve in a process of its own over the sample warehouse; a Spark Connect client (the one in
 * the spark-connect jar) queries gold tables by name and must see what a local read of the same
 * Delta tables gives, with time travel and history, and no restricted table. Clients need the
 * token; every write, DDL, read by path (SQL or DataFrame) and client function is refused and the
 * warehouse keeps its versions.
 */
@SparkTest
class ServeIT {
  static Process server;
  static Path log;
  static org.apache.spark.sql.connect.SparkSession client;
  static final String TOKEN = "serve-it-token-0123456789abcdef";
  static int port;

  @BeforeAll
  static void startServer() throws Exception {
    Path wh = SampleRun.warehouse();
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    log = SampleRun.work().resolve("serve.log");
    server =
        ChildJvm.builder(
                "io.epiwatch.cli.Main",
                Map.of("EPIWATCH_SERVE_TOKEN", TOKEN),
                "serve",
                "--conf",
                SampleRun.conf(),
                "--warehouse",
                wh.toString(),
                "--port",
                Integer.toString(port))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    long deadline = System.nanoTime() + 180_000_000_000L;
    while (!listening(port)) {
      assertTrue(server.isAlive(), "jobs/serve exited early; log " + log);
      assertTrue(System.nanoTime() < deadline, "jobs/serve not listening after 180 s; log " + log);
      Thread.sleep(500);
    }
    client =
        org.apache.spark.sql.connect.SparkSession.builder()
            .remote("sc://localhost:" + port + "/;token=" + TOKEN)
            .create();
  }

  @AfterAll
  static void stopServer() throws Exception {
    if (client != null) client.close();
    if (server != null) {
      server.destroy(); // SIGTERM: the server's shutdown hook stops Connect and Spark
      server.waitFor();
    }
  }

  private static boolean listening(int port) {
    try (Socket s = new Socket()) {
      s.connect(new InetSocketAddress("127.0.0.1", port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  @Test
  void clientQueriesAGoldTableByNameAndGetsWhatTheTableHolds(SparkSession spark) throws Exception {
    String query =
        "SELECT report_date, org_level, org_code, expected, reported, on_time, reporting_rate FROM gold.reporting_compliance"
            + " WHERE org_level <> 'school'";
    List<Row> remote = client.sql(query).collectAsList();
    Warehouse local = new Warehouse(spark, SampleRun.warehouse().toString());
    local.read(Tables.GOLD_REPORTING_COMPLIANCE.id()).createOrReplaceTempView("local_compliance");
    List<Row> expected =
        spark.sql(query.replace("gold.reporting_compliance", "local_compliance")).collectAsList();
    assertTrue(expected.size() > 35, "district and city rows for every day of the sample");
    DatasetAssert.assertRows(
        remote,
        new String[] {
          "report_date",
          "org_level",
          "org_code",
          "expected",
          "reported",
          "on_time",
          "reporting_rate"
        },
        expected);
  }

  @Test
  void timeTravelAndHistoryWorkByTableName() {
    long versions = client.sql("DESCRIBE HISTORY gold.attendance").count();
    assertTrue(versions >= 1);
    long first =
        client.sql("SELECT count(*) FROM gold.attendance VERSION AS OF 0").first().getLong(0);
    long now = client.sql("SELECT count(*) FROM gold.attendance").first().getLong(0);
    assertTrue(first > 0 && now >= first, "version 0 has " + first + " rows, the latest " + now);
  }

  @Test
  void restrictedTablesAreNotServedByDefault() throws Exception {
    Exception e =
        assertThrows(
            Exception.class,
            () -> client.sql("SELECT count(*) FROM restricted.person_identity").collectAsList());
    assertTrue(e.getMessage().contains("TABLE_OR_VIEW_NOT_FOUND"), e.getMessage());
    String serverLog = Files.readString(log, StandardCharsets.UTF_8);
    assertTrue(serverLog.contains("Spark Connect server listening on sc://127.0.0.1:"), serverLog);
    assertEquals(
        -1,
        serverLog.indexOf("restricted tables registered"),
        "no restricted access without --restricted");
  }

  @Test
  void aClientWithoutTheTokenOrWithAnotherOneIsRefused() {
    for (String url :
        List.of(
            "sc://127.0.0.1:" + port,
            "sc://localhost:" + port + "/;token=not-the-token-0123456789")) {
      Exception e =
          assertThrows(
              Exception.class,
              () -> {
                org.apache.spark.sql.connect.SparkSession other =
                    org.apache.spark.sql.connect.SparkSession.builder().remote(url).create();
                try {
                  other.sql("SELECT count(*) FROM gold.attendance").collectAsList();
                } finally {
                  other.close();
                }
              });
      assertTrue(String.valueOf(e.getMessage()).contains("UNAUTHENTICATED"), url + ": " + e);
    }
  }

  @Test
  void writesDdlAndReadsByPathAreRefusedAndTheWarehouseKeepsItsVersions(SparkSession spark)
      throws Exception {
    Path wh = SampleRun.warehouse();
    Warehouse local = new Warehouse(spark, wh.toString());
    io.epiwatch.catalog.TableId identity =
        io.epiwatch.catalog.Tables.RESTRICTED_PERSON_IDENTITY.id();
    // Read the versions from the transaction logs' file names: the Connect client made itself the
    // JVM's default session, which Delta's own helpers would pick up.
    String idPath = local.path(identity);
    assertTrue(
        Files.isDirectory(Path.of(idPath, "_delta_log")), "the sample run wrote the identities");
    List<String> watched =
        List.of(
            local.path(Tables.GOLD_ATTENDANCE.id()),
            local.path(Tables.GOLD_REPORTING_COMPLIANCE.id()),
            idPath);
    List<Long> before = watched.stream().map(ServeIT::version).toList();
    Path dir = SampleRun.work().resolve("serve-dir-" + System.nanoTime());
    List<String> refused =
        List.of(
            "DELETE FROM gold.attendance WHERE org_level = 'city'",
            "delete /* x */ from GOLD.ATTENDANCE",
            "INSERT INTO gold.attendance SELECT * FROM gold.attendance",
            "WITH a AS (SELECT * FROM gold.attendance) INSERT INTO gold.attendance SELECT * FROM a",
            "UPDATE gold.reporting_compliance SET reported = 999 WHERE org_level = 'city'",
            "INSERT OVERWRITE DIRECTORY '" + dir + "' USING csv SELECT * FROM gold.attendance",
            "DROP TABLE gold.attendance",
            "SELECT id_number, name FROM delta.`" + idPath + "`",
            "-- comment\nselect ID_NUMBER from DELTA.`" + idPath + "`",
            "WITH p AS (SELECT * FROM delta.`" + idPath + "`) SELECT name FROM p",
            "SELECT * FROM parquet.`" + idPath + "`",
            "SELECT * FROM text.`/etc/passwd`",
            "SELECT reflect('java.lang.System', 'getenv', 'EPIWATCH_SERVE_TOKEN')");
    for (String sql : refused) {
      Exception e = assertThrows(Exception.class, () -> client.sql(sql).collectAsList(), sql);
      assertTrue(
          String.valueOf(e.getMessage()).contains("refused: "), sql + " -> " + e.getMessage());
    }
    List<Runnable> frames =
        List.of(
            () -> client.read().format("text").load("/etc/passwd").collectAsList(),
            () -> client.read().text("/etc/passwd").collectAsList(),
            () -> client.read().format("delta").load(idPath).collectAsList(),
            () -> client.read().parquet(idPath).collectAsList(),
            () -> client.table("delta.`" + idPath + "`").collectAsList(),
            () -> client.table("text.`/etc/passwd`").collectAsList(),
            () -> client.table("gold.attendance").write().format("csv").save(dir.toString()),
            () ->
                client
                    .table("gold.attendance")
                    .write()
                    .format("delta")
                    .mode("append")
                    .saveAsTable("gold.attendance"));
    for (int i = 0; i < frames.size(); i++) {
      Runnable r = frames.get(i);
      Exception e = assertThrows(Exception.class, r::run, "DataFrame call " + i);
      assertTrue(
          String.valueOf(e.getMessage()).contains("refused: "),
          "DataFrame call " + i + " -> " + e.getMessage());
      assertTrue(!String.valueOf(e.getMessage()).contains("root:x"), e.getMessage());
    }
    assertEquals(
        before, watched.stream().map(ServeIT::version).toList(), "no new version of " + watched);
    assertTrue(!Files.exists(dir), "no directory written");
    assertTrue(client.table("gold.attendance").count() > 0, "reads by name still work");
    assertTrue(
        client.sql("SELECT count(*) FROM gold.attendance VERSION AS OF 0").first().getLong(0) > 0);
  }

  /** The latest commit number in a Delta table's _delta_log. */
  static long version(String table) {
    try (var files = Files.list(Path.of(table, "_delta_log"))) {
      return files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.matches("\\d{20}\\.json"))
          .mapToLong(n -> Long.parseLong(n.substring(0, 20)))
          .max()
          .orElse(-1);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
