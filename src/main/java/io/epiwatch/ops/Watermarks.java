package io.epiwatch.ops;

import io.epiwatch.catalog.TableId;
import io.epiwatch.catalog.TableWriter;
import io.epiwatch.catalog.Tables;
import io.epiwatch.catalog.Warehouse;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.StructType;

/**
 * ops.watermarks: the input table versions a stage last built from. A stage whose inputs are all at
 * their watermark has nothing new and writes nothing (no new table versions).
 */
public final class Watermarks {
  public static final TableId ID = Tables.OPS_WATERMARKS.id();
  public static final StructType SCHEMA = Tables.OPS_WATERMARKS.schema();

  private Watermarks() {}

  public static Map<String, Long> read(Warehouse wh, String consumer) {
    Map<String, Long> m = new HashMap<>();
    if (!wh.exists(ID)) return m;
    wh.read(ID)
        .filter(org.apache.spark.sql.functions.col("consumer").equalTo(consumer))
        .collectAsList()
        .forEach(r -> m.put(r.getString(1), r.getLong(2)));
    return m;
  }

  /** Current versions of the given tables (-1 = absent). */
  public static Map<String, Long> current(Warehouse wh, List<TableId> tables) {
    Map<String, Long> m = new HashMap<>();
    for (TableId t : tables) m.put(t.toString(), wh.version(t));
    return m;
  }

  public static void write(
      Warehouse wh, String consumer, Map<String, Long> versions, Timestamp at) {
    List<Row> rows = new ArrayList<>();
    versions.forEach((t, v) -> rows.add(RowFactory.create(consumer, t, v, at)));
    Dataset<Row> src = wh.spark().createDataFrame(rows, SCHEMA);
    TableWriter writer = new TableWriter(wh);
    if (!wh.exists(ID)) {
      writer.append(Tables.OPS_WATERMARKS, src);
      return;
    }
    writer
        .merge(Tables.OPS_WATERMARKS, src)
        .whenMatched()
        .updateAll()
        .whenNotMatched()
        .insertAll()
        .execute();
  }
}
