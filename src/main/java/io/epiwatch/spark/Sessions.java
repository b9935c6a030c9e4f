package io.epiwatch.spark;

import io.epiwatch.config.AppConfig;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * Builds the one SparkSession of a process, with Delta configured. Under spark-submit the master
 * and deploy settings come from the cluster and are left alone; embedded runs use the configured
 * master (local[*] by default) and stay on loopback. A jobs/ script given a cluster's master
 * ({@code EPIWATCH_SPARK_MASTER=spark://host:7077}) is the driver itself: the executors get the
 * application jar through {@code spark.jars}, as spark-submit would ship it.
 */
public final class Sessions {
  private Sessions() {}

  public static SparkSession create(AppConfig config, String appName) {
    return create(config, appName, Map.of());
  }

  /** As {@link #create(AppConfig, String)}, with settings a command adds (they win over conf/). */
  public static SparkSession create(
      AppConfig config, String appName, Map<String, String> commandConf) {
    SparkConf probe = new SparkConf(); // sees spark.* system properties set by spark-submit
    SparkSession.Builder b = SparkSession.builder().appName(appName);
    boolean submitted = probe.contains("spark.master");
    if (!submitted) {
      String master = config.sparkMaster();
      b.master(master);
      if (master.startsWith("local")) {
        b.config("spark.driver.host", "127.0.0.1").config("spark.driver.bindAddress", "127.0.0.1");
      } else {
        jarToShip(master, probe, codeSource()).ifPresent(jar -> b.config("spark.jars", jar));
      }
    }
    configure(b, config.sparkConf(), config.warehouse());
    fromConf(config).forEach(b::config);
    commandConf.forEach(b::config);
    return b.getOrCreate();
  }

  /**
   * The application jar the executors of a cluster {@code master} need, when this process runs from
   * it (a jobs/ script: target/epiwatch.jar, lib/epiwatch.jar in a bundle); none for a local
   * master, or when the classes come from a folder (tests, jobs/bench), where {@code spark.jars}
   * must be configured (conf/: epiwatch.spark.conf, or {@code -Dspark.jars=} in
   * EPIWATCH_JAVA_OPTS). A configured {@code spark.jars} wins: one in conf/ is applied after this,
   * and one set as a system property (seen by {@code probe}) leaves nothing to ship.
   */
  static Optional<String> jarToShip(String master, SparkConf probe, Optional<Path> codeSource) {
    if (master.startsWith("local") || probe.contains("spark.jars")) return Optional.empty();
    return codeSource
        .filter(p -> p.getFileName() != null && p.getFileName().toString().endsWith(".jar"))
        .map(p -> p.toAbsolutePath().toString());
  }

  private static Optional<Path> codeSource() {
    try {
      var source = Sessions.class.getProtectionDomain().getCodeSource();
      return source == null ? Optional.empty() : Optional.of(Path.of(source.getLocation().toURI()));
    } catch (URISyntaxException | IllegalArgumentException | SecurityException e) {
      return Optional.empty();
    }
  }

  /**
   * The extra settings of the read-only sessions (jobs/sql, jobs/serve): the Delta extension
   * followed by {@link io.epiwatch.catalog.ReadOnlyExtension}. The jobs that write never get it.
   */
  public static Map<String, String> readOnly() {
    return Map.of(
        "spark.sql.extensions", DELTA_EXTENSION + "," + io.epiwatch.catalog.ReadOnlyExtension.NAME);
  }

  private static final String DELTA_EXTENSION = "io.delta.sql.DeltaSparkSessionExtension";

  /**
   * The Spark settings derived from epiwatch's own: the session time zone is the configured {@code
   * epiwatch.time-zone} (timestamps are read, computed and printed in it, whatever the host's
   * zone); the event log is on when {@code epiwatch.spark.event-log-dir} is set (a local folder is
   * created if missing, so the first run does not fail on it).
   */
  public static Map<String, String> fromConf(AppConfig config) {
    Map<String, String> m = new java.util.LinkedHashMap<>();
    m.put("spark.sql.session.timeZone", config.zone().getId());
    config
        .eventLogDir()
        .ifPresent(
            dir -> {
              java.net.URI uri = new org.apache.hadoop.fs.Path(dir).toUri();
              if (uri.getScheme() == null || uri.getScheme().equals("file")) {
                java.nio.file.Path local = java.nio.file.Path.of(uri.getPath()).toAbsolutePath();
                try {
                  java.nio.file.Files.createDirectories(local);
                } catch (java.io.IOException e) {
                  throw new IllegalArgumentException(
                      "epiwatch.spark.event-log-dir = "
                          + dir
                          + ": cannot create the folder ("
                          + e
                          + ")",
                      e);
                }
                dir = local.toUri().toString();
              }
              m.put("spark.eventLog.enabled", "true");
              m.put("spark.eventLog.dir", dir);
            });
    return m;
  }

  /** The settings every session needs, shared with the test base. */
  public static SparkSession.Builder configure(
      SparkSession.Builder b, Map<String, String> extra, String warehouse) {
    b.config("spark.sql.extensions", DELTA_EXTENSION)
        .config(
            "spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
        // The warehouse folder layout is the catalog; no metastore to lock (docs/decisions.md).
        .config("spark.sql.catalogImplementation", "in-memory")
        .config("spark.sql.warehouse.dir", warehouse + "/_spark")
        .config("spark.sql.legacy.timeParserPolicy", "CORRECTED")
        // file: without a chmod or readlink process per file (LocalFs; other schemes untouched).
        .config("spark.hadoop." + LocalFs.FS_IMPL, LocalFs.FileSystem.class.getName())
        .config("spark.hadoop." + LocalFs.ABSTRACT_FS_IMPL, LocalFs.AbstractFs.class.getName());
    extra.forEach(b::config);
    return b;
  }
}
