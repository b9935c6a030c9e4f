package io.epiwatch.ops;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.epiwatch.catalog.TableId;
import io.epiwatch.catalog.Warehouse;
import io.epiwatch.testing.SparkExtension;
import io.epiwatch.testing.SparkTest;
import java.util.List;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

@SparkTest
class MaintenanceTest {
  @Test
  void compactsTablesWithManySmallFilesAndKeepsTheirContentAndHistory(SparkSession spark) {
    Warehouse wh = new Warehouse(spark, SparkExtension.newFolder("maint").toString());
    TableId id = TableId.ops("demo_small_files");
    for (int i = 0; i < 4; i++) {
      spark
          .range(i * 10, i * 10 + 10)
          .repartition(1)
          .write()
          .format("delta")
          .mode("append")
          .save(wh.path(id));
    }

    List<Maintenance.TableReport> report = Maintenance.run(wh, 30, 3, false);

    Maintenance.TableReport r = report.get(0);
    assertEquals("ops.demo_small_files", r.table());
    assertTrue(r.compacted());
    assertEquals(1L, r.files(), "four small files compacted into one");
    assertEquals(40L, wh.read(id).count());
    assertEquals(
        10L, wh.readVersion(id, 0).count(), "old versions stay readable within the retention");
  }
}
