package io.epiwatch.ops;

import io.delta.tables.DeltaTable;
import io.epiwatch.catalog.TableId;
import io.epiwatch.catalog.Warehouse;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * jobs/maintain: OPTIMIZE (compaction) of tables with many small files and VACUUM with the
 * configured retention, which keeps every file a reproduction (time travel) within the retention
 * window needs. Returns a size and file-count report per table.
 */
public final class Maintenance {
  private static final Logger LOG = LoggerFactory.getLogger(Maintenance.class);

  public record TableReport(
      String table, long version, long files, long bytes, boolean compacted, long filesRemoved) {}

  private Maintenance() {}

  public static List<TableReport> run(
      Warehouse wh, int retentionDays, int minFilesToCompact, boolean dryRun) {
    List<TableReport> out = new ArrayList<>();
    List<String> layers = new ArrayList<>(Warehouse.LAYERS);
    layers.add(Warehouse.RESTRICTED);
    for (TableId id : wh.list(layers)) {
      DeltaTable t = DeltaTable.forPath(wh.spark(), wh.path(id));
      Row before = t.detail().select("numFiles", "sizeInBytes").head();
      long files = before.getLong(0);
      boolean compact = files >= minFilesToCompact;
      long removed = 0;
      if (!dryRun) {
        if (compact) {
          LOG.info("OPTIMIZE {} ({} files)", id, files);
          t.optimize().executeCompaction();
        }
        Row vac = t.vacuum(retentionDays * 24.0).selectExpr("count(*)").head();
        removed = vac.getLong(0);
      }
      Row after = t.detail().select("numFiles", "sizeInBytes").head();
      out.add(
          new TableReport(
              id.toString(),
              wh.version(id),
              after.getLong(0),
              after.getLong(1),
              compact && !dryRun,
              removed));
    }
    return out;
  }
}
