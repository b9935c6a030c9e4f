package io.epiwatch.cli;

import io.epiwatch.ops.Maintenance;
import io.epiwatch.ops.WarehouseLock;
import io.epiwatch.spark.JobContext;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Compaction, clean-up and a size report of every table (see conf: epiwatch.maintain). */
@Command(
    name = "maintain",
    mixinStandardHelpOptions = true,
    description =
        "OPTIMIZE tables with many files, VACUUM with the configured retention, and report sizes.")
final class MaintainCommand extends SparkCommand {
  @Option(names = "--dry-run", description = "Only report sizes and file counts.")
  boolean dryRun;

  @Override
  protected int run(JobContext ctx) {
    var m = ctx.config().raw().getConfig("epiwatch.maintain");
    List<Maintenance.TableReport> report;
    try (WarehouseLock lock =
        WarehouseLock.acquire(
            ctx.config().warehouse(),
            ctx.spark().sparkContext().hadoopConfiguration(),
            "maintain",
            ctx.clock())) {
      report =
          Maintenance.run(
              ctx.warehouse(),
              m.getInt("retention-days"),
              m.getInt("min-files-to-compact"),
              dryRun);
    }
    System.out.printf(
        "%-40s %8s %8s %12s %10s%n", "table", "version", "files", "bytes", "vacuumed");
    for (Maintenance.TableReport r : report) {
      System.out.printf(
          "%-40s %8d %8d %12d %10d%n",
          r.table(), r.version(), r.files(), r.bytes(), r.filesRemoved());
    }
    return 0;
  }
}
