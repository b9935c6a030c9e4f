package io.epiwatch.catalog;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.Test;

class TablesTest {
  @Test
  void everyGoldTableHasTheOrgColumnsAndItsDateColumnAndCommentsParse() {
    for (TableSpec t : Tables.GOLD) {
      var names = java.util.List.of(t.columnNames());
      for (String c : new String[] {"org_level", "org_code", "org_name", t.partitionColumn()}) {
        assertTrue(names.contains(c), t.id() + " lacks " + c);
      }
      StructField level = t.schema().apply("org_level");
      assertTrue(level.getComment().isDefined(), t.id() + ".org_level has no comment");
    }
  }
}
