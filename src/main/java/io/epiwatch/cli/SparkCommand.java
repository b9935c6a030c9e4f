package io.epiwatch.cli;

import io.epiwatch.config.AppConfig;
import io.epiwatch.spark.JobContext;
import io.epiwatch.spark.Sessions;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import picocli.CommandLine.Mixin;

/**
 * Base of the subcommands that need Spark: builds the context, runs, stops the session. Public for
 * the benchmark's main (src/bench), which is a command of the same shape outside the product CLI.
 */
public abstract class SparkCommand implements Callable<Integer> {
  @Mixin protected CommonOptions common;

  @Override
  public final Integer call() throws Exception {
    Logging.configure(common.verbose);
    AppConfig config = common.config();
    SparkSession spark =
        Sessions.create(config, "epiwatch " + getClass().getSimpleName(), sessionConf());
    try {
      return run(JobContext.of(config, spark, common.runDate(config), Clock.system(config.zone())));
    } finally {
      spark.stop();
    }
  }

  protected abstract int run(JobContext ctx) throws Exception;

  /** Spark settings this command needs on top of conf/ (none by default). */
  protected Map<String, String> sessionConf() {
    return Map.of();
  }
}
