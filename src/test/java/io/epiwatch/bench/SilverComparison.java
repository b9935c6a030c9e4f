package io.epiwatch.bench;

import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.sha2;

import io.epiwatch.catalog.TableSpec;
import io.epiwatch.catalog.Tables;
import io.epiwatch.catalog.Warehouse;
import io.epiwatch.config.AppConfig;
import io.epiwatch.config.Policy;
import io.epiwatch.ingest.IngestJob;
import io.epiwatch.silver.TransformJob;
import io.epiwatch.spark.JobContext;
import io.epiwatch.testing.SparkExtension;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;

/**
 * Runs the Spark pipeline (ingest + transform) and the DuckDB peer on one inbox and lists where
 * their silver tables differ: declared columns and types, then rows compared as text. Person keys
 * are compared after mapping the warehouse's HMAC keys (through restricted.person_identity) to the
 * peer's sha256 keys, source_file by file name. The quarantined rows and their reasons must agree
 * as well.
 */
public final class SilverComparison {
  static final LocalDate RUN_DATE = LocalDate.of(2021, 10, 5);
  private static final String NULL = "∅";
  private static final int EXAMPLES = 5;

  private SilverComparison() {}

  /** Spark ingest + transform and the DuckDB peer on one inbox; the differences found. */
  static List<String> compareOn(SparkSession spark, Path inbox) throws SQLException {
    Path root = SparkExtension.newFolder("duck-wh");
    AppConfig config =
        AppConfig.fromString("")
            .withPaths(root.toString(), inbox.toString(), root.resolve("out").toString());
    JobContext ctx =
        JobContext.of(
            config,
            spark,
            RUN_DATE,
            Clock.fixed(Instant.parse("2021-10-05T02:00:00Z"), ZoneId.of("Asia/Shanghai")));
    long t0 = System.nanoTime();
    IngestJob.run(ctx, Optional.empty());
    TransformJob.run(ctx);
    System.out.printf("spark ingest + transform: %.1f s%n", (System.nanoTime() - t0) / 1e9);
    return compareWith(ctx.warehouse(), inbox, config.policy());
  }

  /**
   * The DuckDB peer on {@code inbox} as of {@link #RUN_DATE} against a warehouse our pipeline
   * already built from that inbox for that date; the differences found.
   */
  public static List<String> compareWith(Warehouse wh, Path inbox, Policy policy)
      throws SQLException {
    try (Connection db = DuckDbSilver.open()) {
      DuckDbSilver.Result result =
          DuckDbSilver.run(db, inbox, RUN_DATE, SparkExtension.newFolder("duck-scratch"), policy);
      System.out.println("duckdb silver: " + result.summary());
      Map<String, String> sparkToDuckKeys = keyTranslation(wh);
      List<String> problems = new ArrayList<>();
      for (TableSpec spec : Tables.SILVER) {
        String table = "silver_" + spec.id().name();
        problems.addAll(schemaProblems(db, table, spec));
        problems.addAll(
            difference(table, sparkRows(wh, spec, sparkToDuckKeys), duckRows(db, table, spec)));
      }
      problems.addAll(difference("quarantine", sparkQuarantine(wh), duckQuarantine(db)));
      return problems;
    }
  }

  // ------------------------------------------------------------------ Spark side

  /**
   * HMAC person_key -> the peer's sha256(id_type:id_number), from the restricted identity table.
   */
  private static Map<String, String> keyTranslation(Warehouse wh) {
    Map<String, String> keys = new HashMap<>();
    wh.read(Tables.RESTRICTED_PERSON_IDENTITY.id())
        .select(col("person_key"), sha2(concat(col("id_type"), lit(":"), col("id_number")), 256))
        .collectAsList()
        .forEach(r -> keys.put(r.getString(0), r.getString(1)));
    return keys;
  }

  private static List<String> sparkRows(Warehouse wh, TableSpec spec, Map<String, String> keys) {
    Dataset<Row> rows = wh.read(spec.id());
    List<String> out = new ArrayList<>();
    for (Row r :
        rows.select(
                Arrays.stream(spec.schema().fields()).map(f -> sparkText(f)).toArray(Column[]::new))
            .collectAsList()) {
      String[] cells = new String[r.size()];
      for (int i = 0; i < r.size(); i++) {
        String name = spec.schema().fields()[i].name();
        cells[i] =
            name.endsWith("person_key") && !r.isNullAt(i)
                ? keys.getOrDefault(r.getString(i), "?" + r.getString(i))
                : r.getString(i);
      }
      out.add(line(travelRecordKey(spec, cells)));
    }
    return out;
  }

  /** record_key embeds person_key when a trip has no record_id: rebuild it from the mapped key. */
  private static String[] travelRecordKey(TableSpec spec, String[] cells) {
    if (spec != Tables.SILVER_TRAVEL_RECORDS || cells[1] != null) return cells;
    List<String> names = Arrays.asList(spec.columnNames());
    cells[0] =
        String.join(
            "|",
            cells[names.indexOf("person_key")],
            cells[names.indexOf("departure_date")],
            cells[names.indexOf("destination_code")]);
    return cells;
  }

  private static Column sparkText(StructField f) {
    Column c = col(f.name());
    if (f.name().equals("source_file")) return regexp_extract(c, "[^/]+$", 0);
    // the peer reads transcoded copies: the inbox file's hash is not its to know
    if (f.name().equals("source_sha256")) return lit("");
    return c.cast("string");
  }

  private static List<String> sparkQuarantine(Warehouse wh) {
    // UNKNOWN_ALERT, UNKNOWN_INSPECTION and the findings' BAD_DATE are decided by the metrics
    // stage (docs/rules.md §1.4; rows without an ingest batch), not by ingest, which the peer's
    // quarantine stands for
    return wh
        .read(Tables.OPS_QUARANTINE.id())
        .filter(col("ingest_batch_id").isNotNull())
        .select(
            concat_ws(
                "\t",
                col("source"),
                regexp_extract(col("source_file"), "[^/]+$", 0),
                col("source_line").cast("string"),
                array_sort(col("reasons")).cast("string")))
        .collectAsList()
        .stream()
        .map(r -> r.getString(0))
        .toList();
  }

  // ------------------------------------------------------------------ DuckDB side

  private static List<String> duckRows(Connection db, String table, TableSpec spec)
      throws SQLException {
    String select =
        Arrays.stream(spec.columnNames())
            .map(
                c ->
                    c.equals("source_file")
                        ? "regexp_extract(source_file, '[^/]+$')"
                        : c.equals("source_sha256") ? "''" : "CAST(\"" + c + "\" AS VARCHAR)")
            .collect(Collectors.joining(", "));
    return query(db, "SELECT " + select + " FROM " + table, spec.columnNames().length).stream()
        .map(SilverComparison::line)
        .toList();
  }

  private static List<String> duckQuarantine(Connection db) throws SQLException {
    return query(
            db,
            "SELECT source || chr(9) || regexp_extract(source_file, '[^/]+$') || chr(9) || source_line || chr(9) || "
                + "CAST(reasons AS VARCHAR) FROM quarantine",
            1)
        .stream()
        .map(r -> r[0])
        .toList();
  }

  /** Column names and types of the DuckDB table against the declared silver schema. */
  private static List<String> schemaProblems(Connection db, String table, TableSpec spec)
      throws SQLException {
    List<String> expected =
        Arrays.stream(spec.schema().fields())
            .map(f -> f.name() + " " + duckType(f.dataType()))
            .toList();
    List<String> actual =
        query(
                db,
                "SELECT column_name || ' ' || data_type FROM information_schema.columns "
                    + "WHERE table_name = '"
                    + table
                    + "' ORDER BY ordinal_position",
                1)
            .stream()
            .map(r -> r[0])
            .toList();
    return expected.equals(actual)
        ? List.of()
        : List.of(table + ": columns " + actual + "\n  expected " + expected);
  }

  private static String duckType(DataType t) {
    if (t instanceof ArrayType a) return duckType(a.elementType()) + "[]";
    if (t.equals(DataTypes.StringType)) return "VARCHAR";
    if (t.equals(DataTypes.IntegerType)) return "INTEGER";
    if (t.equals(DataTypes.LongType)) return "BIGINT";
    if (t.equals(DataTypes.DateType)) return "DATE";
    if (t.equals(DataTypes.TimestampType)) return "TIMESTAMP";
    if (t.equals(DataTypes.BooleanType)) return "BOOLEAN";
    return t.simpleString();
  }

  private static List<String[]> query(Connection db, String sql, int columns) throws SQLException {
    List<String[]> out = new ArrayList<>();
    try (Statement st = db.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      while (rs.next()) {
        String[] r = new String[columns];
        for (int i = 0; i < columns; i++) r[i] = rs.getString(i + 1);
        out.add(r);
      }
    }
    return out;
  }

  // ------------------------------------------------------------------ comparison

  private static String line(String[] cells) {
    return Arrays.stream(cells).map(c -> c == null ? NULL : c).collect(Collectors.joining(" | "));
  }

  /** Rows of one side missing from the other (as multisets), with a few examples of each. */
  static List<String> difference(String table, List<String> spark, List<String> duck) {
    Map<String, Integer> balance = new HashMap<>();
    spark.forEach(r -> balance.merge(r, 1, Integer::sum));
    duck.forEach(r -> balance.merge(r, -1, Integer::sum));
    List<String> onlySpark =
        balance.entrySet().stream()
            .filter(e -> e.getValue() > 0)
            .map(Map.Entry::getKey)
            .sorted()
            .toList();
    List<String> onlyDuck =
        balance.entrySet().stream()
            .filter(e -> e.getValue() < 0)
            .map(Map.Entry::getKey)
            .sorted()
            .toList();
    System.out.printf(
        "%s: spark %d rows, duckdb %d rows, %d only in spark, %d only in duckdb%n",
        table, spark.size(), duck.size(), onlySpark.size(), onlyDuck.size());
    if (onlySpark.isEmpty() && onlyDuck.isEmpty()) return List.of();
    return List.of(
        table
            + ": "
            + onlySpark.size()
            + " row(s) only in Spark, e.g.\n  "
            + examples(onlySpark)
            + "\n"
            + onlyDuck.size()
            + " row(s) only in DuckDB, e.g.\n  "
            + examples(onlyDuck));
  }

  private static String examples(List<String> rows) {
    return rows.stream().limit(EXAMPLES).collect(Collectors.joining("\n  "));
  }
}
