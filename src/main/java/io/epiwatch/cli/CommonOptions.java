package io.epiwatch.cli;

import io.epiwatch.config.AppConfig;
import java.nio.file.Path;
import java.time.LocalDate;
import picocli.CommandLine.Option;

/** Options shared by every subcommand (a picocli mixin). */
public class CommonOptions {
  @Option(
      names = "--conf",
      paramLabel = "FILE",
      description = "Configuration file (default: the bundled conf/epiwatch.conf).")
  Path conf;

  @Option(
      names = "--date",
      paramLabel = "YYYY-MM-DD",
      description = "Run (business) date (default: today in the configured time zone).")
  LocalDate date;

  @Option(
      names = "--inbox",
      paramLabel = "DIR",
      description = "Inbox folder with one sub-folder per source.")
  String inbox;

  @Option(
      names = "--warehouse",
      paramLabel = "DIR",
      description = "Warehouse folder or URI (default: ./warehouse).")
  String warehouse;

  @Option(
      names = "--out",
      paramLabel = "DIR",
      description = "Output folder for briefings (default: ./out).")
  String out;

  @Option(
      names = {"-v", "--verbose"},
      description = "Log Spark's own messages too.")
  boolean verbose;

  /** The --conf file, or null for the bundled defaults. */
  public Path confFile() {
    return conf;
  }

  AppConfig config() {
    return AppConfig.load(conf).withPaths(warehouse, inbox, out);
  }

  LocalDate runDate(AppConfig config) {
    return date != null ? date : LocalDate.now(config.zone());
  }
}
