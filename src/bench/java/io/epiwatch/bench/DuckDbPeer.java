package io.epiwatch.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.epiwatch.catalog.TableSpec;
import io.epiwatch.catalog.Tables;
import io.epiwatch.catalog.Warehouse;
import io.epiwatch.config.Policy;
import io.epiwatch.spark.JobContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The benchmark's peer (issue 8): DuckDB computes the same gold metrics from the same silver data
 * (resource bench/duckdb/gold.sql), timed per metric, and the results are compared with our gold
 * tables row by row. Steps: export the current silver versions to Parquet (timed apart, not DuckDB
 * work); in an in-memory DuckDB, views over those files plus policy tables built from {@link
 * Policy}, then gold.sql block by block; compare each gold table as a multiset of rows (doubles
 * within 1e-9 relative).
 *
 * <p>DuckDB is a test-scope dependency of this source set (src/bench, compiled with the tests),
 * used only through JDBC; jobs/bench runs on the test classpath (target/test-classpath.txt).
 */
public final class DuckDbPeer {
  private static final Logger LOG = LoggerFactory.getLogger(DuckDbPeer.class);
  static final String GOLD_SQL = "/bench/duckdb/gold.sql";
  static final String SETUP = "setup";
  private static final double RELATIVE_TOLERANCE = 1e-9;
  private static final int EXAMPLES = 5;

  /** One gold table compared: row counts, DuckDB seconds of its metric, rows on one side only. */
  public record TableComparison(
      String table,
      long rowsOurs,
      long rowsDuckDb,
      double secondsDuckDb,
      long onlyOurs,
      long onlyDuckDb,
      List<String> examples) {
    /**
     * Rows without an equal row on the other side (a row differing in one value counts on both
     * sides).
     */
    public long mismatches() {
      return onlyOurs + onlyDuckDb;
    }
  }

  /**
   * @param metricSeconds DuckDB seconds per block of gold.sql: "setup", then one per gold table
   */
  public record PeerResult(
      LocalDate runDate,
      double exportSeconds,
      Map<String, Double> metricSeconds,
      List<TableComparison> tables,
      String duckDbVersion,
      int threads,
      String memoryLimit) {
    public long mismatches() {
      return tables.stream().mapToLong(TableComparison::mismatches).sum();
    }
  }

  /** One block of gold.sql: a metric (named like its gold table) or the setup. */
  record Block(String name, List<String> statements) {}

  private DuckDbPeer() {}

  /**
   * Export, compute and compare for the context's run date; the folder receives the Parquet files.
   */
  public static PeerResult run(JobContext ctx, Path folder) {
    long t0 = System.nanoTime();
    export(ctx.warehouse(), folder);
    double exportSeconds = (System.nanoTime() - t0) / 1e9;
    LOG.info(
        "duckdb peer: silver exported to {} in {} s", folder, String.format("%.1f", exportSeconds));
    try (Connection c = connect()) {
      configure(c, folder);
      Map<String, Double> seconds = compute(c, folder, ctx.config().policy(), ctx.runDate());
      List<TableComparison> tables = compare(ctx.warehouse(), c, ctx.runDate(), seconds);
      return new PeerResult(
          ctx.runDate(),
          exportSeconds,
          seconds,
          tables,
          scalar(c, "SELECT version()"),
          Integer.parseInt(scalar(c, "SELECT current_setting('threads')")),
          scalar(c, "SELECT current_setting('memory_limit')"));
    } catch (SQLException e) {
      throw new IllegalStateException("duckdb peer: " + e.getMessage(), e);
    }
  }

  // ---------------------------------------------------------------- export

  /**
   * Writes the current version of every silver table as Parquet to {@code folder/<layer>_<name>}.
   * Timestamps become local wall-clock time of the session's zone (TIMESTAMP_NTZ), which is what
   * gold.sql expects: the reporting cutoff is a local time.
   */
  public static void export(Warehouse wh, Path folder) {
    for (TableSpec spec : Tables.SILVER) {
      // an optional source's table may be absent (no alert response ever): exported empty
      Dataset<Row> rows =
          wh.exists(spec.id())
              ? wh.read(spec.id())
              : new io.epiwatch.catalog.TableWriter(wh).empty(spec);
      Column[] cols =
          Arrays.stream(spec.schema().fields())
              .map(f -> localTime(col(f.name()), f).as(f.name()))
              .toArray(Column[]::new);
      rows.select(cols)
          .write()
          .mode("overwrite")
          .parquet(folder.resolve(viewName(spec)).toString());
    }
  }

  private static Column localTime(Column c, StructField f) {
    return f.dataType().equals(DataTypes.TimestampType) ? c.cast(DataTypes.TimestampNTZType) : c;
  }

  static String viewName(TableSpec spec) {
    return spec.id().layer() + "_" + spec.id().name();
  }

  // ---------------------------------------------------------------- DuckDB

  /**
   * Fails with a clear message when the DuckDB JDBC driver is not on the classpath (checked before
   * a long bench starts).
   */
  public static void requireDriver() {
    try {
      Class.forName("org.duckdb.DuckDBDriver");
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException(
          "the DuckDB JDBC driver (org.duckdb:duckdb_jdbc, test scope) is not on the classpath: "
              + "run the benchmark with jobs/bench, which runs it on the test classpath (target/test-classpath.txt, written by mvn package)",
          e);
    }
  }

  /** An in-memory DuckDB, through JDBC only (no compile-time dependency on the driver). */
  static Connection connect() {
    requireDriver();
    try {
      return DriverManager.getConnection("jdbc:duckdb:");
    } catch (SQLException e) {
      throw new IllegalStateException(
          "duckdb peer: cannot open an in-memory DuckDB: " + e.getMessage(), e);
    }
  }

  /**
   * Threads = cores (DuckDB's default, set explicitly); memory limit DuckDB's default (80% of RAM)
   * unless this JVM leaves less: DuckDB runs in this process, so its limit is at most the machine's
   * memory less the JVM's maximum heap and 3 GiB for the JVM's memory outside the heap (Spark's
   * network buffers, metaspace, code, threads: a province ingest with a 14 GiB heap peaked at 15.8
   * GB resident).
   */
  static void configure(Connection c, Path folder) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.execute("SET threads = " + Runtime.getRuntime().availableProcessors());
      long ram =
          ((com.sun.management.OperatingSystemMXBean)
                  java.lang.management.ManagementFactory.getOperatingSystemMXBean())
              .getTotalMemorySize();
      long mib = 1L << 20;
      long limit = Math.min(ram / 10 * 8, ram - Runtime.getRuntime().maxMemory() - 3 * 1024 * mib);
      st.execute("SET memory_limit = '" + Math.max(1024 * mib, limit) / mib + "MiB'");
      st.execute(
          "SET temp_directory = '"
              + sqlString(folder.resolve("duckdb-tmp").toAbsolutePath().toString())
              + "'");
    }
  }

  /**
   * Views over the exported silver, the policy tables, then gold.sql; returns seconds per block.
   */
  public static Map<String, Double> compute(
      Connection c, Path folder, Policy policy, LocalDate runDate) throws SQLException {
    try (Statement st = c.createStatement()) {
      for (TableSpec spec : Tables.SILVER) {
        String files = folder.resolve(viewName(spec)).toAbsolutePath() + "/*.parquet";
        st.execute(
            "CREATE OR REPLACE VIEW "
                + viewName(spec)
                + " AS SELECT * FROM read_parquet('"
                + sqlString(files)
                + "')");
      }
    }
    return computeGold(c, policy, runDate);
  }

  /**
   * The policy as the data decides it (see gold/DataPolicy), from the connection's silver_schools:
   * the home province from the district codes, city names from city_name.
   */
  static Policy resolve(Connection c, Policy policy) throws SQLException {
    java.util.Set<String> provinces = new java.util.TreeSet<>();
    Map<String, String> names = new java.util.TreeMap<>();
    try (Statement st = c.createStatement()) {
      try (java.sql.ResultSet rs =
          st.executeQuery(
              "SELECT DISTINCT substr(district_code, 1, 2) FROM silver_schools WHERE district_code IS NOT NULL")) {
        while (rs.next()) provinces.add(rs.getString(1));
      }
      try (java.sql.ResultSet rs =
          st.executeQuery(
              "SELECT city_code, arg_max(trim(city_name), valid_from) FROM silver_schools "
                  + "WHERE city_name IS NOT NULL AND trim(city_name) <> '' GROUP BY city_code")) {
        while (rs.next()) names.put(rs.getString(1), rs.getString(2));
      }
    }
    java.util.Set<String> cities = new java.util.TreeSet<>();
    try (Statement st = c.createStatement();
        java.sql.ResultSet rs =
            st.executeQuery(
                "SELECT DISTINCT substr(city_code, 1, 4) FROM silver_schools WHERE city_code IS NOT NULL")) {
      while (rs.next()) cities.add(rs.getString(1));
    }
    return policy.resolve(provinces, names).resolveHomeCity(cities);
  }

  /**
   * The policy tables, then gold.sql over whatever relations named silver_* the connection has
   * (views over exported Parquet, or tables built from the extracts by {@link DuckDbSilver});
   * returns seconds per block.
   */
  public static Map<String, Double> computeGold(Connection c, Policy policy, LocalDate runDate)
      throws SQLException {
    createPolicyTables(c, resolve(c, policy));
    Map<String, Double> seconds = new LinkedHashMap<>();
    for (Block b : blocks(goldSql(), runDate)) {
      long t0 = System.nanoTime();
      try (Statement st = c.createStatement()) {
        for (String sql : b.statements()) {
          try {
            st.execute(sql);
          } catch (SQLException e) {
            throw new SQLException(
                "gold.sql block " + b.name() + ": " + e.getMessage() + "\n" + sql, e);
          }
        }
      }
      double s = (System.nanoTime() - t0) / 1e9;
      seconds.put(b.name(), s);
      LOG.info("duckdb peer: {} in {} s", b.name(), String.format("%.3f", s));
    }
    return seconds;
  }

  static String goldSql() {
    try (InputStream in = DuckDbPeer.class.getResourceAsStream(GOLD_SQL)) {
      if (in == null)
        throw new IllegalStateException("resource " + GOLD_SQL + " missing from the classpath");
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(GOLD_SQL, e);
    }
  }

  /**
   * Splits gold.sql at its marker lines ({@code -- @setup}, {@code -- @metric <name>}) into
   * statements (a statement ends with a line ending in ';'), with the run date substituted.
   */
  static List<Block> blocks(String sql, LocalDate runDate) {
    List<Block> blocks = new ArrayList<>();
    String name = null;
    List<String> statements = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : sql.replace("${run_date}", runDate.toString()).split("\n", -1)) {
      String t = line.strip();
      if (t.equals("-- @setup") || t.startsWith("-- @metric ")) {
        if (name != null) blocks.add(new Block(name, List.copyOf(statements)));
        if (!current.toString().isBlank())
          throw new IllegalStateException("gold.sql: statement without ';' before " + t);
        name = t.equals("-- @setup") ? SETUP : t.substring("-- @metric ".length()).strip();
        statements.clear();
        current.setLength(0);
        continue;
      }
      if (name == null || t.startsWith("--") || t.isEmpty()) continue;
      current.append(line).append('\n');
      if (t.endsWith(";")) {
        statements.add(current.toString().strip().replaceAll(";$", ""));
        current.setLength(0);
      }
    }
    if (name != null) blocks.add(new Block(name, List.copyOf(statements)));
    if (!current.toString().isBlank())
      throw new IllegalStateException("gold.sql: last statement lacks ';'");
    return blocks;
  }

  /** The policy of conf as small tables (the inputs gold.sql names besides silver). */
  static void createPolicyTables(Connection c, Policy p) throws SQLException {
    try (Statement st = c.createStatement()) {
      st.execute(
          "CREATE OR REPLACE TABLE policy_reporting_cutoff (from_date DATE, cutoff_time TIME)");
      st.execute(
          "CREATE OR REPLACE TABLE policy_settings (home_province VARCHAR, vaccination_min_age INTEGER, lagging_threshold DOUBLE, "
              + "exposure_window_days INTEGER, quiet_gap_days INTEGER)");
      st.execute(
          "CREATE OR REPLACE TABLE policy_city_names (city_code VARCHAR, city_name VARCHAR)");
      st.execute(
          "CREATE OR REPLACE TABLE policy_home_city (home_city VARCHAR, in_city_monitoring_days INTEGER)");
      st.execute(
          "CREATE OR REPLACE TABLE policy_focus_areas (area_code VARCHAR, area_name VARCHAR, prefix VARCHAR, "
              + "since DATE, window_days INTEGER, from_date DATE, to_date DATE)");
      st.execute(
          "CREATE OR REPLACE TABLE policy_age_bands (band_order INTEGER, band VARCHAR, min_age INTEGER, max_age INTEGER)");
      st.execute(
          "CREATE OR REPLACE TABLE policy_campaigns (campaign_id VARCHAR, age_band VARCHAR, dose_number INTEGER, deadline DATE, "
              + "target_rate DOUBLE)");
      st.execute("CREATE OR REPLACE TABLE policy_monitoring_days (category VARCHAR, days INTEGER)");
      st.execute(
          "CREATE OR REPLACE TABLE policy_cluster_rules (rule_no INTEGER, rule VARCHAR, scope VARCHAR, window_days INTEGER, "
              + "threshold DOUBLE, symptom_group VARCHAR, diagnosis VARCHAR, per_symptom_group BOOLEAN, valid_from DATE, valid_to DATE, "
              + "measure VARCHAR, min_persons INTEGER)");
      st.execute(
          "CREATE OR REPLACE TABLE policy_ears_c2 (enabled BOOLEAN, baseline_from INTEGER, baseline_to INTEGER, "
              + "min_baseline_days INTEGER, sd_floor DOUBLE, threshold DOUBLE)");
      st.execute(
          "CREATE OR REPLACE TABLE policy_district_ears (enabled BOOLEAN, baseline_from INTEGER, baseline_to INTEGER, "
              + "min_baseline_days INTEGER, sd_floor DOUBLE, warning DOUBLE, alert DOUBLE, min_cases INTEGER)");
      st.execute(
          "CREATE OR REPLACE TABLE policy_vaccine_products (product VARCHAR, series_doses INTEGER, min_interval_days INTEGER, "
              + "match VARCHAR)");
      st.execute(
          "CREATE OR REPLACE TABLE policy_vaccination (grace_days INTEGER, deadline_warning_days INTEGER)");
    }
    insert(
        c,
        "policy_vaccination",
        p.vaccination().graceDays(),
        p.vaccination().deadlineWarningDays());
    for (Policy.Dated<LocalTime> d : p.reportingCutoffs())
      insert(c, "policy_reporting_cutoff", d.from(), d.value());
    insert(
        c,
        "policy_settings",
        p.homeProvince(),
        p.vaccinationMinAge(),
        p.laggingThreshold(),
        p.exposureWindowDays(),
        p.quietGapDays());
    for (var e : p.cityNames().entrySet()) insert(c, "policy_city_names", e.getKey(), e.getValue());
    insert(c, "policy_home_city", p.homeCity(), p.inCityMonitoringDays());
    for (Policy.FocusArea f : p.focusAreas())
      for (String m : f.match())
        insert(
            c,
            "policy_focus_areas",
            f.id(),
            f.name(),
            m,
            f.since(),
            f.windowDays(),
            f.from(),
            f.to());
    int order = 0;
    for (Policy.AgeBand b : p.ageBands())
      insert(c, "policy_age_bands", order++, b.band(), b.min(), b.max());
    for (Policy.Campaign x : p.campaigns())
      insert(c, "policy_campaigns", x.id(), x.ageBand(), x.dose(), x.deadline(), x.targetRate());
    for (var e : p.monitoringDays().entrySet())
      insert(c, "policy_monitoring_days", e.getKey(), e.getValue());
    int ruleNo = 0;
    for (Policy.ClusterRule r : p.clusterRules()) {
      insert(
          c,
          "policy_cluster_rules",
          ruleNo++,
          r.rule(),
          r.scope().code(),
          r.window(),
          r.threshold(),
          r.symptomGroup() == null ? null : r.symptomGroup().code(),
          r.diagnosis(),
          r.perSymptomGroup(),
          r.from(),
          r.to(),
          r.measure().code(),
          r.minPersons());
    }
    Policy.EarsC2 e = p.earsC2();
    insert(
        c,
        "policy_ears_c2",
        e.enabled(),
        e.baselineFrom(),
        e.baselineTo(),
        e.minBaselineDays(),
        e.sdFloor(),
        e.threshold());
    Policy.DistrictEars de = p.districtEars();
    insert(
        c,
        "policy_district_ears",
        de.enabled(),
        de.baselineFrom(),
        de.baselineTo(),
        de.minBaselineDays(),
        de.sdFloor(),
        de.warning(),
        de.alert(),
        de.minCases());
    for (Policy.VaccineProduct v : p.vaccineProducts()) {
      insert(
          c,
          "policy_vaccine_products",
          v.product(),
          v.seriesDoses(),
          v.minIntervalDays(),
          String.join("|", v.match()));
    }
  }

  private static void insert(Connection c, String table, Object... values) throws SQLException {
    String marks = Arrays.stream(values).map(v -> "?").collect(Collectors.joining(", "));
    try (PreparedStatement ps =
        c.prepareStatement("INSERT INTO " + table + " VALUES (" + marks + ")")) {
      for (int i = 0; i < values.length; i++) {
        Object v = values[i];
        if (v == null) ps.setNull(i + 1, Types.VARCHAR);
        else if (v instanceof LocalDate d) ps.setObject(i + 1, d);
        else if (v instanceof LocalTime t) ps.setString(i + 1, t.toString());
        else ps.setObject(i + 1, v);
      }
      ps.executeUpdate();
    }
  }

  private static String scalar(Connection c, String sql) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      rs.next();
      return rs.getString(1);
    }
  }

  private static String sqlString(String s) {
    return s.replace("'", "''");
  }

  // ---------------------------------------------------------------- comparison

  /**
   * Our gold tables (the daily ones whole, the as-of ones where as_of = the run date) against
   * DuckDB's gold_* tables, on the columns of each table's declared schema.
   */
  public static List<TableComparison> compare(
      Warehouse wh, Connection c, LocalDate runDate, Map<String, Double> seconds)
      throws SQLException {
    List<TableComparison> out = new ArrayList<>();
    for (TableSpec spec : Tables.GOLD_METRICS) {
      String[] columns = spec.columnNames();
      List<List<Object>> ours = List.of();
      if (wh.exists(spec.id())) {
        Dataset<Row> g = wh.read(spec.id());
        if ("as_of".equals(spec.partitionColumn())) {
          g = g.filter(col(spec.partitionColumn()).equalTo(lit(java.sql.Date.valueOf(runDate))));
        }
        Column[] cols =
            Arrays.stream(spec.schema().fields())
                .map(f -> localTime(col(f.name()), f).as(f.name()))
                .toArray(Column[]::new);
        ours = g.select(cols).collectAsList().stream().map(DuckDbPeer::values).toList();
      }
      List<List<Object>> duck = new ArrayList<>();
      String table = "gold_" + spec.id().name();
      try (Statement st = c.createStatement();
          ResultSet rs =
              st.executeQuery("SELECT " + String.join(", ", columns) + " FROM " + table)) {
        while (rs.next()) {
          List<Object> row = new ArrayList<>(columns.length);
          for (int i = 1; i <= columns.length; i++) {
            boolean timestamp = rs.getMetaData().getColumnType(i) == Types.TIMESTAMP;
            row.add(normalize(timestamp ? rs.getObject(i, LocalDateTime.class) : rs.getObject(i)));
          }
          duck.add(row);
        }
      }
      TableComparison tc =
          compareRows(spec, ours, duck, seconds.getOrDefault(spec.id().name(), Double.NaN));
      LOG.info(
          "duckdb peer: {} ours {} rows, duckdb {} rows, {} mismatching{}",
          spec.id(),
          tc.rowsOurs(),
          tc.rowsDuckDb(),
          tc.mismatches(),
          tc.examples().isEmpty() ? "" : "\n  " + String.join("\n  ", tc.examples()));
      out.add(tc);
    }
    return out;
  }

  private static List<Object> values(Row r) {
    List<Object> v = new ArrayList<>(r.length());
    for (int i = 0; i < r.length(); i++) v.add(normalize(r.get(i)));
    return v;
  }

  /**
   * One representation per value on both sides: LocalDate, LocalDateTime, Long, Double, Boolean,
   * String.
   */
  static Object normalize(Object v) {
    if (v == null) return null;
    if (v instanceof java.sql.Date d) return d.toLocalDate();
    if (v instanceof java.sql.Timestamp t) return t.toLocalDateTime();
    if (v instanceof java.time.OffsetDateTime t) return t.toLocalDateTime();
    if (v instanceof Double || v instanceof Float || v instanceof java.math.BigDecimal)
      return ((Number) v).doubleValue();
    if (v instanceof Number n) return n.longValue();
    return v;
  }

  /**
   * Multiset comparison: rows are bucketed by their non-double values, then matched within a bucket
   * with doubles equal within {@value #RELATIVE_TOLERANCE} relative. Examples pair an unmatched row
   * of ours with DuckDB's row of the same table key when there is one.
   */
  static TableComparison compareRows(
      TableSpec spec, List<List<Object>> ours, List<List<Object>> duck, double seconds) {
    Map<List<Object>, List<List<Object>>> buckets = new HashMap<>();
    for (List<Object> r : duck)
      buckets.computeIfAbsent(exactPart(r), k -> new ArrayList<>()).add(r);
    List<List<Object>> onlyOurs = new ArrayList<>();
    for (List<Object> r : ours) {
      List<List<Object>> candidates = buckets.get(exactPart(r));
      int hit = -1;
      if (candidates != null) {
        for (int i = 0; i < candidates.size() && hit < 0; i++)
          if (close(r, candidates.get(i))) hit = i;
      }
      if (hit >= 0) candidates.remove(hit);
      else onlyOurs.add(r);
    }
    List<List<Object>> onlyDuck =
        buckets.values().stream()
            .flatMap(List::stream)
            .collect(Collectors.toCollection(ArrayList::new));
    return new TableComparison(
        spec.id().toString(),
        ours.size(),
        duck.size(),
        seconds,
        onlyOurs.size(),
        onlyDuck.size(),
        examples(spec, onlyOurs, onlyDuck));
  }

  private static List<Object> exactPart(List<Object> r) {
    return r.stream().map(v -> v instanceof Double ? "<double>" : v).toList();
  }

  private static boolean close(List<Object> a, List<Object> b) {
    for (int i = 0; i < a.size(); i++) {
      if (a.get(i) instanceof Double x && b.get(i) instanceof Double y) {
        if (!(x.equals(y)
            || Math.abs(x - y)
                <= RELATIVE_TOLERANCE * Math.max(1.0, Math.max(Math.abs(x), Math.abs(y)))))
          return false;
      } else if (!Objects.equals(a.get(i), b.get(i))) {
        return false;
      }
    }
    return true;
  }

  private static List<String> examples(
      TableSpec spec, List<List<Object>> onlyOurs, List<List<Object>> onlyDuck) {
    String[] columns = spec.columnNames();
    int[] key = spec.key().stream().mapToInt(k -> Arrays.asList(columns).indexOf(k)).toArray();
    List<String> out = new ArrayList<>();
    List<List<Object>> unpaired = new ArrayList<>(onlyDuck);
    for (List<Object> o : onlyOurs) {
      if (out.size() >= EXAMPLES) break;
      List<Object> k = Arrays.stream(key).mapToObj(o::get).toList();
      List<Object> d =
          unpaired.stream()
              .filter(r -> Arrays.stream(key).mapToObj(r::get).toList().equals(k))
              .findFirst()
              .orElse(null);
      if (d == null) {
        out.add("only ours: " + describe(columns, o));
        continue;
      }
      unpaired.remove(d);
      StringBuilder b = new StringBuilder("key ").append(k).append(':');
      for (int i = 0; i < columns.length; i++) {
        if (!close(List.of(boxed(o.get(i))), List.of(boxed(d.get(i))))) {
          b.append(' ')
              .append(columns[i])
              .append(" ours=")
              .append(o.get(i))
              .append(" duckdb=")
              .append(d.get(i));
        }
      }
      out.add(b.toString());
    }
    for (List<Object> d : unpaired) {
      if (out.size() >= EXAMPLES) break;
      out.add("only duckdb: " + describe(columns, d));
    }
    return out;
  }

  private static Object boxed(Object v) {
    return v == null ? "<null>" : v;
  }

  private static String describe(String[] columns, List<Object> row) {
    StringBuilder b = new StringBuilder("{");
    for (int i = 0; i < columns.length; i++) {
      if (row.get(i) != null)
        b.append(b.length() > 1 ? ", " : "").append(columns[i]).append('=').append(row.get(i));
    }
    return b.append('}').toString();
  }
}
