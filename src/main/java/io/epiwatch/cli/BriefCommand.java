package io.epiwatch.cli;

import io.epiwatch.brief.BriefJob;
import io.epiwatch.ops.JobRuns;
import io.epiwatch.spark.JobContext;
import io.epiwatch.spark.StepMeter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** jobs/brief: the leadership briefing PDF(s) from the gold tables. */
@Command(
    name = "brief",
    mixinStandardHelpOptions = true,
    description = "Render the briefing PDF for --date from the gold tables (Chinese by default).")
final class BriefCommand extends SparkCommand {
  @Option(
      names = "--scope",
      defaultValue = "city",
      description =
          "city (one briefing per city in the warehouse, each of its own districts only),"
              + " district:CODE or all-districts (default: ${DEFAULT-VALUE}).")
  String scope;

  @Option(
      names = "--lang",
      defaultValue = "zh",
      description = "zh or en (default: ${DEFAULT-VALUE}).")
  String lang;

  @Option(
      names = "--reproduce",
      paramLabel = "RUN_ID",
      description = "Render a past briefing again from the table versions it read.")
  String reproduce;

  @Override
  protected int run(JobContext ctx) {
    BriefJob.BriefResult r =
        reproduce != null
            ? BriefJob.reproduce(ctx, reproduce, ctx.config().out())
            : BriefJob.run(ctx, scope, lang, ctx.config().out());
    // what each step cost, beside the run's ops.job_runs row (run-daily's stages do the same)
    JobRuns.appendSteps(ctx.warehouse(), r.runId(), "brief", StepMeter.drain(ctx.spark()));
    r.outputs().forEach(System.out::println);
    System.err.println("brief: run " + r.runId());
    return 0;
  }
}
