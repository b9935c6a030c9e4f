package io.epiwatch.cli;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;

/** Our progress at INFO, Spark's own noise at WARN unless --verbose. Logs go to stderr. */
final class Logging {
  private Logging() {}

  static void configure(boolean verbose) {
    Configurator.setRootLevel(verbose ? Level.INFO : Level.WARN);
    Configurator.setLevel("io.epiwatch", Level.INFO);
  }
}
