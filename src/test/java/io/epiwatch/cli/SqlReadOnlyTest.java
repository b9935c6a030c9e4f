package io.epiwatch.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.epiwatch.catalog.ReadOnlyExtension;
import io.epiwatch.catalog.ReadOnlyQueries;
import io.epiwatch.catalog.TableId;
import io.epiwatch.catalog.Warehouse;
import io.epiwatch.testing.SparkExtension;
import io.epiwatch.testing.SparkTest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.parser.ParseException;
import org.apache.spark.sql.catalyst.parser.ParserInterface;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * jobs/sql's shell is read-only: every writing or DDL statement, every read by path (the raw
 * identities by their folder, any local file) and every way around it (comments, case, CTEs,
 * subqueries, EXPLAIN) is refused with one line, and the warehouse keeps its versions.
 */
@SparkTest
class SqlReadOnlyTest {
  static final TableId T = TableId.gold("ro_t");
  static final TableId ID = new TableId("restricted", "person_identity");
  static Warehouse wh;
  static Path outDir;

  @BeforeAll
  static void warehouse() {
    SparkSession spark = SparkExtension.spark();
    wh = new Warehouse(spark, SparkExtension.newFolder("ro").toString());
    spark.sql("SELECT 'a' AS k, 1 AS v").write().format("delta").save(wh.path(T));
    spark.sql("SELECT 'b' AS k, 2 AS v").write().format("delta").mode("append").save(wh.path(T));
    spark
        .sql("SELECT 'pk1' AS person_key, '110101200001010011' AS id_number, 'Zhang San' AS name")
        .write()
        .format("delta")
        .save(wh.path(ID));
    outDir = SparkExtension.newFolder("ro-out").resolve("dir");
  }

  private static String shell(SparkSession spark, boolean restricted, String... statements) {
    ReadOnlyQueries.Scope scope = ReadOnlyQueries.Scope.of(wh, wh.registerAll(restricted));
    ByteArrayOutputStream buf = new ByteArrayOutputStream();
    PrintStream out = new PrintStream(buf, true, StandardCharsets.UTF_8);
    List<String> lines = new ArrayList<>();
    for (String s : statements) lines.add(s + ";");
    new SqlShell(spark, wh, scope, ResultPrinter.Format.csv, 100).run(lines.iterator(), out);
    return buf.toString(StandardCharsets.UTF_8);
  }

  @Test
  void everyWriteDdlAndPathReadIsRefusedBeforeItRunsAndTheWarehouseKeepsItsVersions(
      SparkSession spark) throws Exception {
    long tableVersion = wh.version(T);
    long identityVersion = wh.version(ID);
    String idPath = wh.path(ID);
    List<String> refused =
        List.of(
            "DELETE FROM gold.ro_t WHERE k = 'a'",
            "delete /* a comment */ from GOLD.RO_T",
            "-- a comment line\nDELETE FROM gold.ro_t",
            "INSERT INTO gold.ro_t SELECT * FROM gold.ro_t",
            "insert into gold.ro_t values ('z', 9)",
            "WITH x AS (SELECT * FROM gold.ro_t) INSERT INTO gold.ro_t SELECT * FROM x",
            "UPDATE gold.ro_t SET v = 999 WHERE k = 'a'",
            "MERGE INTO gold.ro_t t USING gold.ro_t s ON t.k = s.k WHEN MATCHED THEN DELETE",
            "INSERT OVERWRITE DIRECTORY '" + outDir + "' USING csv SELECT * FROM gold.ro_t",
            "DROP TABLE gold.ro_t",
            "TRUNCATE TABLE gold.ro_t",
            "CREATE TABLE gold.ro_new USING delta AS SELECT 1 AS x",
            "ALTER TABLE gold.ro_t SET TBLPROPERTIES ('x' = 'y')",
            "OPTIMIZE gold.ro_t",
            "VACUUM gold.ro_t",
            "RESTORE TABLE gold.ro_t TO VERSION AS OF 0",
            "CACHE TABLE gold.ro_t",
            "SET spark.sql.shuffle.partitions = 7",
            "SELECT id_number, name FROM delta.`" + idPath + "`",
            "select ID_NUMBER, NAME from DELTA.`" + idPath + "`",
            "SELECT /* hidden */ * FROM\n  delta.`" + idPath + "` -- trailing",
            "WITH p AS (SELECT * FROM delta.`" + idPath + "`) SELECT * FROM p",
            "SELECT * FROM gold.ro_t WHERE k IN (SELECT name FROM delta.`" + idPath + "`)",
            "SELECT * FROM parquet.`" + idPath + "`",
            "SELECT * FROM text.`/etc/passwd`",
            "select * from TEXT.`/etc/passwd`",
            "SELECT * FROM csv.`/etc/passwd`",
            "SELECT * FROM binaryFile.`/etc/passwd`",
            "SELECT * FROM json.`/etc`",
            "SELECT * FROM read_files('/etc/passwd')",
            "SELECT * FROM IDENTIFIER('text.`/etc/passwd`')",
            "EXPLAIN SELECT * FROM text.`/etc/passwd`",
            "EXPLAIN DELETE FROM gold.ro_t",
            "SELECT reflect('java.lang.System', 'getenv', 'HOME')",
            "SELECT TRANSFORM(k) USING 'cat /etc/passwd' AS (line) FROM gold.ro_t",
            "ADD JAR /tmp/x.jar",
            "CREATE TEMPORARY VIEW v AS SELECT * FROM text.`/etc/passwd`");

    String s = shell(spark, false, refused.toArray(String[]::new));

    List<String> errors = s.lines().filter(l -> l.startsWith("error: ")).toList();
    assertEquals(refused.size(), errors.size(), s);
    for (int i = 0; i < refused.size(); i++) {
      assertTrue(
          errors.get(i).startsWith("error: refused: "), refused.get(i) + " -> " + errors.get(i));
    }
    assertTrue(errors.get(0).contains("DELETE"), errors.get(0));
    assertTrue(errors.get(8).contains("INSERT OVERWRITE DIRECTORY"), errors.get(8));
    assertTrue(errors.get(9).contains("DROP TABLE"), errors.get(9));
    assertTrue(errors.get(18).contains(idPath), errors.get(18));
    assertTrue(errors.get(24).contains("/etc/passwd"), errors.get(24));
    assertFalse(
        s.contains("110101200001010011") || s.contains("Zhang San") || s.contains("root:"), s);
    assertEquals(tableVersion, wh.version(T), "no new version of gold.ro_t");
    assertEquals(identityVersion, wh.version(ID), "no new version of the identities");
    assertFalse(Files.exists(outDir), "no directory written");
    assertEquals("2", spark.conf().get("spark.sql.shuffle.partitions"));
    assertTrue(spark.catalog().tableExists("gold.ro_t"));
  }

  @Test
  void readsByTableNameStillWorkAndRestrictedNeedsTheFlag(SparkSession spark) {
    String s =
        shell(
            spark,
            false,
            "SELECT k, v FROM gold.ro_t ORDER BY k",
            "with x as (select * from GOLD.RO_T where v > 1) select count(*) as n from x",
            "SELECT count(*) AS n0 FROM gold.ro_t VERSION AS OF 0",
            "SELECT max(v) AS m FROM spark_catalog.gold.ro_t",
            "DESCRIBE HISTORY gold.ro_t",
            "SHOW TABLES IN gold",
            "DESCRIBE TABLE gold.ro_t",
            "EXPLAIN SELECT * FROM gold.ro_t",
            "SELECT id AS r FROM range(2)",
            "SELECT * FROM gold.ro_t WHERE k IN (SELECT k FROM gold.ro_t WHERE v = 2)",
            "SELECT id_number FROM restricted.person_identity");
    assertTrue(s.contains("k,v\na,1\nb,2\n"), s);
    assertTrue(s.contains("n\n1\n"), s);
    assertTrue(s.contains("n0\n1\n"), s);
    assertTrue(s.contains("m\n2\n"), s);
    assertTrue(s.contains("WRITE"), s);
    assertTrue(s.contains("ro_t"), s);
    assertTrue(s.contains("r\n0\n1\n"), s);
    List<String> errors = s.lines().filter(l -> l.startsWith("error: ")).toList();
    assertEquals(1, errors.size(), s);
    assertTrue(errors.get(0).contains("TABLE_OR_VIEW_NOT_FOUND"), errors.get(0));
    assertFalse(s.contains("110101200001010011"), s);

    String r = shell(spark, true, "SELECT id_number, name FROM restricted.person_identity");
    assertTrue(r.contains("110101200001010011,Zhang San"), "by name with --restricted: " + r);
    String byPath = shell(spark, true, "SELECT id_number FROM delta.`" + wh.path(ID) + "`");
    assertTrue(byPath.startsWith("error: refused: "), "by path even with --restricted: " + byPath);
    wh.registerAll(false);
    spark.sql("DROP TABLE IF EXISTS restricted.person_identity");
  }

  @Test
  void dataFramePlansReadingByPathAreRefusedByTheAnalysedPlanGate(SparkSession spark) {
    ReadOnlyQueries.Scope scope = ReadOnlyQueries.Scope.of(wh, wh.registerAll(false));
    ReadOnlyQueries.checkAnalysed(spark.table("gold.ro_t").queryExecution().analyzed(), scope);
    ReadOnlyQueries.Refused e =
        assertThrows(
            ReadOnlyQueries.Refused.class,
            () ->
                ReadOnlyQueries.checkAnalysed(
                    spark.read().format("text").load("/etc/passwd").queryExecution().analyzed(),
                    scope));
    assertTrue(e.getMessage().contains("/etc/passwd"), e.getMessage());
    assertThrows(
        ReadOnlyQueries.Refused.class,
        () ->
            ReadOnlyQueries.checkAnalysed(
                spark.read().format("delta").load(wh.path(ID)).queryExecution().analyzed(), scope));
    assertThrows(
        ReadOnlyQueries.Refused.class,
        () ->
            ReadOnlyQueries.checkAnalysed(
                spark.read().format("delta").load(wh.path(T)).queryExecution().analyzed(), scope),
        "by path, even a served table");
    ReadOnlyQueries.Scope withIdentities = ReadOnlyQueries.Scope.of(wh, List.of(T, ID));
    assertThrows(
        ReadOnlyQueries.Refused.class,
        () ->
            ReadOnlyQueries.checkAnalysed(
                spark.read().format("parquet").load(wh.path(ID)).queryExecution().analyzed(),
                withIdentities));
  }

  @Test
  void theExtensionsParserGatesStatementsOnlyOnceArmedAndDelegatesTheRest(SparkSession spark)
      throws Exception {
    ParserInterface parser = ReadOnlyExtension.gated(spark.sessionState().sqlParser());
    parser.parsePlan("DROP TABLE gold.ro_t"); // not armed yet: the command registers its tables
    ReadOnlyQueries.arm(ReadOnlyQueries.Scope.of(wh, wh.registerAll(false)));
    try {
      ReadOnlyQueries.Refused e =
          assertThrows(
              ReadOnlyQueries.Refused.class, () -> parser.parsePlan("DROP TABLE gold.ro_t"));
      assertTrue(e.getMessage().contains("DROP TABLE"), e.getMessage());
      assertThrows(
          ReadOnlyQueries.Refused.class,
          () -> parser.parseQuery("SELECT * FROM text.`/etc/passwd`"));
      parser.parsePlan("SELECT k FROM gold.ro_t");
      assertEquals("`a`.`b`", parser.parseTableIdentifier("a.b").quotedString());
      assertEquals("(1 + 2)", parser.parseExpression("1 + 2").sql());
      assertThrows(ParseException.class, () -> parser.parsePlan("SELEC 1"), "its own exception");
    } finally {
      ReadOnlyQueries.disarm();
    }
  }
}
