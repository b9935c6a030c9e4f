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
 * jobs/serve in a process of its own over the sample warehouse; a Spark Connect client (the one
 * in the spark-connect jar) queries gold tables by name and must see what a local read of the
 * same Delta tables gives, with time travel and history, and no restricted table.
 */
@SparkTest
class ServeIT {
  static Process server;
  static Path log;
  static org.apache.spark.sql.connect.SparkSession client;

  @BeforeAll
  static void startServer() throws Exception {
    Path wh = SampleRun.warehouse();
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    log = SampleRun.work().resolve("serve.log");
    server = ChildJvm.builder("io.epiwatch.cli.Main", Map.of(), "serve", "--conf", SampleRun.conf(), "--warehouse", wh.toString(),
        "--port", Integer.toString(port)).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    long deadline = System.nanoTime() + 180_000_000_000L;
    while (!listening(port)) {
      assertTrue(server.isAlive(), "jobs/serve exited early; log " + log);
      assertTrue(System.nanoTime() < deadline, "jobs/serve not listening after 180 s; log " + log);
      Thread.sleep(500);
    }
    client = org.apache.spark.sql.connect.SparkSession.builder().remote("sc://127.0.0.1:" + port).create();
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
    String query = "SELECT report_date, org_level, org_code, expected, reported, on_time, reporting_rate FROM gold.reporting_compliance"
        + " WHERE org_level <> 'school'";
    List<Row> remote = client.sql(query).collectAsList();
    Warehouse local = new Warehouse(spark, SampleRun.warehouse().toString());
    local.read(Tables.GOLD_REPORTING_COMPLIANCE.id()).createOrReplaceTempView("local_compliance");
    List<Row> expected = spark.sql(query.replace("gold.reporting_compliance", "local_compliance")).collectAsList();
    assertTrue(expected.size() > 35, "district and city rows for every day of the sample");
    DatasetAssert.assertRows(remote, new String[] {"report_date", "org_level", "org_code", "expected", "reported", "on_time", "reporting_rate"},
        expected);
  }

  @Test
  void timeTravelAndHistoryWorkByTableName() {
    long versions = client.sql("DESCRIBE HISTORY gold.attendance").count();
    assertTrue(versions >= 1);
    long first = client.sql("SELECT count(*) FROM gold.attendance VERSION AS OF 0").first().getLong(0);
    long now = client.sql("SELECT count(*) FROM gold.attendance").first().getLong(0);
    assertTrue(first > 0 && now >= first, "version 0 has " + first + " rows, the latest " + now);
  }

  @Test
  void restrictedTablesAreNotServedByDefault() throws Exception {
    Exception e = assertThrows(Exception.class, () -> client.sql("SELECT count(*) FROM restricted.person_identity").collectAsList());
    assertTrue(e.getMessage().contains("TABLE_OR_VIEW_NOT_FOUND"), e.getMessage());
    String serverLog = Files.readString(log, StandardCharsets.UTF_8);
    assertTrue(serverLog.contains("Spark Connect server listening on sc://127.0.0.1:"), serverLog);
    assertEquals(-1, serverLog.indexOf("restricted tables registered"), "no restricted access without --restricted");
  }
}
