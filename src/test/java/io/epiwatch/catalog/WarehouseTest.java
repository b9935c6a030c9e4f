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
    spark.sql("SELECT 'A' AS k, 1 AS v").write().format("delta").save(wh.path(TableId.gold("demo_t")));
    spark.sql("SELECT 'secret' AS s").write().format("delta").save(wh.path(new TableId("restricted", "demo_r")));

    List<TableId> registered = wh.registerAll(false);

    assertEquals(List.of(TableId.gold("demo_t")), registered);
    DatasetAssert.assertRows(spark.sql("SELECT * FROM gold.demo_t"), new String[] {"k", "v"}, row("A", 1));
    assertEquals(0L, wh.version(TableId.gold("demo_t")));
    assertEquals(-1L, wh.version(TableId.gold("absent")));
  }
}
