package io.epiwatch.cli;

import io.epiwatch.catalog.ReadOnlyQueries;
import io.epiwatch.catalog.TableId;
import io.epiwatch.spark.JobContext;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Option;

/**
 * The tables a read-only command (jobs/sql, jobs/serve) serves, and its {@code --restricted}
 * option: every warehouse table registered by name, restricted.* only with the option (the access
 * logged), then the read-only gates armed for every session of the process.
 */
final class ReadOnlyTables {
  private static final Logger LOG = LoggerFactory.getLogger(ReadOnlyTables.class);

  @Option(
      names = "--restricted",
      description = "Also register restricted.* tables (personal data; access is logged).")
  boolean restricted;

  /**
   * Registers the tables and arms the gates: from here on every statement and plan of every session
   * of this process is read-only.
   *
   * @param audience who sees the tables, for the log line of a restricted registration
   */
  ReadOnlyQueries.Scope registerAndArm(JobContext ctx, String audience) {
    if (restricted) {
      LOG.warn(
          "restricted tables registered for {}, started by user {} (personal data access)",
          audience,
          System.getProperty("user.name"));
    }
    List<TableId> tables = ctx.warehouse().registerAll(restricted);
    LOG.debug("{} tables registered", tables.size());
    ReadOnlyQueries.Scope scope = ReadOnlyQueries.Scope.of(ctx.warehouse(), tables);
    ReadOnlyQueries.arm(scope);
    return scope;
  }
}
