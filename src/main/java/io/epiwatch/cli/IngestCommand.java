package io.epiwatch.cli;

import io.epiwatch.common.ManifestStatus;
import io.epiwatch.ingest.IngestJob;
import io.epiwatch.ops.Stages;
import io.epiwatch.spark.JobContext;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** jobs/ingest: new inbox files into bronze, bad rows into ops.quarantine. */
@Command(
    name = "ingest",
    mixinStandardHelpOptions = true,
    description =
        "Read new files of inbox/<source>/ (CSV or XLSX) into bronze.<source>; bad rows go to ops.quarantine.")
final class IngestCommand extends SparkCommand {
  @Option(
      names = "--source",
      paramLabel = "NAME",
      description =
          "Only this source (schools, roster, daily_reports, absence_cases, travel_records, risk_areas, vaccinations, contraindications, safety_incidents, alert_responses, inspections, findings).")
  String source;

  @Override
  protected int run(JobContext ctx) {
    IngestJob.IngestResult r =
        Stages.single(
            ctx,
            "ingest",
            List.of("bronze", "ops"),
            () -> IngestJob.run(ctx, Optional.ofNullable(source)),
            x ->
                Map.of(
                    "rows_in",
                    x.rows("in"),
                    "rows_loaded",
                    x.rows("loaded"),
                    "rows_quarantined",
                    x.rows("quarantined"),
                    "files_rejected",
                    (long) x.rejected().size()));
    long rejected = r.files().stream().filter(f -> f.status() == ManifestStatus.REJECTED).count();
    System.err.printf(
        "ingest: %d file(s), %d rows in, %d loaded, %d quarantined, %d file(s) rejected%n",
        r.files().size(), r.rows("in"), r.rows("loaded"), r.rows("quarantined"), rejected);
    return Main.rejectedFiles("ingest", r);
  }
}
