package io.epiwatch.catalog;

import io.delta.tables.DeltaTable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The warehouse folder: {@code <root>/<layer>/<table>} holds one Delta table each. The layout is
 * the catalog: {@link #registerAll()} makes every table found queryable by name (layer.table) in
 * this session's in-memory catalog, so jobs and analysts never share (or lock) a metastore. {@code
 * restricted} tables are registered only when asked for explicitly; they live under {@link
 * #restrictedRoot()} ({@code <root>/restricted} unless configured elsewhere), made owner-only on a
 * local filesystem by {@link #secureRestricted()}.
 */
public final class Warehouse {
  public static final List<String> LAYERS = List.of("bronze", "silver", "gold", "ops");
  public static final String RESTRICTED = "restricted";

  private final SparkSession spark;
  private final String root;
  private final String restrictedRoot;

  public Warehouse(SparkSession spark, String root) {
    this(spark, root, null);
  }

  /**
   * {@code restrictedRoot}: the folder of restricted.* tables; null or blank = {@code
   * <root>/restricted}.
   */
  public Warehouse(SparkSession spark, String root, String restrictedRoot) {
    this.spark = spark;
    this.root = absolute(root);
    this.restrictedRoot =
        restrictedRoot == null || restrictedRoot.isBlank()
            ? this.root + "/" + RESTRICTED
            : absolute(restrictedRoot);
  }

  private static String absolute(String root) {
    // A relative local path is made absolute (Delta rejects relative table locations).
    String r =
        root.contains(":") || root.startsWith("/")
            ? root
            : java.nio.file.Path.of(root).toAbsolutePath().toString();
    return r.endsWith("/") ? r.substring(0, r.length() - 1) : r;
  }

  public SparkSession spark() {
    return spark;
  }

  public String root() {
    return root;
  }

  public String restrictedRoot() {
    return restrictedRoot;
  }

  public String path(TableId id) {
    return id.layer().equals(RESTRICTED)
        ? restrictedRoot + "/" + id.name()
        : root + "/" + id.layer() + "/" + id.name();
  }

  /**
   * Makes the restricted folder readable by its owner only (rwx------) when it is on the local
   * filesystem, so that only the account running the jobs can read the raw identities by path; an
   * absent folder is created so. Does nothing on other filesystems (their ACLs are the site's).
   */
  public void secureRestricted() {
    try {
      Path p = new Path(restrictedRoot);
      FileSystem fs = p.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!"file".equals(fs.getUri().getScheme())) return;
      var ownerOnly = new org.apache.hadoop.fs.permission.FsPermission((short) 0700);
      if (!fs.exists(p)) fs.mkdirs(p, ownerOnly);
      fs.setPermission(p, ownerOnly); // mkdirs applies the umask
    } catch (IOException e) {
      throw new UncheckedIOException(
          "restricted folder " + restrictedRoot + ": cannot make it owner-only", e);
    }
  }

  public boolean exists(TableId id) {
    return DeltaTable.isDeltaTable(spark, path(id));
  }

  public Dataset<Row> read(TableId id) {
    return spark.read().format("delta").load(path(id));
  }

  /** The table as of a version (Delta time travel), for reproducing a briefing. */
  public Dataset<Row> readVersion(TableId id, long version) {
    return spark.read().format("delta").option("versionAsOf", version).load(path(id));
  }

  public Optional<DeltaTable> table(TableId id) {
    return exists(id) ? Optional.of(DeltaTable.forPath(spark, path(id))) : Optional.empty();
  }

  /** Latest committed version, or -1 when the table does not exist yet. */
  public long version(TableId id) {
    // From the transaction log listing, without running a Spark job.
    return org.apache.spark.sql.delta.DeltaLog.forTable(spark, path(id))
        .update(false, scala.Option.empty(), scala.Option.empty())
        .version();
  }

  /** Every Delta table under the given layers. */
  public List<TableId> list(List<String> layers) {
    List<TableId> found = new ArrayList<>();
    try {
      Path rootPath = new Path(root);
      FileSystem fs = rootPath.getFileSystem(spark.sparkContext().hadoopConfiguration());
      for (String layer : layers) {
        Path lp = layer.equals(RESTRICTED) ? new Path(restrictedRoot) : new Path(rootPath, layer);
        if (!fs.exists(lp)) continue;
        for (FileStatus st : fs.listStatus(lp)) {
          if (st.isDirectory() && fs.exists(new Path(st.getPath(), "_delta_log"))) {
            found.add(new TableId(layer, st.getPath().getName()));
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("warehouse " + root + ": cannot list tables", e);
    }
    found.sort((a, b) -> a.toString().compareTo(b.toString()));
    return found;
  }

  /** Registers the bronze, silver, gold and ops tables by name; restricted only when asked. */
  public List<TableId> registerAll(boolean includeRestricted) {
    List<String> layers = new ArrayList<>(LAYERS);
    if (includeRestricted) layers.add(RESTRICTED);
    List<TableId> tables = list(layers);
    for (String layer : layers) {
      spark.sql("CREATE DATABASE IF NOT EXISTS `" + layer + "`");
    }
    for (TableId t : tables) register(t);
    return tables;
  }

  public void register(TableId t) {
    if (!spark.catalog().databaseExists(t.layer()))
      spark.sql("CREATE DATABASE IF NOT EXISTS `" + t.layer() + "`");
    // External table: dropping the name never touches the data; re-creating it points the
    // name at this warehouse even when the session saw another warehouse before.
    spark.sql("DROP TABLE IF EXISTS `" + t.layer() + "`.`" + t.name() + "`");
    spark.sql(
        "CREATE TABLE `"
            + t.layer()
            + "`.`"
            + t.name()
            + "` USING delta LOCATION '"
            + path(t).replace("'", "\\'")
            + "'");
  }
}
