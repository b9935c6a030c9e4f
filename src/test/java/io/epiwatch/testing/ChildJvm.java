package io.epiwatch.testing;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
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
 * separate JVM, as the jobs/ scripts do: for integration tests that need a process of their own (a
 * cluster, a kill, a second concurrent run), and for the benchmark's day N+1 runs (src/bench,
 * GrowthSeries), which measure what a scheduler sees ({@link #runCliMeasured}).
 */
public final class ChildJvm {
  private ChildJvm() {}

  /**
   * A finished child as a scheduler sees it: the exit code, the wall time including JVM start, the
   * peak resident set size (polled from /proc every 100 ms on Linux, -1 elsewhere), its log.
   */
  public record Measured(int exitCode, double seconds, long peakRssMb, Path log) {}

  public static Path projectDir() {
    return Path.of(System.getProperty("epiwatch.project.dir", ".")).toAbsolutePath();
  }

  /** The application jar followed by the runtime classpath (Spark included). */
  public static String classpath() {
    Path target = projectDir().resolve("target");
    try {
      String cp =
          Files.readString(target.resolve("runtime-classpath.txt"), StandardCharsets.UTF_8).trim();
      return target.resolve("epiwatch.jar") + File.pathSeparator + cp;
    } catch (IOException e) {
      throw new IllegalStateException(
          "run 'mvn package' first: target/runtime-classpath.txt is missing", e);
    }
  }

  /** The JVM flags Spark needs on Java 17 (same list as jobs/lib/env.sh). */
  public static List<String> sparkFlags() {
    return Arrays.asList(
        System.getProperty(
                "epiwatch.spark.jvm.flags",
                "-XX:+IgnoreUnrecognizedVMOptions --add-opens=java.base/sun.util.calendar=ALL-UNNAMED")
            .trim()
            .split("\\s+"));
  }

  /** The tests' child JVM options: a 2 GB heap and the Spark flags. */
  public static List<String> defaultJvmOptions() {
    List<String> options = new ArrayList<>(List.of("-Xmx2g"));
    options.addAll(sparkFlags());
    return options;
  }

  /** This JVM's own options (heap, Spark flags, -D settings): a child run sized like its parent. */
  public static List<String> thisJvmOptions() {
    return ManagementFactory.getRuntimeMXBean().getInputArguments();
  }

  public static ProcessBuilder builder(String mainClass, Map<String, String> env, String... args) {
    return builder(defaultJvmOptions(), mainClass, env, args);
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
      return Files.exists(archive)
          && Files.getLastModifiedTime(archive).compareTo(Files.getLastModifiedTime(jar)) > 0;
    } catch (IOException e) {
      return false;
    }
  }

  private static final java.util.concurrent.atomic.AtomicBoolean CDS_BEING_WRITTEN =
      new java.util.concurrent.atomic.AtomicBoolean();

  public static ProcessBuilder builder(
      List<String> jvmOptions, String mainClass, Map<String, String> env, String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(jvmOptions);
    cmd.add("-Xlog:cds*=off");
    boolean writing = jvmOptions.stream().anyMatch(o -> o.startsWith("-XX:ArchiveClassesAtExit="));
    if (!writing && cdsArchiveCurrent()) cmd.add("-XX:SharedArchiveFile=" + cdsArchive());
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
    Path tmp =
        cdsArchive().resolveSibling("epiwatch.jsa." + ProcessHandle.current().pid() + ".tmp");
    try {
      List<String> options = new ArrayList<>(defaultJvmOptions());
      if (writeCds) options.add("-XX:ArchiveClassesAtExit=" + tmp);
      Process p =
          builder(options, "io.epiwatch.cli.Main", env, args)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      if (!p.waitFor(timeoutSeconds, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IllegalStateException(
            "timed out after " + timeoutSeconds + " s: " + String.join(" ", args) + "; log " + log);
      }
      if (writeCds && Files.exists(tmp) && Files.size(tmp) > 0) {
        Files.move(
            tmp,
            cdsArchive(),
            java.nio.file.StandardCopyOption.REPLACE_EXISTING,
            java.nio.file.StandardCopyOption.ATOMIC_MOVE);
      }
      return p.exitValue();
    } finally {
      if (writeCds) {
        Files.deleteIfExists(tmp);
        CDS_BEING_WRITTEN.set(false);
      }
    }
  }

  /**
   * Runs the CLI to completion with the given JVM options, with no time limit (a benchmark at
   * province scale runs for hours), measuring wall time and peak RSS. Output goes to the log file.
   */
  public static Measured runCliMeasured(Path log, List<String> jvmOptions, String... args) {
    try {
      Files.createDirectories(log.toAbsolutePath().getParent());
      long t0 = System.nanoTime();
      Process p =
          builder(jvmOptions, "io.epiwatch.cli.Main", Map.of(), args)
              .redirectErrorStream(true)
              .redirectOutput(log.toFile())
              .start();
      long peakKb = -1;
      Path status = Path.of("/proc", Long.toString(p.pid()), "status");
      while (!p.waitFor(100, TimeUnit.MILLISECONDS)) peakKb = Math.max(peakKb, rssKb(status));
      double secs = (System.nanoTime() - t0) / 1e9;
      return new Measured(p.exitValue(), secs, peakKb < 0 ? -1 : peakKb / 1024, log);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + String.join(" ", args), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted: " + String.join(" ", args), e);
    }
  }

  /** VmRSS of a /proc/PID/status file, -1 when the process is gone or this is not Linux. */
  private static long rssKb(Path status) {
    try {
      for (String line : Files.readAllLines(status)) {
        if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
    return -1;
  }
}
