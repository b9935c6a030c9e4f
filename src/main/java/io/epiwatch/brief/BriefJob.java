package io.epiwatch.brief;

import io.epiwatch.catalog.Tables;
import io.epiwatch.catalog.Warehouse;
import io.epiwatch.common.OrgLevel;
import io.epiwatch.ops.JobRuns;
import io.epiwatch.spark.JobContext;
import io.epiwatch.spark.StepMeter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stage 4: the briefing PDFs for a date. Pins the Delta versions of every table it reads, reads the
 * gold slices once, renders each scope (the city; one district; or every district plus the city),
 * and records the run with its versions in ops.job_runs so that {@link #reproduce} renders the same
 * briefing again from those versions.
 */
public final class BriefJob {
  private static final Logger LOG = LoggerFactory.getLogger(BriefJob.class);

  public record BriefResult(String runId, List<String> outputs, Map<String, Long> versions) {}

  private BriefJob() {}

  public static BriefResult run(JobContext ctx, String scope, String lang, String outDir) {
    return render(
        ctx,
        ctx.runDate(),
        scope,
        lang,
        outDir,
        BriefingData.currentVersions(ctx.warehouse()),
        null);
  }

  /** Renders a past run again from the table versions it recorded (Delta time travel). */
  public static BriefResult reproduce(JobContext ctx, String runId, String outDir) {
    Row r =
        JobRuns.find(ctx.warehouse(), runId, "brief")
            .orElseThrow(
                () ->
                    new IllegalArgumentException(
                        "--reproduce " + runId + ": no briefing run with that id in ops.job_runs"));
    Map<String, Long> versions = JobRuns.javaMap(r, "tables_read");
    Map<String, String> opts = JobRuns.javaMap(r, "options");
    LocalDate date = ((java.sql.Date) r.getAs("run_date")).toLocalDate();
    LOG.info("reproducing briefing run {} of {} from table versions {}", runId, date, versions);
    return render(
        ctx,
        date,
        opts.getOrDefault("scope", "city"),
        opts.getOrDefault("lang", "zh"),
        outDir,
        versions,
        runId);
  }

  private static BriefResult render(
      JobContext ctx,
      LocalDate date,
      String scope,
      String lang,
      String outDir,
      Map<String, Long> versions,
      String reproducedFrom) {
    if (!lang.equals("zh") && !lang.equals("en"))
      throw new IllegalArgumentException("--lang " + lang + ": expected zh or en");
    Instant started = Instant.now(ctx.clock());
    String runId = "brief-" + date + "-" + UUID.randomUUID().toString().substring(0, 8);
    Warehouse wh = ctx.warehouse();
    SparkSession spark = ctx.spark();
    Briefing data =
        StepMeter.step(
            spark,
            "briefing data",
            () -> BriefingData.read(wh, ctx.config().policy(), date, versions));
    // read before anything is written: a list that cannot be read (a day whose metrics never ran)
    // stops the run before the briefing reaches the out folder
    List<FollowUpItem> items =
        reproducedFrom != null
            ? List.of()
            : StepMeter.step(
                spark, "follow-up list", () -> FollowUpList.read(wh, ctx.config().policy(), date));
    BriefingRenderer renderer = new BriefingRenderer(data, lang, ctx.config().zone());
    List<BriefingRenderer.Scope> scopes = scopes(data, scope);
    // A city without a name is named in a WARN by DataPolicy (metrics and the follow-up list
    // resolve the policy).
    List<String> outputs = new ArrayList<>();
    for (BriefingRenderer.Scope s : scopes) {
      byte[] pdf =
          StepMeter.step(
              spark,
              "briefing " + s.code(),
              () ->
                  renderer.render(
                      s,
                      started,
                      reproducedFrom == null
                          ? runId
                          : reproducedFrom + " (reproduced as " + runId + ")"));
      String name =
          "briefing-"
              + date
              + "-"
              + s.code()
              + "-"
              + lang
              + (reproducedFrom == null ? "" : "-reproduced")
              + ".pdf";
      outputs.add(write(ctx, outDir, name, pdf));
      outputs.add(
          write(ctx, outDir, name.substring(0, name.length() - 4) + ".xlsx", renderer.workbook()));
    }
    if (reproducedFrom == null) {
      // one list per district, for its bureau: a city's run writes every district's, a district's
      // run only its own (and no line of another district)
      boolean cityWide = !scope.startsWith("district:");
      Map<String, String> districts = new LinkedHashMap<>();
      for (BriefingRenderer.Scope s : scopes(data, cityWide ? "all-districts" : scope))
        if (s.level().equals(OrgLevel.DISTRICT.code())) districts.put(s.code(), s.name());
      List<FollowUpDocuments.DistrictList> lists =
          FollowUpDocuments.byDistrict(items, districts, cityWide);
      List<FollowUpDocuments.Rendered> documents =
          StepMeter.step(
              spark,
              "follow-up documents",
              () -> FollowUpDocuments.renderAll(lists, date, lang, ctx.config().zone()));
      for (FollowUpDocuments.Rendered r : documents) {
        String name = "followup-" + date + "-" + r.list().code() + "-" + lang;
        outputs.add(write(ctx, outDir, name + ".pdf", r.pdf()));
        outputs.add(write(ctx, outDir, name + ".xlsx", r.xlsx()));
      }
      java.io.ByteArrayOutputStream form = new java.io.ByteArrayOutputStream();
      FollowUpDocuments.writeResponseForm(
          lists.stream().flatMap(l -> l.items().stream()).toList(), lang, form);
      outputs.add(
          write(ctx, outDir, "alert-responses-" + date + "-" + lang + ".xlsx", form.toByteArray()));
      java.io.ByteArrayOutputStream ledger = new java.io.ByteArrayOutputStream();
      StepMeter.step(
          spark,
          "rectification ledger",
          () -> RectificationLedger.write(RectificationLedger.read(wh, date), lang, ledger));
      outputs.add(
          write(ctx, outDir, "rectification-" + date + "-" + lang + ".xlsx", ledger.toByteArray()));
    }
    long signalsNew = 0;
    if (reproducedFrom == null) {
      String json = StepMeter.step(spark, "case signals notice", () -> SignalNotice.json(wh, date));
      signalsNew = SignalNotice.count(json);
      String path =
          write(
              ctx,
              outDir,
              "signals-" + date + ".json",
              json.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      outputs.add(path);
      if (signalsNew > 0) {
        LOG.warn("{} new case signal(s) on {}: {}", signalsNew, date, path);
        ctx.config().notifyCommand().ifPresent(cmd -> SignalNotice.notify(cmd, path));
      }
    }
    Map<String, String> options = new LinkedHashMap<>();
    options.put("scope", scope);
    options.put("lang", lang);
    if (reproducedFrom != null) options.put("reproduces", reproducedFrom);
    JobRuns.append(
        wh,
        new JobRuns.Run(
            runId,
            "brief",
            "brief",
            date,
            "succeeded",
            started,
            Instant.now(ctx.clock()),
            Map.of("pdfs", (long) outputs.size(), "signals_new", signalsNew),
            versions,
            new HashMap<>(),
            outputs,
            options,
            null));
    LOG.info("briefing run {}: {}", runId, outputs);
    return new BriefResult(runId, outputs, versions);
  }

  /** city: the city; district:CODE: that district; all-districts: every district, then the city. */
  static List<BriefingRenderer.Scope> scopes(Briefing data, String scope) {
    Map<String, String> cities = new LinkedHashMap<>();
    Map<String, String> districts = new LinkedHashMap<>();
    for (Briefing.Compliance r : data.compliance()) {
      if (r.org().level() == OrgLevel.CITY) cities.put(r.org().code(), r.org().name());
      if (r.org().level() == OrgLevel.DISTRICT) districts.put(r.org().code(), r.org().name());
    }
    List<BriefingRenderer.Scope> out = new ArrayList<>();
    if (scope.equals("city") || scope.equals("all-districts")) {
      if (scope.equals("all-districts"))
        districts.entrySet().stream()
            .sorted(Map.Entry.comparingByKey())
            .forEach(
                e -> out.add(new BriefingRenderer.Scope("district", e.getKey(), e.getValue())));
      cities.forEach((code, name) -> out.add(new BriefingRenderer.Scope("city", code, name)));
    } else if (scope.startsWith("district:")) {
      String code = scope.substring("district:".length());
      if (!districts.containsKey(code)) {
        throw new IllegalArgumentException(
            "--scope "
                + scope
                + ": no district "
                + code
                + " in "
                + Tables.GOLD_REPORTING_COMPLIANCE.id()
                + " (known: "
                + districts.keySet()
                + ")");
      }
      out.add(new BriefingRenderer.Scope("district", code, districts.get(code)));
    } else {
      throw new IllegalArgumentException(
          "--scope " + scope + ": expected city, district:CODE or all-districts");
    }
    if (out.isEmpty())
      throw new IllegalStateException(
          "no city rows in gold.reporting_compliance for " + data.date());
    return out;
  }

  /**
   * Writes one output file for people: on a local folder through the raw file system, so no {@code
   * .name.crc} checksum file appears beside it (Hadoop's local file system writes one for every
   * file); other file systems (HDFS, S3) keep their own checksums out of sight.
   */
  private static String write(JobContext ctx, String outDir, String name, byte[] pdf) {
    Path p = new Path(outDir, name);
    try {
      FileSystem fs = p.getFileSystem(ctx.spark().sparkContext().hadoopConfiguration());
      if (fs instanceof org.apache.hadoop.fs.ChecksumFileSystem cfs) fs = cfs.getRawFileSystem();
      fs.mkdirs(p.getParent());
      try (OutputStream o = fs.create(p, true)) {
        o.write(pdf);
      }
      return p.toString();
    } catch (IOException e) {
      throw new UncheckedIOException(outDir + ": cannot write " + name, e);
    }
  }
}
