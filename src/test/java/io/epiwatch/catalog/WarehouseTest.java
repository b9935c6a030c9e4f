package io.epiwatch.catalog;

import static io.epiwatch.testing.DatasetAssert.row;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.epiwatch.testing.DatasetAssert;
import io.epiwatch.testing.SparkExtension;
import io.epiwatch.testing.SparkTest;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

@SparkTest
class WarehouseTest {

  @Test
  void tablesFoundInTheFolderAreQueryableByNameAndRestrictedOnlyOnRequest(SparkSession spark) {
    Warehouse wh = new Warehouse(spark, SparkExtension.newFolder("wh").toString());
    spark
        .sql("SELECT 'A' AS k, 1 AS v")
        .write()
        .format("delta")
        .save(wh.path(TableId.gold("demo_t")));
    spark
        .sql("SELECT 'secret' AS s")
        .write()
        .format("delta")
        .save(wh.path(new TableId("restricted", "demo_r")));

    List<TableId> registered = wh.registerAll(false);

    assertEquals(List.of(TableId.gold("demo_t")), registered);
    DatasetAssert.assertRows(
        spark.sql("SELECT * FROM gold.demo_t"), new String[] {"k", "v"}, row("A", 1));
    assertEquals(0L, wh.version(TableId.gold("demo_t")));
    assertEquals(-1L, wh.version(TableId.gold("absent")));
  }

  @Test
  void restrictedTablesCanLiveUnderTheirOwnRootWhichIsMadeOwnerOnly(SparkSession spark)
      throws Exception {
    java.nio.file.Path base = SparkExtension.newFolder("wh-split");
    Warehouse wh =
        new Warehouse(
            spark, base.resolve("warehouse").toString(), base.resolve("identities").toString());
    TableId id = new TableId("restricted", "demo_r");
    assertEquals(base.resolve("identities").resolve("demo_r").toString(), wh.path(id));
    spark.sql("SELECT 'secret' AS s").write().format("delta").save(wh.path(id));
    spark.sql("SELECT 'A' AS k").write().format("delta").save(wh.path(TableId.gold("demo_t")));
    wh.secureRestricted();

    assertEquals(List.of(TableId.gold("demo_t")), wh.registerAll(false));
    assertEquals(List.of(TableId.gold("demo_t"), id), wh.registerAll(true));
    DatasetAssert.assertRows(
        spark.sql("SELECT * FROM restricted.demo_r"), new String[] {"s"}, row("secret"));
    assertEquals(
        "rwx------",
        java.nio.file.attribute.PosixFilePermissions.toString(
            java.nio.file.Files.getPosixFilePermissions(base.resolve("identities"))));
    assertEquals(
        false, java.nio.file.Files.exists(base.resolve("warehouse").resolve("restricted")));
    spark.sql("DROP TABLE restricted.demo_r");
  }

  @Test
  void aFirstCommitInterruptedByAKillLeavesNoTableAndTheRerunCreatesIt(SparkSession spark)
      throws Exception {
    Warehouse wh = new Warehouse(spark, SparkExtension.newFolder("debris").toString());
    java.nio.file.Path dir = java.nio.file.Path.of(wh.path(Tables.OPS_QUARANTINE.id()));
    // what CrashIT found after a kill in a CREATE TABLE AS SELECT: data files, no committed version
    java.nio.file.Files.createDirectories(dir.resolve("_delta_log/_staged_commits"));
    java.nio.file.Files.writeString(dir.resolve("part-00000-debris.parquet"), "partial");
    new TableWriter(wh)
        .overwrite(Tables.OPS_QUARANTINE, new TableWriter(wh).empty(Tables.OPS_QUARANTINE));
    assertEquals(0L, wh.version(Tables.OPS_QUARANTINE.id()));
    assertEquals(0L, wh.read(Tables.OPS_QUARANTINE.id()).count());
    assertEquals(false, java.nio.file.Files.exists(dir.resolve("part-00000-debris.parquet")));
  }
}
