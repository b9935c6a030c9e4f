package io.epiwatch.cli;

import io.epiwatch.ops.Stages;
import io.epiwatch.silver.TransformJob;
import io.epiwatch.silver.TransformResult;
import io.epiwatch.spark.JobContext;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;

/** jobs/transform: bronze -> silver and ops.data_quality, incrementally. */
@Command(
    name = "transform",
    mixinStandardHelpOptions = true,
    description =
        "Update the silver tables and ops.data_quality from the new bronze rows (nothing is written when bronze has nothing new).")
final class TransformCommand extends SparkCommand {
  @Override
  protected int run(JobContext ctx) {
    TransformResult r =
        Stages.single(
            ctx, "transform", List.of("bronze"), () -> TransformJob.run(ctx), x -> Map.of());
    System.err.println(
        r.changed()
            ? "transform: written "
                + r.versions()
                + "; report dates "
                + r.reportDates()
                + "; affected from "
                + r.affectedFrom()
            : "transform: nothing new in bronze; nothing written");
    return 0;
  }
}
