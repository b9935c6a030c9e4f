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
import io.epiwatch.common.PersonKeys;
import io.epiwatch.common.ReasonCode;
import io.epiwatch.common.SourceEncoding;
import io.epiwatch.contract.BronzeSchema;
import io.epiwatch.contract.ColumnSpec;
import io.epiwatch.contract.SourceSpec;
import io.epiwatch.contract.Sources;
import io.epiwatch.spark.JobContext;
import java.io.IOException;
import java.io.Serializable;
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
 * Stage 1: new inbox files into bronze (docs/rules.md §1, §2). Per source, every file not yet in
 * the manifest (by SHA-256) is read once on the driver (hash, encoding, header: a file lacking a
 * required column is rejected whole), then parsed and validated on the executors; good rows append
 * to {@code bronze.<source>}, bad rows go to {@code ops.quarantine} with every reason, identities
 * to {@code restricted.person_identity}, and one manifest row per file is written last. Bronze and
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
      String status,
      long rowsIn,
      long rowsLoaded,
      long rowsQuarantined,
      String message) {}

  public record IngestResult(String batchId, List<FileResult> files) {
    public boolean loadedAnything() {
      return files.stream().anyMatch(f -> f.status().equals(LOADED));
    }

    /**
     * Files this run rejected whole (empty, unreadable, wrong encoding, missing required columns).
     */
    public List<FileResult> rejected() {
      return files.stream().filter(f -> f.status().equals(REJECTED)).toList();
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

  public static final String LOADED = "loaded";
  public static final String REJECTED = "rejected";

  /** What an executor needs to parse and validate one accepted file. */
  private record FileTask(
      String path,
      String sha256,
      SourceEncoding encoding,
      String detected,
      RowValidator.HeaderMap header,
      String note)
      implements Serializable {}

  private IngestJob() {}

  public static IngestResult run(JobContext ctx, Optional<String> only) {
    only.ifPresent(
        s ->
            Sources.byName(s)
                .orElseThrow(
                    () ->
                        new IllegalArgumentException(
                            "--source "
                                + s
                                + ": unknown source; expected one of "
                                + Sources.names())));
    SparkSession spark = ctx.spark();
    Warehouse wh = ctx.warehouse();
    PersonKeys keys = ctx.config().personKeys();
    Instant now = Instant.now(ctx.clock());
    String batchId =
        DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss").withZone(ctx.config().zone()).format(now)
            + "-"
            + Long.toHexString(Double.doubleToLongBits(Math.random())).substring(0, 6);
    Timestamp ingestedAt = Timestamp.from(now);
    Configuration hadoop = spark.sparkContext().hadoopConfiguration();
    // Executors read the files with the session's Hadoop configuration (spark.hadoop.* settings
    // such as s3a endpoints and credentials), never with a fresh default one.
    Broadcast<SerializableConfiguration> executorConf =
        JavaSparkContext.fromSparkContext(spark.sparkContext())
            .broadcast(new SerializableConfiguration(hadoop));

    // One read of the manifest: the files already taken (by SHA-256) and the sources delivered
    // before.
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
    InboxCheck.check(
        ctx.config().inbox(),
        Sources.ALL.stream().filter(s -> only.isEmpty() || only.get().equals(s.name())).toList(),
        delivered,
        hadoop);

    List<FileResult> results = new ArrayList<>();
    List<Dataset<Row>> quarantined = new ArrayList<>();
    List<Dataset<Row>> identities = new ArrayList<>();
    List<String> batchShas = new ArrayList<>();
    for (SourceSpec spec : Sources.ALL) {
      if (only.isPresent() && !only.get().equals(spec.name())) continue;
      List<FileTask> tasks = new ArrayList<>();
      for (String path : listInbox(ctx.config().inbox() + "/" + spec.name(), hadoop)) {
        InboxFile f = InboxFile.read(path, hadoop);
        if (known.contains(f.sha256) || batchShas.contains(f.sha256)) {
          LOG.info(
              "{}: already ingested (same SHA-256 {}), skipped", path, f.sha256.substring(0, 12));
          continue;
        }
        batchShas.add(f.sha256);
        try {
          // The whole file is parsed here once, so a file that cannot be read is rejected alone,
          // before any executor work, and every other file of the run still loads.
          ParsedFile parsed = ParsedFile.parse(f, ctx.config().encoding(spec.name()));
          RowValidator.HeaderMap hm = RowValidator.HeaderMap.of(spec, parsed.header);
          List<ColumnSpec> missing = hm.missingRequired(spec);
          if (!missing.isEmpty()) {
            throw new IllegalArgumentException(
                path
                    + ": header lacks required column(s) "
                    + missing.stream()
                        .map(c -> c.name() + " (" + c.aliases().get(0) + ")")
                        .collect(Collectors.joining(", "))
                    + "; file rejected, nothing loaded");
          }
          if (!hm.extraHeaders().isEmpty()) {
            LOG.warn(
                "{}: unknown column(s) {} kept in bronze.{}.extra_columns",
                path,
                hm.extraHeaders(),
                spec.name());
          }
          if (f.formatNote() != null) LOG.warn("{}: {}", path, f.formatNote());
          tasks.add(
              new FileTask(
                  path,
                  f.sha256,
                  ctx.config().encoding(spec.name()),
                  parsed.encoding,
                  hm,
                  f.formatNote()));
        } catch (RuntimeException e) {
          // Anything the readers throw about one file's content rejects that file, never the run.
          String msg =
              e instanceof IllegalArgumentException
                      && e.getMessage() != null
                      && e.getMessage().startsWith(path)
                  ? e.getMessage()
                  : path + ": cannot be read (" + e + "); file rejected, nothing loaded";
          LOG.error(msg);
          results.add(new FileResult(spec.name(), path, f.sha256, null, REJECTED, 0, 0, 0, msg));
        }
      }
      if (tasks.isEmpty()) continue;
      LOG.info("{}: {} new file(s)", spec.name(), tasks.size());

      Dataset<Row> staged =
          stage(
              spark,
              spec,
              tasks,
              new RowValidator(spec, ctx.config().zone(), ctx.runDate(), keys),
              batchId,
              ingestedAt,
              executorConf);
      if (spec != Sources.SCHOOLS && spec.column("school_code").isPresent()) {
        staged = checkSchools(staged, wh);
      }
      if (spec == Sources.TRAVEL_RECORDS) staged = checkLinkedPersons(staged, wh);
      staged = staged.persist(StorageLevel.MEMORY_AND_DISK());
      List<String> shas = tasks.stream().map(FileTask::sha256).toList();
      Dataset<Row> good = staged.filter(size(col(RowValidator.REASONS)).equalTo(0));
      TableSpec bronze = Tables.bronze(spec);
      writeReplacing(
          wh,
          bronze,
          good.select(
              Arrays.stream(bronze.columnNames()).map(functionsCol()).toArray(Column[]::new)),
          shas);
      quarantined.add(
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
                  col(BronzeSchema.INGESTED_AT).as("quarantined_at")));
      identities.add(
          good.select(explode(col(RowValidator.IDENTITIES)).as("i"))
              .select(col("i.*"))
              .withColumn("first_seen_source", lit(spec.name())));

      Map<String, Row> counts = new HashMap<>();
      staged
          .groupBy(BronzeSchema.SOURCE_FILE)
          .agg(
              count(lit(1)).as("rows_in"),
              sum(when(size(col(RowValidator.REASONS)).gt(0), 1).otherwise(0))
                  .as("rows_quarantined"))
          .collectAsList()
          .forEach(r -> counts.put(r.getString(0), r));
      for (FileTask t : tasks) {
        Row c = counts.get(t.path());
        long in = c == null ? 0 : c.getLong(1);
        long q = c == null ? 0 : c.getLong(2);
        String enc = t.detected();
        List<String> notes = new ArrayList<>();
        if (t.note() != null) notes.add(t.note());
        if (!t.header().extraHeaders().isEmpty())
          notes.add("unknown columns kept: " + t.header().extraHeaders());
        String msg = notes.isEmpty() ? null : String.join("; ", notes);
        results.add(
            new FileResult(spec.name(), t.path(), t.sha256(), enc, LOADED, in, in - q, q, msg));
        if (q > 0) LOG.warn("{}: {} of {} rows quarantined (see ops.quarantine)", t.path(), q, in);
        LOG.info("{}: {} rows in, {} loaded, {} quarantined", t.path(), in, in - q, q);
      }
    }

    if (!quarantined.isEmpty()) {
      Dataset<Row> q = quarantined.stream().reduce(Dataset::unionByName).get();
      List<String> shas =
          results.stream().filter(r -> r.status().equals(LOADED)).map(FileResult::sha256).toList();
      writeReplacing(wh, Tables.OPS_QUARANTINE, q, shas);
      mergeIdentities(wh, identities.stream().reduce(Dataset::unionByName).get(), ingestedAt);
    }
    if (!results.isEmpty()) writeManifest(ctx, results, batchId, ingestedAt);
    return new IngestResult(batchId, results);
  }

  private static java.util.function.Function<String, Column> functionsCol() {
    return org.apache.spark.sql.functions::col;
  }

  /** Files of one inbox folder in file-name (byte) order; '_' and '.' names are not inputs. */
  static List<String> listInbox(String dir, Configuration hadoop) {
    Path p = new Path(dir);
    try {
      FileSystem fs = p.getFileSystem(hadoop);
      if (!fs.exists(p)) return List.of();
      List<String> out = new ArrayList<>();
      for (FileStatus st : fs.listStatus(p)) {
        String n = st.getPath().getName();
        if (st.isFile() && !n.startsWith("_") && !n.startsWith("."))
          out.add(st.getPath().toString());
      }
      out.sort(
          (a, b) ->
              Arrays.compare(
                  a.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                  b.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(dir + ": cannot list the inbox folder", e);
    }
  }

  private static Dataset<Row> stage(
      SparkSession spark,
      SourceSpec spec,
      List<FileTask> tasks,
      RowValidator validator,
      String batchId,
      Timestamp ingestedAt,
      Broadcast<SerializableConfiguration> conf) {
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
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
    return spark.createDataFrame(rows, RowValidator.stagingSchema(spec));
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
    TableWriter writer = new TableWriter(wh);
    writer.create(spec);
    String in = shas.stream().map(s -> "'" + s + "'").collect(Collectors.joining(","));
    // mergeSchema: a column added to a source's declaration (e.g. linked_person_type) is added to
    // an existing bronze table instead of failing the write.
    writer.replaceWhere(spec, rows, BronzeSchema.SOURCE_SHA256 + " IN (" + in + ")", true);
  }

  private static void mergeIdentities(Warehouse wh, Dataset<Row> ids, Timestamp at) {
    TableSpec spec = Tables.RESTRICTED_PERSON_IDENTITY;
    TableWriter writer = new TableWriter(wh);
    writer.create(spec);
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
    writer.create(spec);
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
                        r.status(),
                        r.rowsIn(),
                        r.rowsLoaded(),
                        r.rowsQuarantined(),
                        r.message(),
                        batchId,
                        at,
                        runDate))
            .toList();
    Dataset<Row> src = ctx.spark().createDataFrame(rows, spec.schema());
    writer.merge(spec, src).whenNotMatched().insertAll().execute();
  }
}
