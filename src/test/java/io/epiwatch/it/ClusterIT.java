package io.epiwatch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.epiwatch.catalog.TableSpec;
import io.epiwatch.catalog.Tables;
import io.epiwatch.catalog.Warehouse;
import io.epiwatch.testing.ChildJvm;
import io.epiwatch.testing.DatasetAssert;
import io.epiwatch.testing.SparkExtension;
import io.epiwatch.testing.SparkTest;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * The application jar runs unchanged under spark-submit on a Spark standalone cluster: a master and
 * a worker start on loopback from the jars on the classpath (no Spark distribution: a SPARK_HOME
 * whose jars/ links the runtime jars, and SPARK_SCALA_VERSION, stack-notes), the daily job is
 * submitted with SparkSubmit, and its gold tables must equal a local run's. The inbox is read
 * through a filesystem scheme that only the session's configuration knows ({@code
 * spark.hadoop.fs.epitest.impl}, class shipped with --jars, see AliasLocalFileSystem): executors
 * run in their own JVMs and can read the inbox only when the driver's Hadoop configuration reaches
 * them.
 */
@SparkTest
class ClusterIT {

  @Test
  void dailyJobSubmittedToAStandaloneClusterGivesTheSameGoldTablesAsALocalRun(SparkSession spark)
      throws Exception {
    Path work = SparkExtension.newFolder("cluster");
    Path sparkHome = fakeSparkHome(work.resolve("spark-home"));
    Map<String, String> env =
        Map.of(
            "SPARK_HOME",
            sparkHome.toString(),
            "SPARK_SCALA_VERSION",
            "2.13",
            "SPARK_LOCAL_IP",
            "127.0.0.1",
            "SPARK_LOG_DIR",
            work.toString(),
            "SPARK_WORKER_DIR",
            work.resolve("worker").toString());
    int port = freePort();
    String master = "spark://127.0.0.1:" + port;
    List<Process> daemons = new ArrayList<>();
    try {
      daemons.add(
          ChildJvm.builder(
                  "org.apache.spark.deploy.master.Master",
                  env,
                  "--host",
                  "127.0.0.1",
                  "--port",
                  String.valueOf(port),
                  "--webui-port",
                  String.valueOf(freePort()))
              .redirectErrorStream(true)
              .redirectOutput(work.resolve("master.log").toFile())
              .start());
      daemons.add(
          ChildJvm.builder(
                  "org.apache.spark.deploy.worker.Worker",
                  env,
                  "--host",
                  "127.0.0.1",
                  "--cores",
                  "2",
                  "--memory",
                  "2g",
                  "--webui-port",
                  String.valueOf(freePort()),
                  master)
              .redirectErrorStream(true)
              .redirectOutput(work.resolve("worker.log").toFile())
              .start());

      String flags = String.join(" ", ChildJvm.sparkFlags());
      Path clusterWh = work.resolve("wh-cluster");
      String inbox =
          AliasLocalFileSystem.SCHEME + "://" + ChildJvm.projectDir().resolve("data-sample/inbox");
      Process submit =
          ChildJvm.builder(
                  "org.apache.spark.deploy.SparkSubmit",
                  env,
                  "--master",
                  master,
                  "--deploy-mode",
                  "client",
                  "--class",
                  "io.epiwatch.cli.Main",
                  "--conf",
                  "spark.driver.extraJavaOptions=" + flags,
                  "--conf",
                  "spark.executor.extraJavaOptions=" + flags,
                  "--conf",
                  "spark.executor.memory=1g",
                  "--conf",
                  "spark.driver.host=127.0.0.1",
                  "--conf",
                  "spark.hadoop.fs."
                      + AliasLocalFileSystem.SCHEME
                      + ".impl="
                      + AliasLocalFileSystem.class.getName(),
                  "--jars",
                  testFileSystemJar(work).toString(),
                  ChildJvm.projectDir().resolve("target/epiwatch.jar").toString(),
                  "run-daily",
                  "--conf",
                  SampleRun.conf(),
                  "--inbox",
                  inbox,
                  "--warehouse",
                  clusterWh.toString(),
                  "--out",
                  work.resolve("out-cluster").toString(),
                  "--date",
                  "2021-10-05")
              .redirectErrorStream(true)
              .redirectOutput(work.resolve("submit.log").toFile())
              .start();
      assertEquals(
          true,
          submit.waitFor(15, TimeUnit.MINUTES),
          "spark-submit finished; log " + work.resolve("submit.log"));
      assertEquals(
          0, submit.exitValue(), "spark-submit exit code; log " + work.resolve("submit.log"));
    } finally {
      for (Process d : daemons) d.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }

    Path localWh = SampleRun.warehouse();
    // Every inbox file was read through the session-only scheme, by executors in their own JVMs.
    Warehouse read = new Warehouse(spark, work.resolve("wh-cluster").toString());
    assertEquals(
        0L,
        read.read(Tables.OPS_INGEST_MANIFEST.id())
            .filter(
                "NOT startswith(file, '"
                    + AliasLocalFileSystem.SCHEME
                    + ":') OR status <> 'loaded'")
            .count());

    Warehouse cluster = new Warehouse(spark, work.resolve("wh-cluster").toString());
    Warehouse local = new Warehouse(spark, localWh.toString());
    for (TableSpec t : Tables.GOLD) {
      DatasetAssert.assertSameRows(local.read(t.id()), cluster.read(t.id()));
    }
  }

  /** A jar holding only the test filesystem, so that it reaches the cluster by --jars alone. */
  private static Path testFileSystemJar(Path work) throws IOException {
    String entry = AliasLocalFileSystem.class.getName().replace('.', '/') + ".class";
    Path jar = work.resolve("epitest-fs.jar");
    try (InputStream in = AliasLocalFileSystem.class.getClassLoader().getResourceAsStream(entry);
        JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar))) {
      out.putNextEntry(new JarEntry(entry));
      in.transferTo(out);
      out.closeEntry();
    }
    return jar;
  }

  private static Path fakeSparkHome(Path home) throws IOException {
    Path jars = Files.createDirectories(home.resolve("jars"));
    for (String entry : ChildJvm.classpath().split(File.pathSeparator)) {
      Path jar = Path.of(entry);
      if (entry.endsWith(".jar") && !entry.endsWith("epiwatch.jar") && Files.exists(jar)) {
        Path link = jars.resolve(jar.getFileName());
        if (!Files.exists(link)) Files.createSymbolicLink(link, jar);
      }
    }
    return home;
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }
}
