package io.epiwatch.bench;

import io.epiwatch.config.Policy;
import io.epiwatch.contract.Sources;
import io.epiwatch.contract.Vocabulary;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The benchmark's one-machine peer (issue 8), silver half: recomputes every silver table from every
 * inbox extract in an in-process DuckDB, as a one-machine user would every morning, so that full
 * recompute = this + bench/duckdb/gold.sql. Plain JDBC ({@code jdbc:duckdb:}): the main code needs
 * no DuckDB classes to compile. Steps, each timed: prepare (transcode to UTF-8 and English headers,
 * {@link InboxTranscoder}), then the sections of {@code bench/duckdb/silver.sql} (read, validate,
 * silver), run statement by statement with the run date, the scratch folder, the vocabularies of
 * {@link Sources} and the vaccine products of the policy substituted. The tables silver_* have the
 * columns of Tables.SILVER_*; person_key is sha256(id_type:upper(id_number)) instead of the
 * warehouse's HMAC (a join key only).
 */
public final class DuckDbSilver {
  private static final Logger LOG = LoggerFactory.getLogger(DuckDbSilver.class);
  static final String SCRIPT = "bench/duckdb/silver.sql";
  private static final Pattern STEP = Pattern.compile("^-- step: (\\S+)", Pattern.MULTILINE);
  private static final Pattern PARAMETER = Pattern.compile("\\$\\{([a-z_]+)(?::([a-z_]+))?}");

  /** Vocabularies by the name silver.sql uses for them. */
  static final Map<String, Vocabulary> VOCABULARIES = vocabularies();

  public record Step(String name, double seconds) {}

  public record Result(List<Step> steps, List<InboxTranscoder.PreparedFile> files) {
    public double totalSeconds() {
      return steps.stream().mapToDouble(Step::seconds).sum();
    }

    public String summary() {
      return steps.stream()
              .map(s -> String.format(Locale.ROOT, "%s %.2f s", s.name(), s.seconds()))
              .collect(Collectors.joining(", "))
          + String.format(Locale.ROOT, "; total %.2f s", totalSeconds());
    }
  }

  private DuckDbSilver() {}

  /** An in-memory DuckDB (the driver must be on the run-time classpath). */
  public static Connection open() throws SQLException {
    return DriverManager.getConnection("jdbc:duckdb:");
  }

  /**
   * Builds silver_* (and quarantine) in {@code db} from the inbox as of {@code runDate}.
   *
   * @param scratch an empty folder for the UTF-8 copies of the extracts
   */
  public static Result run(
      Connection db, Path inbox, LocalDate runDate, Path scratch, Policy policy)
      throws SQLException {
    List<Step> steps = new ArrayList<>();
    long t0 = System.nanoTime();
    List<InboxTranscoder.PreparedFile> files = InboxTranscoder.prepare(Sources.ALL, inbox, scratch);
    files.stream()
        .filter(f -> f.status().equals(InboxTranscoder.PreparedFile.REJECTED))
        .forEach(f -> LOG.error(f.message()));
    files.stream()
        .filter(f -> f.status().equals(InboxTranscoder.PreparedFile.SKIPPED))
        .forEach(f -> LOG.info(f.message()));
    registerFiles(db, files);
    steps.add(new Step("prepare", seconds(t0)));
    Map<String, String> params = parameters(runDate, scratch, policy);
    for (Map.Entry<String, List<String>> section : sections(script()).entrySet()) {
      long t = System.nanoTime();
      try (Statement st = db.createStatement()) {
        for (String sql : section.getValue()) {
          long ts = System.nanoTime();
          execute(st, substitute(sql, params));
          LOG.debug(
              "{} {} s: {}",
              section.getKey(),
              String.format(Locale.ROOT, "%.2f", seconds(ts)),
              firstLine(sql));
        }
      }
      steps.add(new Step(section.getKey(), seconds(t)));
    }
    Result r = new Result(steps, files);
    LOG.info("duckdb silver: {}", r.summary());
    return r;
  }

  private static void execute(Statement st, String sql) throws SQLException {
    try {
      st.execute(sql);
    } catch (SQLException e) {
      throw new SQLException(SCRIPT + ": " + e.getMessage() + "\nin statement:\n" + sql, e);
    }
  }

  private static String firstLine(String sql) {
    int eol = sql.indexOf('\n');
    return eol < 0 ? sql : sql.substring(0, eol);
  }

  private static double seconds(long start) {
    return (System.nanoTime() - start) / 1e9;
  }

  /** inbox_files: which UTF-8 copy stands for which inbox file (source_file of silver rows). */
  private static void registerFiles(Connection db, List<InboxTranscoder.PreparedFile> files)
      throws SQLException {
    try (Statement st = db.createStatement()) {
      st.execute(
          "CREATE OR REPLACE TABLE inbox_files (source VARCHAR, scratch_name VARCHAR, inbox_path VARCHAR, encoding VARCHAR)");
    }
    try (PreparedStatement ps =
        db.prepareStatement("INSERT INTO inbox_files VALUES (?, ?, ?, ?)")) {
      for (InboxTranscoder.PreparedFile f : files) {
        if (!f.loaded()) continue;
        ps.setString(1, f.source());
        ps.setString(2, f.scratchFile().getFileName().toString());
        ps.setString(3, f.inboxFile().toAbsolutePath().toString());
        ps.setString(4, f.encoding());
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  static Map<String, String> parameters(LocalDate runDate, Path scratch, Policy policy) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("run_date", "DATE '" + runDate + "'");
    p.put("scratch", literal(scratch.toAbsolutePath().toString()));
    p.put("vaccine_products", vaccineProducts(policy.vaccineProducts()));
    VOCABULARIES.forEach((name, v) -> p.put("vocab:" + name, mapLiteral(v)));
    return p;
  }

  static String substitute(String sql, Map<String, String> params) {
    Matcher m = PARAMETER.matcher(sql);
    StringBuilder out = new StringBuilder();
    while (m.find()) {
      String key = m.group(2) == null ? m.group(1) : m.group(1) + ":" + m.group(2);
      String value = params.get(key);
      if (value == null)
        throw new IllegalArgumentException(SCRIPT + ": unknown parameter ${" + key + "}");
      m.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    return m.appendTail(out).toString();
  }

  /** The script's statements grouped by their "-- step: name" section, in order. */
  static Map<String, List<String>> sections(String script) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    Matcher m = STEP.matcher(script);
    List<Integer> starts = new ArrayList<>();
    List<String> names = new ArrayList<>();
    while (m.find()) {
      names.add(m.group(1));
      starts.add(m.start());
    }
    for (int i = 0; i < names.size(); i++) {
      int end = i + 1 < starts.size() ? starts.get(i + 1) : script.length();
      out.put(names.get(i), statements(script.substring(starts.get(i), end)));
    }
    return out;
  }

  /** Splits on ';' outside string literals and comments; drops empty statements. */
  static List<String> statements(String sql) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < sql.length(); i++) {
      char c = sql.charAt(i);
      if (!quoted && c == '-' && i + 1 < sql.length() && sql.charAt(i + 1) == '-') {
        int eol = sql.indexOf('\n', i);
        i = eol < 0 ? sql.length() : eol;
        cur.append('\n');
        continue;
      }
      if (c == '\'') quoted = !quoted;
      if (c == ';' && !quoted) {
        if (!cur.toString().isBlank()) out.add(cur.toString().strip());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    if (!cur.toString().isBlank()) out.add(cur.toString().strip());
    return out;
  }

  private static String script() {
    try (InputStream in = DuckDbSilver.class.getClassLoader().getResourceAsStream(SCRIPT)) {
      if (in == null) throw new IllegalStateException(SCRIPT + ": not on the classpath");
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(SCRIPT + ": cannot read", e);
    }
  }

  private static Map<String, Vocabulary> vocabularies() {
    Map<String, Vocabulary> v = new LinkedHashMap<>();
    v.put("id_type", Sources.ID_TYPE);
    v.put("school_type", Sources.SCHOOL_TYPE);
    v.put("person_type", Sources.PERSON_TYPE);
    v.put("traveller_type", Sources.TRAVELLER_TYPE);
    v.put("linked_person_type", Sources.LINKED_PERSON_TYPE);
    v.put("roster_status", Sources.ROSTER_STATUS);
    v.put("sex", Sources.SEX);
    v.put("symptom", Sources.SYMPTOM);
    v.put("diagnosis", Sources.DIAGNOSIS);
    v.put("approval", Sources.APPROVAL);
    v.put("test_result", Sources.TEST_RESULT);
    v.put("risk_level", Sources.RISK_LEVEL);
    v.put("boolean", Sources.BOOL);
    v.put("incident_type", Sources.INCIDENT_TYPE);
    v.put("verification", Sources.VERIFICATION);
    v.put("alert_action", Sources.ALERT_ACTION);
    v.put("inspection_mode", Sources.INSPECTION_MODE);
    v.put("inspection_scope", Sources.INSPECTION_SCOPE);
    v.put("finding_category", Sources.FINDING_CATEGORY);
    v.put("severity", Sources.SEVERITY);
    return v;
  }

  /** MAP {'spelling': 'code', ...}: spellings lower-cased, as Vocabulary.lookup compares them. */
  static String mapLiteral(Vocabulary v) {
    return v.spellings().entrySet().stream()
        .map(e -> literal(e.getKey()) + ": " + literal(e.getValue()))
        .collect(Collectors.joining(", ", "MAP {", "}"));
  }

  /** (VALUES (rank, product, series_doses, min_interval_days, lower(match)), ...) in conf order. */
  static String vaccineProducts(List<Policy.VaccineProduct> products) {
    List<String> rows = new ArrayList<>();
    for (int i = 0; i < products.size(); i++) {
      Policy.VaccineProduct p = products.get(i);
      for (String match : p.match()) {
        rows.add(
            "("
                + i
                + ", "
                + literal(p.product())
                + ", "
                + p.seriesDoses()
                + ", "
                + p.minIntervalDays()
                + ", "
                + literal(match.toLowerCase(Locale.ROOT))
                + ")");
      }
    }
    return "(VALUES "
        + String.join(", ", rows)
        + ") AS p(product_rank, product, series_doses, min_interval_days, match)";
  }

  static String literal(String s) {
    return "'" + s.replace("'", "''") + "'";
  }
}
