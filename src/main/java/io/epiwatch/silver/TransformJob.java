package io.epiwatch.silver;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.substring_index;
import static org.apache.spark.sql.functions.to_date;

import io.epiwatch.catalog.TableId;
import io.epiwatch.catalog.TableSpec;
import io.epiwatch.catalog.TableWriter;
import io.epiwatch.catalog.Tables;
import io.epiwatch.catalog.Warehouse;
import io.epiwatch.contract.SourceSpec;
import io.epiwatch.contract.Sources;
import io.epiwatch.ops.Watermarks;
import io.epiwatch.spark.Frames;
import io.epiwatch.spark.JobContext;
import io.epiwatch.spark.StepMeter;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.function.UnaryOperator;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stage 2, bronze -> silver and ops.data_quality, incremental (issue 4).
 *
 * <p>Per bronze table a watermark in ops.watermarks (consumer "transform") holds the last version
 * consumed. Only bronze tables with newer versions are read, through the Delta change data feed
 * (all change rows: a replaceWhere rerun of an ingest batch shows as deletes and inserts, and both
 * mark their keys as affected); a table never consumed is read whole. The affected units are
 * rebuilt from every bronze version of them (so latest-wins and first_submitted_at are exact) and
 * MERGEd into silver, one commit per table: schools whole; roster per affected school; daily
 * reports and line list per (report_date, school_code); travel per record (plus records of
 * household members whose linked student's roster changed); risk areas per area; vaccinations per
 * person (plus persons whose roster changed); contraindications per person; safety incidents per
 * incident_id; alert responses per alert_id. ops.data_quality flags of the affected report (date,
 * school) pairs and persons are replaced in one MERGE. Watermarks are MERGEd last, so a crashed run
 * is redone whole next time (every write is an idempotent replace). When no bronze table changed
 * nothing is written, not even the watermarks.
 */
public final class TransformJob {
  private static final Logger LOG = LoggerFactory.getLogger(TransformJob.class);
  public static final String CONSUMER = "transform";

  private TransformJob() {}

  public static TransformResult run(JobContext ctx) {
    Warehouse wh = ctx.warehouse();
    List<TableId> inputs = Sources.ALL.stream().map(s -> TableId.bronze(s.name())).toList();
    Map<String, Long> marks = Watermarks.read(wh, CONSUMER);
    Map<String, Long> current = Watermarks.current(wh, inputs);
    Map<String, Long> silverBefore =
        Watermarks.current(wh, Tables.SILVER.stream().map(TableSpec::id).toList());
    Map<String, Dataset<Row>> changes = new HashMap<>();
    for (SourceSpec s : Sources.ALL) {
      String id = TableId.bronze(s.name()).toString();
      long mark = lacksDeclaredColumns(wh, s) ? -1L : marks.getOrDefault(id, -1L);
      long now = current.get(id);
      if (now > mark)
        changes.put(
            s.name(), BronzeChanges.read(wh, s, mark, now).persist(StorageLevel.MEMORY_AND_DISK()));
    }
    if (changes.isEmpty()) {
      LOG.info("transform: no new bronze versions; nothing written");
      return TransformResult.unchanged(silverBefore);
    }
    LOG.info("transform: new bronze versions in {}", changes.keySet());
    Run run = new Run(ctx, changes);
    run.schools();
    run.roster();
    run.reportsAndLineList();
    run.travel(run.rosterRebuiltPersons);
    run.riskAreas();
    run.vaccinations(run.rosterNewRowPersons);
    run.contraindications();
    run.safetyIncidents();
    run.alertResponses();
    run.inspections();
    run.findings();
    run.campusStays();
    run.returnBatches();
    run.dataQuality();
    run.createMissingTables();
    Watermarks.write(wh, CONSUMER, current, run.at);
    changes.values().forEach(Dataset::unpersist);
    return new TransformResult(true, run.versions, run.reportDates, run.affectedFrom, silverBefore);
  }

  /**
   * True when silver's table of the source exists without a column this version declares (a
   * warehouse written by an older version): the transform then reads the source's bronze whole, as
   * if never consumed, so every row is rebuilt with the new column, and gold is recomputed from the
   * earliest date it touches.
   */
  static boolean lacksDeclaredColumns(Warehouse wh, SourceSpec source) {
    TableSpec spec =
        Tables.SILVER.stream()
            .filter(t -> t.id().equals(TableId.silver(source.name())))
            .findFirst()
            .orElse(null);
    if (spec == null || !wh.exists(spec.id())) return false;
    java.util.Set<String> present = java.util.Set.of(wh.read(spec.id()).schema().fieldNames());
    List<String> missing =
        java.util.Arrays.stream(spec.columnNames()).filter(c -> !present.contains(c)).toList();
    if (missing.isEmpty()) return false;
    LOG.warn(
        "{} lacks {} declared by this version: rebuilt from all of {}",
        spec.id(),
        missing,
        TableId.bronze(source.name()));
    return true;
  }

  /** The state of one run: its change rows and what it wrote. */
  private static final class Run {
    final Warehouse wh;
    final JobContext ctx;
    final Map<String, Dataset<Row>> changes;
    final Timestamp at;
    final Map<String, Long> versions = new LinkedHashMap<>();
    final Map<String, LocalDate> affectedFrom = new LinkedHashMap<>();
    final SortedSet<LocalDate> reportDates = new TreeSet<>();
    final List<Dataset<Row>> dqRows = new ArrayList<>();
    final List<UnaryOperator<Dataset<Row>>> dqScopes = new ArrayList<>();

    Run(JobContext ctx, Map<String, Dataset<Row>> changes) {
      this.ctx = ctx;
      this.wh = ctx.warehouse();
      this.changes = changes;
      this.at = Timestamp.from(ctx.clock().instant());
    }

    boolean changed(SourceSpec s) {
      return changes.containsKey(s.name());
    }

    Dataset<Row> changes(SourceSpec s) {
      return changes.get(s.name());
    }

    Dataset<Row> bronze(SourceSpec s) {
      return BronzeChanges.bronze(wh, s);
    }

    /**
     * Replaces the scope; true when a new table version was committed (a MERGE changing nothing
     * commits none).
     */
    boolean write(TableSpec spec, Dataset<Row> rows, UnaryOperator<Dataset<Row>> scope) {
      long before = wh.version(spec.id());
      if (!StepMeter.step(
          wh.spark(), spec.id().toString(), () -> SilverWriter.replace(wh, spec, rows, scope)))
        return false;
      long v = wh.version(spec.id());
      if (v == before) return false;
      versions.put(spec.id().toString(), v);
      LOG.info("{} written (version {})", spec.id(), v);
      return true;
    }

    /**
     * Replaces the scope with the rows and, when a version was committed, notes the earliest date
     * of the column among the new rows and the rows they replace (a corrected date moves a row:
     * both dates are affected). Returns the rows as built once and kept (step "table: built"), for
     * any further read.
     */
    Dataset<Row> writeNotingFrom(
        TableSpec spec, Dataset<Row> rows, UnaryOperator<Dataset<Row>> scope, String dateColumn) {
      Dataset<Row> built = Frames.kept(spec.id() + ": built", rows);
      LocalDate from =
          minDate(
              built.select(dateColumn).unionByName(existing(spec, scope).select(dateColumn)),
              to_date(col(dateColumn)));
      if (write(spec, built, scope)) noteFrom(spec, from);
      return built;
    }

    void noteFrom(TableSpec spec, LocalDate d) {
      if (d != null) affectedFrom.merge(spec.id().toString(), d, (a, b) -> a.isBefore(b) ? a : b);
    }

    /** Current rows of a silver table in a scope (empty when the table is new). */
    Dataset<Row> existing(TableSpec spec, UnaryOperator<Dataset<Row>> scope) {
      return wh.exists(spec.id())
          ? scope.apply(wh.read(spec.id()))
          : new TableWriter(wh).empty(spec);
    }

    void schools() {
      if (!changed(Sources.SCHOOLS)) return;
      if (write(Tables.SILVER_SCHOOLS, SchoolsDimension.build(bronze(Sources.SCHOOLS)), t -> t)) {
        noteFrom(Tables.SILVER_SCHOOLS, minDate(changes(Sources.SCHOOLS), col("as_of")));
      }
    }

    /**
     * Persons of the rebuilt schools: their roster rows may have changed (a person dropped by a new
     * snapshot too).
     */
    Dataset<Row> rosterRebuiltPersons;

    /**
     * Persons in the new roster rows: the only ones whose "ever on the roster" can have changed.
     */
    Dataset<Row> rosterNewRowPersons;

    /** Rebuilds the roster of the affected schools. */
    void roster() {
      if (!changed(Sources.ROSTER)) return;
      Dataset<Row> schools = changes(Sources.ROSTER).select("school_code").distinct();
      Dataset<Row> schoolRows =
          bronze(Sources.ROSTER).join(schools, Latest.seq("school_code"), "left_semi");
      if (write(
          Tables.SILVER_ROSTER,
          RosterDimension.build(schoolRows),
          t -> t.join(schools, Latest.seq("school_code"), "left_semi"))) {
        noteFrom(Tables.SILVER_ROSTER, minDate(changes(Sources.ROSTER), col("as_of")));
      }
      rosterRebuiltPersons = schoolRows.select("person_key").distinct();
      rosterNewRowPersons = changes(Sources.ROSTER).select("person_key").distinct();
    }

    void reportsAndLineList() {
      boolean reports = changed(Sources.DAILY_REPORTS);
      boolean cases = changed(Sources.ABSENCE_CASES);
      if (!reports && !cases) return;
      Dataset<Row> pairs = null;
      for (SourceSpec s : List.of(Sources.DAILY_REPORTS, Sources.ABSENCE_CASES)) {
        if (!changed(s)) continue;
        Dataset<Row> p = changes(s).select("report_date", "school_code").distinct();
        pairs = pairs == null ? p : pairs.unionByName(p).distinct();
      }
      Dataset<Row> affected = pairs.persist(StorageLevel.MEMORY_AND_DISK());
      UnaryOperator<Dataset<Row>> inPairs =
          t -> t.join(affected, Latest.seq("report_date", "school_code"), "left_semi");
      // built once and kept: the writes (a MERGE reads its source more than once) and the
      // data-quality flags would each build them again from all of bronze, which grows with history
      Dataset<Row> silverReports =
          Frames.kept(
              "silver.daily_reports: built",
              DailyReportsSilver.build(inPairs.apply(bronze(Sources.DAILY_REPORTS))));
      Dataset<Row> silverCases =
          Frames.kept(
              "silver.absence_cases: built",
              AbsenceCasesSilver.build(inPairs.apply(bronze(Sources.ABSENCE_CASES))));
      affected
          .select("report_date")
          .distinct()
          .collectAsList()
          .forEach(r -> reportDates.add(r.getDate(0).toLocalDate()));
      LocalDate from = reportDates.isEmpty() ? null : reportDates.first();
      if (reports && write(Tables.SILVER_DAILY_REPORTS, silverReports, inPairs))
        noteFrom(Tables.SILVER_DAILY_REPORTS, from);
      if (cases && write(Tables.SILVER_ABSENCE_CASES, silverCases, inPairs))
        noteFrom(Tables.SILVER_ABSENCE_CASES, from);
      dqRows.add(DataQualityFlags.ofReports(silverReports, silverCases));
      Dataset<Row> flagScope = affected.withColumnRenamed("report_date", "business_date");
      dqScopes.add(
          t ->
              t.filter(col("source").equalTo(DataQualityFlags.DAILY_REPORTS))
                  .join(flagScope, Latest.seq("business_date", "school_code"), "left_semi"));
    }

    void travel(Dataset<Row> rosterPersons) {
      if (!changed(Sources.TRAVEL_RECORDS) && rosterPersons == null) return;
      Dataset<Row> keyed = TravelSilver.withRecordKey(bronze(Sources.TRAVEL_RECORDS));
      Dataset<Row> keys = null;
      if (changed(Sources.TRAVEL_RECORDS))
        keys = TravelSilver.withRecordKey(changes(Sources.TRAVEL_RECORDS)).select("record_key");
      if (rosterPersons != null) {
        Dataset<Row> linked =
            keyed
                .join(
                    rosterPersons.withColumnRenamed("person_key", "linked_person_key"),
                    Latest.seq("linked_person_key"),
                    "left_semi")
                .select("record_key");
        keys = keys == null ? linked : keys.unionByName(linked);
      }
      Dataset<Row> affected = keys.distinct().persist(StorageLevel.MEMORY_AND_DISK());
      if (affected.isEmpty()) return;
      UnaryOperator<Dataset<Row>> inKeys =
          t -> t.join(affected, Latest.seq("record_key"), "left_semi");
      Dataset<Row> roster =
          wh.exists(Tables.SILVER_ROSTER.id())
              ? wh.read(Tables.SILVER_ROSTER.id())
              : new TableWriter(wh).empty(Tables.SILVER_ROSTER);
      Dataset<Row> rows = TravelSilver.build(inKeys.apply(keyed), roster);
      writeNotingFrom(Tables.SILVER_TRAVEL_RECORDS, rows, inKeys, "departure_date");
    }

    void riskAreas() {
      if (!changed(Sources.RISK_AREAS)) return;
      Dataset<Row> areas = changes(Sources.RISK_AREAS).select("area_code").distinct();
      UnaryOperator<Dataset<Row>> inAreas =
          t -> t.join(areas, Latest.seq("area_code"), "left_semi");
      if (write(
          Tables.SILVER_RISK_AREAS,
          RiskAreasSilver.build(inAreas.apply(bronze(Sources.RISK_AREAS))),
          inAreas)) {
        noteFrom(
            Tables.SILVER_RISK_AREAS, minDate(changes(Sources.RISK_AREAS), col("effective_from")));
      }
    }

    void vaccinations(Dataset<Row> rosterPersons) {
      if (!changed(Sources.VACCINATIONS) && rosterPersons == null) return;
      Dataset<Row> persons = null;
      if (changed(Sources.VACCINATIONS))
        persons = changes(Sources.VACCINATIONS).select("person_key");
      if (rosterPersons != null)
        persons = persons == null ? rosterPersons : persons.unionByName(rosterPersons);
      Dataset<Row> affected = persons.distinct().persist(StorageLevel.MEMORY_AND_DISK());
      UnaryOperator<Dataset<Row>> inPersons =
          t -> t.join(affected, Latest.seq("person_key"), "left_semi");
      Dataset<Row> doses =
          writeNotingFrom(
              Tables.SILVER_VACCINATIONS,
              VaccinationsSilver.build(
                  inPersons.apply(bronze(Sources.VACCINATIONS)),
                  inPersons.apply(bronze(Sources.ROSTER)).select("person_key"),
                  ctx.config().policy().vaccineProducts()),
              inPersons,
              "vaccination_date");
      dqRows.add(DataQualityFlags.ofDoses(doses));
      dqScopes.add(
          t ->
              t.filter(col("source").equalTo(DataQualityFlags.VACCINATIONS))
                  .withColumn("person_key", substring_index(col("record_key"), "|", 1))
                  .join(affected, Latest.seq("person_key"), "left_semi")
                  .drop("person_key"));
    }

    void contraindications() {
      if (!changed(Sources.CONTRAINDICATIONS)) return;
      Dataset<Row> persons = changes(Sources.CONTRAINDICATIONS).select("person_key").distinct();
      UnaryOperator<Dataset<Row>> inPersons =
          t -> t.join(persons, Latest.seq("person_key"), "left_semi");
      Dataset<Row> rows =
          ContraindicationsSilver.build(inPersons.apply(bronze(Sources.CONTRAINDICATIONS)));
      writeNotingFrom(Tables.SILVER_CONTRAINDICATIONS, rows, inPersons, "recorded_at");
    }

    void safetyIncidents() {
      if (!changed(Sources.SAFETY_INCIDENTS)) return;
      UnaryOperator<Dataset<Row>> inIds = inKeys(Sources.SAFETY_INCIDENTS);
      Dataset<Row> rows =
          SafetyIncidentsSilver.build(inIds.apply(bronze(Sources.SAFETY_INCIDENTS)));
      // a corrected incident date moves the incident between periods: both dates count
      writeNotingFrom(Tables.SILVER_SAFETY_INCIDENTS, rows, inIds, "incident_date");
    }

    void inspections() {
      if (!changed(Sources.INSPECTIONS)) return;
      UnaryOperator<Dataset<Row>> inIds = inKeys(Sources.INSPECTIONS);
      Dataset<Row> rows = InspectionsSilver.inspections(inIds.apply(bronze(Sources.INSPECTIONS)));
      // a corrected inspection date moves the inspection between windows: both dates count
      writeNotingFrom(Tables.SILVER_INSPECTIONS, rows, inIds, "inspection_date");
    }

    void findings() {
      if (!changed(Sources.FINDINGS)) return;
      UnaryOperator<Dataset<Row>> inIds = inKeys(Sources.FINDINGS);
      Dataset<Row> rows = InspectionsSilver.findings(inIds.apply(bronze(Sources.FINDINGS)));
      // a finding carries no date of its own (it counts from its inspection's): every earlier
      // snapshot may change
      if (write(Tables.SILVER_FINDINGS, rows, inIds))
        noteFrom(Tables.SILVER_FINDINGS, LocalDate.MIN);
    }

    void campusStays() {
      if (!changed(Sources.CAMPUS_STAYS)) return;
      String[] key = CampusStaysSilver.KEY.toArray(String[]::new);
      Dataset<Row> keys =
          changes(Sources.CAMPUS_STAYS).select(Latest.cols(CampusStaysSilver.KEY)).distinct();
      UnaryOperator<Dataset<Row>> inKeys = t -> t.join(keys, Latest.seq(key), "left_semi");
      Dataset<Row> rows = CampusStaysSilver.build(inKeys.apply(bronze(Sources.CAMPUS_STAYS)));
      // a pending stay counts on every day before its start too: every earlier snapshot may change
      if (write(Tables.SILVER_CAMPUS_STAYS, rows, inKeys))
        noteFrom(Tables.SILVER_CAMPUS_STAYS, LocalDate.MIN);
    }

    void returnBatches() {
      if (!changed(Sources.RETURN_BATCHES)) return;
      UnaryOperator<Dataset<Row>> inKeys = inKeys(Sources.RETURN_BATCHES);
      Dataset<Row> rows = ReturnBatchesSilver.build(inKeys.apply(bronze(Sources.RETURN_BATCHES)));
      // a batch moves S, and with it the deferral window, of its grade: earlier snapshots change
      if (write(Tables.SILVER_RETURN_BATCHES, rows, inKeys))
        noteFrom(Tables.SILVER_RETURN_BATCHES, LocalDate.MIN);
    }

    /** The rows of the keys (the source's declared key) that changed in this run. */
    UnaryOperator<Dataset<Row>> inKeys(SourceSpec s) {
      String[] key = s.naturalKey().toArray(String[]::new);
      Dataset<Row> keys = changes(s).select(Latest.cols(s.naturalKey())).distinct();
      return t -> t.join(keys, Latest.seq(key), "left_semi");
    }

    void alertResponses() {
      if (!changed(Sources.ALERT_RESPONSES)) return;
      Dataset<Row> ids =
          AlertResponsesSilver.normalized(changes(Sources.ALERT_RESPONSES))
              .select("alert_id")
              .distinct();
      UnaryOperator<Dataset<Row>> inIds = t -> t.join(ids, Latest.seq("alert_id"), "left_semi");
      Dataset<Row> rows =
          AlertResponsesSilver.build(
              AlertResponsesSilver.normalized(bronze(Sources.ALERT_RESPONSES))
                  .join(ids, Latest.seq("alert_id"), "left_semi"));
      if (write(Tables.SILVER_ALERT_RESPONSES, rows, inIds))
        noteFrom(Tables.SILVER_ALERT_RESPONSES, null);
    }

    /** One MERGE of ops.data_quality: the flags of every affected scope are replaced. */
    void dataQuality() {
      if (dqRows.isEmpty()) return;
      Dataset<Row> flags = dqRows.stream().reduce(Dataset::unionByName).orElseThrow();
      write(
          Tables.OPS_DATA_QUALITY,
          DataQualityFlags.stamped(flags, at),
          t -> dqScopes.stream().map(s -> s.apply(t)).reduce(Dataset::unionByName).orElseThrow());
    }

    /** Gold can read every silver table from the first run on, even before its source arrives. */
    void createMissingTables() {
      List<TableSpec> all = new ArrayList<>(Tables.SILVER);
      all.add(Tables.OPS_DATA_QUALITY);
      for (TableSpec spec : all) {
        if (!wh.exists(spec.id())) write(spec, new TableWriter(wh).empty(spec), t -> t);
      }
    }
  }

  static LocalDate minDate(Dataset<Row> rows, Column date) {
    Row r = rows.agg(org.apache.spark.sql.functions.min(date)).head();
    return r.isNullAt(0) ? null : r.getDate(0).toLocalDate();
  }
}
