package io.epiwatch.testing;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs a class from the packaged application (target/epiwatch.jar + the runtime classpath) in a
 * separate JVM, as the jobs/ scripts do: for integration tests that need a process of their
 * own (a cluster, a kill, a second concurrent run).
 */
public final class ChildJvm {
  private ChildJvm() {}

  public static Path projectDir() {
    return Path.of(System.getProperty("epiwatch.project.dir", ".")).toAbsolutePath();
  }

  /** The application jar followed by the runtime classpath (Spark included). */
  public static String classpath() {
    Path target = projectDir().resolve("target");
    try {
      String cp = Files.readString(target.resolve("runtime-classpath.txt"), StandardCharsets.UTF_8).trim();
      return target.resolve("epiwatch.jar") + File.pathSeparator + cp;
    } catch (IOException e) {
      throw new IllegalStateException("run 'mvn package' first: target/runtime-classpath.txt is missing", e);
    }
  }

  /** The JVM flags Spark needs on Java 17 (same list as jobs/lib/env.sh). */
  public static List<String> sparkFlags() {
    return Arrays.asList(System.getProperty("epiwatch.spark.jvm.flags",
        "-XX:+IgnoreUnrecognizedVMOptions --add-opens=java.base/sun.util.calendar=ALL-UNNAMED").trim().split("\\s+"));
  }

  public static ProcessBuilder builder(String mainClass, Map<String, String> env, String... args) {
    return builder(mainClass, env, List.of(), args);
  }

  /**
   * The class-data-sharing archive jobs/lib/env.sh keeps beside the jar (target/epiwatch.jsa):
   * mapped when it is newer than the jar, as the jobs do; the first {@link #runCli} after a build
   * writes it.
   */
  private static Path cdsArchive() {
    return projectDir().resolve("target/epiwatch.jsa");
  }

  private static boolean cdsArchiveCurrent() {
    Path archive = cdsArchive();
    Path jar = projectDir().resolve("target/epiwatch.jar");
    try {
      return Files.exists(archive) && Files.getLastModifiedTime(archive).compareTo(Files.getLastModifiedTime(jar)) > 0;
    } catch (IOException e) {
      return false;
    }
  }

  private static final java.util.concurrent.atomic.AtomicBoolean CDS_BEING_WRITTEN = new java.util.concurrent.atomic.AtomicBoolean();

  private static ProcessBuilder builder(String mainClass, Map<String, String> env, List<String> jvmFlags, String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.add("-Xmx2g");
    cmd.addAll(sparkFlags());
    cmd.add("-Xlog:cds*=off");
    if (cdsArchiveCurrent()) cmd.add("-XX:SharedArchiveFile=" + cdsArchive());
    cmd.addAll(jvmFlags);
    cmd.add("-cp");
    cmd.add(classpath());
    cmd.add(mainClass);
    cmd.addAll(Arrays.asList(args));
    ProcessBuilder pb = new ProcessBuilder(cmd).directory(projectDir().toFile());
    pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
    pb.environment().putAll(env);
    return pb;
  }

  /** Runs the CLI to completion; returns the exit code. Output goes to the given log file. */
  public static int runCli(Path log, Map<String, String> env, long timeoutSeconds, String... args)
      throws IOException, InterruptedException {
    boolean writeCds = !cdsArchiveCurrent() && CDS_BEING_WRITTEN.compareAndSet(false, true);
    Path tmp = cdsArchive().resolveSibling("epiwatch.jsa." + ProcessHandle.current().pid() + ".tmp");
    try {
      Process p = builder("io.epiwatch.cli.Main", env, writeCds ? List.of("-XX:ArchiveClassesAtExit=" + tmp) : List.of(), args)
          .redirectErrorStream(true).redirectOutput(log.toFile()).start();
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException("timed out after " + timeoutSeconds + " s: " + String.join(" ", args) + "; log " + log);
      }
      if (writeCds && Files.exists(tmp) && Files.size(tmp) > 0) {
        Files.move(tmp, cdsArchive(), java.nio.file.StandardCopyOption.REPLACE_EXISTING, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      }
      return p.exitValue();
    } finally {
      if (writeCds) {
        Files.deleteIfExists(tmp);
        CDS_BEING_WRITTEN.set(false);
      }
    }
  }
}
