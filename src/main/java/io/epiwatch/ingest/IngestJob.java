package io.epiwatch.ingest;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_union;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import io.epiwatch.catalog.TableId;
import io.epiwatch.catalog.TableSpec;
import io.epiwatch.catalog.TableWriter;
import io.epiwatch.catalog.Tables;
import io.epiwatch.catalog.Warehouse;
import io.epiwatch.common.ManifestStatus;
import io.epiwatch.common.ReasonCode;
import io.epiwatch.contract.BronzeSchema;
import io.epiwatch.contract.SourceSpec;
import io.epiwatch.contract.Sources;
import io.epiwatch.spark.JobContext;
import io.epiwatch.spark.StepMeter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.storage.StorageLevel;
import org.apache.spark.util.SerializableConfiguration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stage 1: new inbox files into bronze (docs/rules.md §1, §2). First the plan ({@link IngestPlan},
 * no Spark): every file not yet in the manifest (by SHA-256) is read once on the driver (hash,
 * encoding, header: a file lacking a required column is rejected whole). Then this class executes
 * it, source by source: the files are parsed and validated on the executors; good rows append to
 * {@code bronze.<source>}, bad rows go to {@code ops.quarantine} with every reason, identities to
 * {@code restricted.person_identity}, and one manifest row per file is written last. Bronze and
 * quarantine are written with replaceWhere on the batch's file hashes, so a run killed before the
 * manifest is written redoes the same rows instead of duplicating them.
 */
public final class IngestJob {
  private static final Logger LOG = LoggerFactory.getLogger(IngestJob.class);

  public record FileResult(
      String source,
      String file,
      String sha256,
      String encoding,
      ManifestStatus status,
      long rowsIn,
      long rowsLoaded,
      long rowsQuarantined,
      String message) {}

  public record IngestResult(String batchId, List<FileResult> files) {
    public boolean loadedAnything() {
      return files.stream().anyMatch(f -> f.status() == ManifestStatus.LOADED);
    }

    /**
     * Files this run rejected whole (empty, unreadable, wrong encoding, missing required columns).
     */
    public List<FileResult> rejected() {
      return files.stream().filter(f -> f.status() == ManifestStatus.REJECTED).toList();
    }

    public long rows(String what) {
      return files.stream()
          .mapToLong(
              f ->
                  switch (what) {
                    case "in" -> f.rowsIn();
                    case "loaded" -> f.rowsLoaded();
                    default -> f.rowsQuarantined();
                  })
          .sum();
    }
  }

  private IngestJob() {}

  /** What every source of one run shares: where it writes, and the batch's lineage. */
  private record Batch(
      SparkSession spark,
      Warehouse wh,
      String batchId,
      Timestamp ingestedAt,
      Broadcast<SerializableConfiguration> executorConf) {

    static Batch start(JobContext ctx) {
      SparkSession spark = ctx.spark();
      Instant now = Instant.now(ctx.clock());
      String batchId =
          DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").withZone(ctx.config().zone()).format(now)
              + "-"
              + Long.toHexString(Double.doubleToLongBits(Math.random())).substring(0, 6);
      // Executors read the files with the session's Hadoop configuration (spark.hadoop.* settings
      // such as s3a endpoints and credentials), never with a fresh default one.
      Broadcast<SerializableConfiguration> executorConf =
          JavaSparkContext.fromSparkContext(spark.sparkContext())
              .broadcast(new SerializableConfiguration(hadoop(spark)));
      return new Batch(spark, ctx.warehouse(), batchId, Timestamp.from(now), executorConf);
    }
  }

  /** What loading one source gave: a manifest row per file, its quarantine and identities. */
  private record Loaded(
      List<FileResult> files, Dataset<Row> quarantined, Dataset<Row> identities) {}

  /** The files already taken (by SHA-256) and the sources delivered before, from the manifest. */
  private record Manifest(Set<String> known, Set<String> delivered) {}

  /** Plans the run from the inbox and the manifest ({@link IngestPlan}), then executes it. */
  public static IngestResult run(JobContext ctx, Optional<String> only) {
    List<SourceSpec> sources = IngestPlan.sources(only);
    Batch batch = Batch.start(ctx);
    Configuration hadoop = hadoop(batch.spark());
    Manifest manifest = readManifest(batch.wh());
    InboxCheck.check(ctx.config().inbox(), sources, manifest.delivered(), hadoop);
    IngestPlan plan =
        IngestPlan.of(
            ctx.config().inbox(),
            sources,
            manifest.known(),
            ctx.config()::encoding,
            hadoopInbox(hadoop));
    log(plan);
    return execute(ctx, batch, plan);
  }

  /**
   * Per source in the plan's order (a source's bronze is written before the next is checked against
   * it), then the quarantine, the identities and, last, the manifest.
   */
  private static IngestResult execute(JobContext ctx, Batch batch, IngestPlan plan) {
    List<FileResult> results = new ArrayList<>();
    List<Dataset<Row>> quarantined = new ArrayList<>();
    List<Dataset<Row>> identities = new ArrayList<>();
    for (IngestPlan.SourceStep step : plan.steps()) {
      results.addAll(step.rejected());
      if (step.load().isEmpty()) continue;
      Loaded loaded =
          StepMeter.step(
              batch.spark(),
              Tables.bronze(step.spec()).id().toString(),
              () -> load(ctx, batch, step));
      results.addAll(loaded.files());
      quarantined.add(loaded.quarantined());
      identities.add(loaded.identities());
    }
    if (!quarantined.isEmpty()) {
      List<String> shas =
          results.stream()
              .filter(r -> r.status() == ManifestStatus.LOADED)
              .map(FileResult::sha256)
              .toList();
      StepMeter.step(
          batch.spark(),
          Tables.OPS_QUARANTINE.id().toString(),
          () ->
              writeReplacing(
                  batch.wh(),
                  Tables.OPS_QUARANTINE,
                  quarantined.stream().reduce(Dataset::unionByName).get(),
                  shas));
      StepMeter.step(
          batch.spark(),
          Tables.RESTRICTED_PERSON_IDENTITY.id().toString(),
          () ->
              mergeIdentities(
                  batch.wh(),
                  identities.stream().reduce(Dataset::unionByName).get(),
                  batch.ingestedAt()));
    }
    if (!results.isEmpty())
      StepMeter.step(
          batch.spark(),
          Tables.OPS_INGEST_MANIFEST.id().toString(),
          () -> writeManifest(ctx, results, batch.batchId(), batch.ingestedAt()));
    return new IngestResult(batch.batchId(), results);
  }

  private static Configuration hadoop(SparkSession spark) {
    return spark.sparkContext().hadoopConfiguration();
  }

  /** One read of the manifest. */
  private static Manifest readManifest(Warehouse wh) {
    Set<String> known = new HashSet<>();
    Set<String> delivered = new HashSet<>();
    if (wh.exists(Tables.OPS_INGEST_MANIFEST.id())) {
      wh.read(Tables.OPS_INGEST_MANIFEST.id())
          .select("source", "sha256")
          .distinct()
          .collectAsList()
          .forEach(
              r -> {
                delivered.add(r.getString(0));
                known.add(r.getString(1));
              });
    }
    return new Manifest(known, delivered);
  }

  private static void log(IngestPlan plan) {
    for (IngestPlan.Skipped s : plan.skipped())
      LOG.info(
          "{}: already ingested (same SHA-256 {}), skipped", s.path(), s.sha256().substring(0, 12));
    for (FileResult r : plan.rejected()) LOG.error(r.message());
    for (IngestPlan.SourceStep step : plan.steps()) {
      for (IngestPlan.FileTask t : step.load()) {
        if (!t.header().extraHeaders().isEmpty()) {
          LOG.warn(
              "{}: unknown column(s) {} kept in bronze.{}.extra_columns",
              t.path(),
              t.header().extraHeaders(),
              step.spec().name());
        }
        if (t.note() != null) LOG.warn("{}: {}", t.path(), t.note());
      }
    }
  }

  /**
   * One source's files staged (parsed and validated on the executors), checked against the loaded
   * schools and rosters, good rows written to bronze; the quarantine and identities are written
   * once for all sources.
   */
  private static Loaded load(JobContext ctx, Batch batch, IngestPlan.SourceStep step) {
    SourceSpec spec = step.spec();
    List<IngestPlan.FileTask> tasks = step.load();
    LOG.info("{}: {} new file(s)", spec.name(), tasks.size());
    Dataset<Row> staged =
        stage(
            batch,
            spec,
            tasks,
            new RowValidator(spec, ctx.config().zone(), ctx.runDate(), ctx.config().personKeys()));
    if (spec != Sources.SCHOOLS && spec.column("school_code").isPresent()) {
      staged = checkSchools(staged, batch.wh());
    }
    if (spec == Sources.TRAVEL_RECORDS) staged = checkLinkedPersons(staged, batch.wh());
    if (spec == Sources.CAMPUS_STAYS) staged = checkRosterStudents(staged, batch.wh());
    if (spec == Sources.RETURN_BATCHES) staged = checkRosterGrades(staged, batch.wh());
    staged = staged.persist(StorageLevel.MEMORY_AND_DISK());
    List<String> shas = tasks.stream().map(IngestPlan.FileTask::sha256).toList();
    Dataset<Row> good = staged.filter(size(col(RowValidator.REASONS)).equalTo(0));
    TableSpec bronze = Tables.bronze(spec);
    writeReplacing(
        batch.wh(),
        bronze,
        good.select(Arrays.stream(bronze.columnNames()).map(functionsCol()).toArray(Column[]::new)),
        shas);
    Dataset<Row> quarantined =
        staged
            .filter(size(col(RowValidator.REASONS)).gt(0))
            .select(
                lit(spec.name()).as("source"),
                col(BronzeSchema.SOURCE_FILE),
                col(BronzeSchema.SOURCE_LINE),
                col(BronzeSchema.SOURCE_SHA256),
                col(RowValidator.REASONS).as("reasons"),
                col(RowValidator.DETAILS).as("details"),
                col(RowValidator.RAW).as("raw_line"),
                col(BronzeSchema.BATCH_ID),
                col(BronzeSchema.INGESTED_AT).as("quarantined_at"));
    Dataset<Row> identities =
        good.select(explode(col(RowValidator.IDENTITIES)).as("i"))
            .select(col("i.*"))
            .withColumn("first_seen_source", lit(spec.name()));
    return new Loaded(fileResults(spec, tasks, staged), quarantined, identities);
  }

  /** A manifest row per loaded file, with its counts of rows in and quarantined. */
  private static List<FileResult> fileResults(
      SourceSpec spec, List<IngestPlan.FileTask> tasks, Dataset<Row> staged) {
    Map<String, Row> counts = new HashMap<>();
    staged
        .groupBy(BronzeSchema.SOURCE_FILE)
        .agg(
            count(lit(1)).as("rows_in"),
            sum(when(size(col(RowValidator.REASONS)).gt(0), 1).otherwise(0)).as("rows_quarantined"))
        .collectAsList()
        .forEach(r -> counts.put(r.getString(0), r));
    List<FileResult> results = new ArrayList<>();
    for (IngestPlan.FileTask t : tasks) {
      Row c = counts.get(t.path());
      long in = c == null ? 0 : c.getLong(1);
      long q = c == null ? 0 : c.getLong(2);
      results.add(
          new FileResult(
              spec.name(),
              t.path(),
              t.sha256(),
              t.detected(),
              ManifestStatus.LOADED,
              in,
              in - q,
              q,
              t.message()));
      if (q > 0) LOG.warn("{}: {} of {} rows quarantined (see ops.quarantine)", t.path(), q, in);
      LOG.info("{}: {} rows in, {} loaded, {} quarantined", t.path(), in, in - q, q);
    }
    return results;
  }

  private static java.util.function.Function<String, Column> functionsCol() {
    return org.apache.spark.sql.functions::col;
  }

  /** The inbox through Hadoop's file systems: regular files of a folder, and one file's bytes. */
  private static IngestPlan.Inbox hadoopInbox(Configuration hadoop) {
    return new IngestPlan.Inbox() {
      @Override
      public List<String> files(String dir) {
        Path p = new Path(dir);
        try {
          FileSystem fs = p.getFileSystem(hadoop);
          if (!fs.exists(p)) return List.of();
          List<String> out = new ArrayList<>();
          for (FileStatus st : fs.listStatus(p)) if (st.isFile()) out.add(st.getPath().toString());
          return out;
        } catch (IOException e) {
          throw new UncheckedIOException(dir + ": cannot list the inbox folder", e);
        }
      }

      @Override
      public InboxFile read(String path) {
        return InboxFile.read(path, hadoop);
      }
    };
  }

  private static Dataset<Row> stage(
      Batch batch, SourceSpec spec, List<IngestPlan.FileTask> tasks, RowValidator validator) {
    String batchId = batch.batchId();
    Timestamp ingestedAt = batch.ingestedAt();
    Broadcast<SerializableConfiguration> conf = batch.executorConf();
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(batch.spark().sparkContext());
    JavaRDD<Row> rows =
        jsc.parallelize(tasks, Math.max(1, Math.min(tasks.size(), 64)))
            .flatMap(
                t -> {
                  InboxFile f = InboxFile.read(t.path(), conf.value().value());
                  if (!f.sha256.equals(t.sha256())) {
                    throw new IllegalStateException(
                        t.path()
                            + ": the file changed while it was being ingested (SHA-256 differs); run the job again");
                  }
                  ParsedFile parsed = ParsedFile.parse(f, t.encoding());
                  RowValidator.Lineage lin =
                      new RowValidator.Lineage(t.path(), t.sha256(), batchId, ingestedAt);
                  Iterator<ParsedFile.Rec> it = parsed.records.iterator();
                  return new Iterator<Row>() {
                    @Override
                    public boolean hasNext() {
                      return it.hasNext();
                    }

                    @Override
                    public Row next() {
                      return validator.validate(lin, t.header(), it.next());
                    }
                  };
                });
    return batch.spark().createDataFrame(rows, RowValidator.stagingSchema(spec));
  }

  /** UNKNOWN_SCHOOL: a school code in no loaded schools row of any snapshot (docs/rules.md §7). */
  private static Dataset<Row> checkSchools(Dataset<Row> staged, Warehouse wh) {
    TableId schools = TableId.bronze("schools");
    Dataset<Row> known =
        wh.exists(schools)
            ? wh.read(schools).select(col("school_code").as("_known_school")).distinct()
            : staged
                .sparkSession()
                .emptyDataFrame()
                .selectExpr("CAST(NULL AS STRING) AS _known_school")
                .limit(0);
    Dataset<Row> j =
        staged.join(known, staged.col("school_code").equalTo(known.col("_known_school")), "left");
    Column unknown = col("school_code").isNotNull().and(col("_known_school").isNull());
    return addReason(
            j,
            unknown,
            ReasonCode.UNKNOWN_SCHOOL,
            concat(
                lit(" school_code(学校标识码): '"),
                col("school_code"),
                lit("' is in no loaded schools snapshot")))
        .drop("_known_school");
  }

  /**
   * LINKED_PERSON_UNKNOWN: a household member without a school_code counts under the school of its
   * linked person, who must then be on a loaded roster row (any snapshot) with the linked person
   * type (student by default). Rosters load before travel records. A household member with a
   * school_code of its own keeps it when the linked person is not found (silver).
   */
  private static Dataset<Row> checkLinkedPersons(Dataset<Row> staged, Warehouse wh) {
    TableId roster = TableId.bronze("roster");
    Dataset<Row> known =
        wh.exists(roster)
            ? wh.read(roster)
                .select(col("person_key").as("_known_person"), col("person_type").as("_known_type"))
                .distinct()
            : staged
                .sparkSession()
                .emptyDataFrame()
                .selectExpr(
                    "CAST(NULL AS STRING) AS _known_person", "CAST(NULL AS STRING) AS _known_type")
                .limit(0);
    Dataset<Row> j =
        staged.join(
            known,
            staged
                .col("linked_person_key")
                .equalTo(known.col("_known_person"))
                .and(staged.col("linked_person_type").equalTo(known.col("_known_type"))),
            "left");
    Column unknown =
        col("person_type")
            .equalTo("household")
            .and(col("school_code").isNull())
            .and(col("linked_person_key").isNotNull())
            .and(col("_known_person").isNull());
    return addReason(
            j,
            unknown,
            ReasonCode.LINKED_PERSON_UNKNOWN,
            concat(
                lit(" linked_person_id(关联人员身份证号): the linked "),
                col("linked_person_type"),
                lit(
                    " is on no loaded roster, and school_code(学校标识码) is empty: the school this household member"
                        + " counts under is unknown")))
        .drop("_known_person", "_known_type");
  }

  /**
   * UNKNOWN_PERSON: a campus stay's student must be on a loaded roster row (any snapshot) of the
   * same school as a student, the roster check of {@link #checkLinkedPersons}. Rosters load before
   * campus stays. A row whose ID already failed its check (no person_key) is not checked again.
   */
  private static Dataset<Row> checkRosterStudents(Dataset<Row> staged, Warehouse wh) {
    TableId roster = TableId.bronze("roster");
    Dataset<Row> known =
        wh.exists(roster)
            ? wh.read(roster)
                .filter(col("person_type").equalTo("student"))
                .select(
                    col("person_key").as("_known_person"), col("school_code").as("_known_school"))
                .distinct()
            : staged
                .sparkSession()
                .emptyDataFrame()
                .selectExpr(
                    "CAST(NULL AS STRING) AS _known_person",
                    "CAST(NULL AS STRING) AS _known_school")
                .limit(0);
    Dataset<Row> j =
        staged.join(
            known,
            staged
                .col("person_key")
                .equalTo(known.col("_known_person"))
                .and(staged.col("school_code").equalTo(known.col("_known_school"))),
            "left");
    Column unknown =
        col("person_key")
            .isNotNull()
            .and(col("school_code").isNotNull())
            .and(col("_known_person").isNull());
    return addReason(
            j,
            unknown,
            ReasonCode.UNKNOWN_PERSON,
            concat(
                lit(
                    " id_number(身份证号): the student is on no loaded roster row of school_code(学校标识码) '"),
                col("school_code"),
                lit("'")))
        .drop("_known_person", "_known_school");
  }

  /**
   * UNKNOWN_GRADE: a return batch's grade must be the grade of a student on a loaded roster row
   * (any snapshot) of the same school, spelled as the roster spells it; otherwise the batch would
   * move no one and the grade would keep the term's start date unnoticed. Rosters load before
   * return batches.
   */
  private static Dataset<Row> checkRosterGrades(Dataset<Row> staged, Warehouse wh) {
    TableId roster = TableId.bronze("roster");
    Dataset<Row> known =
        wh.exists(roster)
            ? wh.read(roster)
                .filter(col("person_type").equalTo("student").and(col("grade").isNotNull()))
                .select(col("school_code").as("_known_school"), col("grade").as("_known_grade"))
                .distinct()
            : staged
                .sparkSession()
                .emptyDataFrame()
                .selectExpr(
                    "CAST(NULL AS STRING) AS _known_school", "CAST(NULL AS STRING) AS _known_grade")
                .limit(0);
    Dataset<Row> j =
        staged.join(
            known,
            staged
                .col("school_code")
                .equalTo(known.col("_known_school"))
                .and(staged.col("grade").equalTo(known.col("_known_grade"))),
            "left");
    Column unknown =
        col("school_code")
            .isNotNull()
            .and(col("grade").isNotNull())
            .and(col("_known_school").isNull());
    return addReason(
            j,
            unknown,
            ReasonCode.UNKNOWN_GRADE,
            concat(
                lit(" grade(年级) '"),
                col("grade"),
                lit("': no student of school_code(学校标识码) '"),
                col("school_code"),
                lit("' is in this grade on a loaded roster row")))
        .drop("_known_school", "_known_grade");
  }

  /**
   * Adds a reason code (and its detail "CODE file:line message") where {@code when} holds; such
   * rows lose their identities.
   */
  private static Dataset<Row> addReason(
      Dataset<Row> staged, Column when, ReasonCode reason, Column message) {
    String code = reason.code();
    return staged
        .withColumn(
            RowValidator.REASONS,
            when(when, array_union(col(RowValidator.REASONS), array(lit(code))))
                .otherwise(col(RowValidator.REASONS)))
        .withColumn(
            RowValidator.DETAILS,
            when(
                    when,
                    array_union(
                        col(RowValidator.DETAILS),
                        array(
                            concat(
                                lit(code + " "),
                                col(BronzeSchema.SOURCE_FILE),
                                lit(":"),
                                col(BronzeSchema.SOURCE_LINE).cast("string"),
                                message))))
                .otherwise(col(RowValidator.DETAILS)))
        .withColumn(
            RowValidator.IDENTITIES,
            when(
                    when,
                    org.apache.spark.sql.functions.filter(
                        col(RowValidator.IDENTITIES), x -> lit(false)))
                .otherwise(col(RowValidator.IDENTITIES)));
  }

  /**
   * Creates the table (empty, from its declaration) when missing, then replaces the rows of these
   * files (idempotent append).
   */
  static void writeReplacing(Warehouse wh, TableSpec spec, Dataset<Row> rows, List<String> shas) {
    String in = shas.stream().map(s -> "'" + s + "'").collect(Collectors.joining(","));
    // The rows conformed to the declaration (types, column comments): the first write creates the
    // table with them, one commit. mergeSchema: a column added to a source's declaration (e.g.
    // linked_person_type) is added to an existing bronze table instead of failing the write.
    new TableWriter(wh)
        .replaceWhere(
            spec,
            TableWriter.conform(rows, spec),
            BronzeSchema.SOURCE_SHA256 + " IN (" + in + ")",
            true);
  }

  private static void mergeIdentities(Warehouse wh, Dataset<Row> ids, Timestamp at) {
    TableSpec spec = Tables.RESTRICTED_PERSON_IDENTITY;
    TableWriter writer = new TableWriter(wh);
    wh.secureRestricted(); // owner-only before any identity is written into it
    Dataset<Row> src =
        ids.withColumn("updated_at", lit(at))
            .groupBy("person_key")
            .agg(
                org.apache.spark.sql.functions.first("id_type").as("id_type"),
                org.apache.spark.sql.functions.first("id_number").as("id_number"),
                org.apache.spark.sql.functions.max("name").as("name"),
                org.apache.spark.sql.functions.first("birth_date").as("birth_date"),
                org.apache.spark.sql.functions.first("sex").as("sex"),
                org.apache.spark.sql.functions.first("first_seen_source").as("first_seen_source"),
                org.apache.spark.sql.functions.first("updated_at").as("updated_at"));
    // the first run creates the table with its identities (one commit), later runs merge
    if (!wh.exists(spec.id())) {
      writer.append(spec, TableWriter.conform(src, spec));
      return;
    }
    writer
        .merge(spec, src)
        .whenMatched("s.name IS NOT NULL AND (t.name IS NULL OR t.name <> s.name)")
        .updateExpr(Map.of("name", "s.name", "updated_at", "s.updated_at"))
        .whenNotMatched()
        .insertAll()
        .execute();
  }

  private static void writeManifest(
      JobContext ctx, List<FileResult> results, String batchId, Timestamp at) {
    Warehouse wh = ctx.warehouse();
    TableSpec spec = Tables.OPS_INGEST_MANIFEST;
    TableWriter writer = new TableWriter(wh);
    java.sql.Date runDate = java.sql.Date.valueOf(ctx.runDate());
    List<Row> rows =
        results.stream()
            .map(
                r ->
                    RowFactory.create(
                        r.source(),
                        r.file(),
                        r.sha256(),
                        r.encoding(),
                        r.status().code(),
                        r.rowsIn(),
                        r.rowsLoaded(),
                        r.rowsQuarantined(),
                        r.message(),
                        batchId,
                        at,
                        runDate))
            .toList();
    Dataset<Row> src = ctx.spark().createDataFrame(rows, spec.schema());
    // the first run creates the manifest with its rows (one commit), later runs insert new files
    if (!wh.exists(spec.id())) writer.append(spec, src);
    else writer.merge(spec, src).whenNotMatched().insertAll().execute();
  }
}
