package io.epiwatch.cli;

import io.delta.tables.DeltaTable;
import io.epiwatch.catalog.TableId;
import io.epiwatch.ops.Stages;
import io.epiwatch.spark.JobContext;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Rolls one table back to an earlier Delta version (Delta RESTORE), under the warehouse lock and
 * recorded in ops.job_runs like every job: the way a bad day is undone, since jobs/sql and
 * jobs/serve are read-only. The restore is itself a new version, so it can be undone the same way.
 */
@Command(
    name = "restore",
    mixinStandardHelpOptions = true,
    description = {
      "Roll a table back to an earlier Delta version (RESTORE), under the warehouse lock, recorded in ops.job_runs.",
      "Find the version with jobs/sql \"DESCRIBE HISTORY gold.x\" or in ops.job_runs.tables_written."
    })
final class RestoreCommand extends SparkCommand {
  @Option(
      names = "--table",
      required = true,
      paramLabel = "LAYER.TABLE",
      description = "The table, e.g. gold.attendance.")
  String table;

  @Option(
      names = "--version",
      required = true,
      paramLabel = "N",
      description = "The version to restore (an earlier one).")
  long version;

  @Override
  protected int run(JobContext ctx) {
    TableId id = TableId.parse(table);
    long before = restore(ctx, id, version);
    System.out.printf(
        "%s restored to version %d (was %d); now at version %d%n",
        id, version, before, ctx.warehouse().version(id));
    return 0;
  }

  /**
   * Restores the table to the version as a one-stage job "restore"; returns the version it was at.
   */
  static long restore(JobContext ctx, TableId id, long version) {
    String table = id.toString();
    if (!ctx.warehouse().exists(id)) {
      throw new IllegalArgumentException(
          "--table " + table + ": no such table in " + ctx.warehouse().root());
    }
    return Stages.single(
        ctx,
        "restore",
        List.of(id.layer()),
        () -> {
          long latest = ctx.warehouse().version(id);
          if (version < 0 || version >= latest) {
            throw new IllegalArgumentException(
                "--version "
                    + version
                    + ": "
                    + id
                    + " has versions 0.."
                    + latest
                    + "; give an earlier one than the latest");
          }
          Row metrics =
              DeltaTable.forPath(ctx.spark(), ctx.warehouse().path(id))
                  .restoreToVersion(version)
                  .first();
          org.slf4j.LoggerFactory.getLogger(RestoreCommand.class)
              .info("{} restored to version {} (was {}): {}", id, version, latest, metrics);
          return latest;
        },
        latest -> Map.of("restored_to_version", version, "previous_version", latest));
  }
}
