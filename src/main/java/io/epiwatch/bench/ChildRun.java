package io.epiwatch.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Runs the CLI in a new JVM, as cron runs jobs/run-daily (same classpath and JVM options as this
 * process), and measures what a scheduler sees: wall time including JVM start, the exit code, and
 * the peak resident set size (polled from /proc every 100 ms on Linux, -1 elsewhere).
 */
public final class ChildRun {
  public record Result(int exitCode, double seconds, long peakRssMb, Path log) {}

  private ChildRun() {}

  static Result run(Path log, String... args) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    cmd.addAll(ManagementFactory.getRuntimeMXBean().getInputArguments());
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add("io.epiwatch.cli.Main");
    cmd.addAll(List.of(args));
    try {
      Files.createDirectories(log.toAbsolutePath().getParent());
      long t0 = System.nanoTime();
      Process p = new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
      long peakKb = -1;
      Path status = Path.of("/proc", Long.toString(p.pid()), "status");
      while (p.isAlive()) {
        peakKb = Math.max(peakKb, rssKb(status));
        Thread.sleep(100);
      }
      double secs = (System.nanoTime() - t0) / 1e9;
      return new Result(p.exitValue(), secs, peakKb < 0 ? -1 : peakKb / 1024, log);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + String.join(" ", args), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static long rssKb(Path status) {
    try {
      for (String line : Files.readAllLines(status)) {
        if (line.startsWith("VmRSS:")) return Long.parseLong(line.replaceAll("[^0-9]", ""));
      }
    } catch (IOException | NumberFormatException e) {
      return -1; // process gone, or not Linux
    }
    return -1;
  }
}
