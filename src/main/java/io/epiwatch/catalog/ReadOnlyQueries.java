package io.epiwatch.catalog;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.analysis.PlanWithUnresolvedIdentifier;
import org.apache.spark.sql.catalyst.analysis.UnresolvedFunction;
import org.apache.spark.sql.catalyst.analysis.UnresolvedRelation;
import org.apache.spark.sql.catalyst.analysis.UnresolvedTableValuedFunction;
import org.apache.spark.sql.catalyst.catalog.CatalogTable;
import org.apache.spark.sql.catalyst.expressions.CallMethodViaReflection;
import org.apache.spark.sql.catalyst.expressions.Expression;
import org.apache.spark.sql.catalyst.plans.logical.Command;
import org.apache.spark.sql.catalyst.plans.logical.InsertIntoDir;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;
import org.apache.spark.sql.catalyst.plans.logical.ParsedStatement;
import org.apache.spark.sql.catalyst.plans.logical.ScriptTransformation;
import org.apache.spark.sql.delta.catalog.DeltaTableV2;
import org.apache.spark.sql.execution.command.ExplainCommand;
import org.apache.spark.sql.execution.datasources.HadoopFsRelation;
import org.apache.spark.sql.execution.datasources.LogicalRelation;
import org.apache.spark.sql.execution.datasources.v2.DataSourceV2Relation;
import org.apache.spark.sql.execution.datasources.v2.DataSourceV2ScanRelation;
import scala.jdk.javaapi.CollectionConverters;

/**
 * The read-only rule of the analyst surface (jobs/sql, its shell, and every client session of
 * jobs/serve): a statement may only read the tables registered by name from the warehouse.
 *
 * <p>The rule is decided on Spark's plans, never on the SQL text, so comments, case, CTEs and
 * subqueries cannot hide anything. Two gates, both throwing {@link Refused} with one line naming
 * what was refused:
 *
 * <ol>
 *   <li>{@link #checkStatement} on the parsed plan, before anything is analysed (so nothing is
 *       listed, inferred or read): the top node must be a query (SELECT, WITH, VALUES, set
 *       operations...) or one of the read-only statements SHOW ..., DESCRIBE ..., DESCRIBE
 *       HISTORY/DETAIL and EXPLAIN (whose explained statement is checked the same way). Every other
 *       statement is refused: INSERT, UPDATE, DELETE, MERGE, CREATE, DROP, ALTER, TRUNCATE,
 *       OPTIMIZE, VACUUM, RESTORE, CACHE, SET, ADD JAR, INSERT OVERWRITE DIRECTORY, EXECUTE
 *       IMMEDIATE, SQL scripts. Anywhere in the tree (CTEs, subqueries): a table named other than
 *       {@code layer.name} (so {@code delta.`/path`}, {@code text.`/etc/passwd`} and every other
 *       format-prefixed path), {@code IDENTIFIER(...)} relations, table-valued functions other than
 *       the generators and {@code range}, TRANSFORM scripts and the reflection functions ({@code
 *       reflect}, {@code java_method}, {@code try_reflect}).
 *   <li>{@link #checkAnalysed} on the analysed plan (also run by {@link ReadOnlyExtension} as a
 *       check rule on every plan of a read-only session, including DataFrame plans of Spark Connect
 *       clients): no command other than the read-only ones; every relation read is a registered
 *       table, found by its catalog identifier; a relation without one (a read by path, e.g. {@code
 *       spark.read.format("text").load("/etc/passwd")}) is refused unless it reads only the
 *       transaction log ({@code _delta_log}) of a registered table, which is how Delta itself reads
 *       a table's state.
 * </ol>
 *
 * Time travel by table name ({@code VERSION AS OF}, {@code TIMESTAMP AS OF}) stays allowed.
 * restricted.* tables are registered only with {@code --restricted}; without it no name and no path
 * reaches them.
 */
public final class ReadOnlyQueries {
  private ReadOnlyQueries() {}

  /** What was refused, in one line. */
  public static final class Refused extends RuntimeException {
    public Refused(String what) {
      super(
          "refused: " + what + " (jobs/sql and jobs/serve only read the warehouse tables by name)");
    }
  }

  /** The tables a session may read: their names (layer.table) and their folders. */
  public record Scope(Set<TableId> tables, List<String> locations) {
    public Scope {
      Set<TableId> lower = new HashSet<>();
      for (TableId t : tables) lower.add(lowered(t));
      tables = Set.copyOf(lower);
      List<String> norm = new ArrayList<>();
      for (String l : locations) norm.add(normalize(l));
      locations = List.copyOf(norm);
    }

    public static Scope of(Warehouse warehouse, List<TableId> registered) {
      return new Scope(
          new HashSet<>(registered), registered.stream().map(warehouse::path).toList());
    }

    boolean has(String layer, String name) {
      return tables.contains(
          new TableId(layer.toLowerCase(Locale.ROOT), name.toLowerCase(Locale.ROOT)));
    }

    /** True when the path is inside the transaction log of a registered table. */
    boolean isTableLog(String path) {
      String p = normalize(path);
      for (String l : locations) {
        String log = l + "/_delta_log";
        if (p.equals(log) || p.startsWith(log + "/")) return true;
      }
      return false;
    }

    private static TableId lowered(TableId t) {
      return new TableId(t.layer().toLowerCase(Locale.ROOT), t.name().toLowerCase(Locale.ROOT));
    }
  }

  /** The scope the {@link ReadOnlyExtension} of this process enforces; null = not armed yet. */
  private static volatile Scope armed;

  /** Arms the extension's gates for every session of this process (after tables are registered). */
  public static void arm(Scope scope) {
    armed = scope;
  }

  public static void disarm() {
    armed = null;
  }

  public static Scope armed() {
    return armed;
  }

  /** Layers whose tables are addressed as layer.name (an unregistered one is simply not found). */
  private static final Set<String> LAYER_NAMES =
      java.util.stream.Stream.concat(
              Warehouse.LAYERS.stream(), java.util.stream.Stream.of(Warehouse.RESTRICTED))
          .collect(java.util.stream.Collectors.toUnmodifiableSet());

  /** Read-only statements allowed at the top of a parsed plan. */
  private static final Set<String> READ_STATEMENTS =
      Set.of(
          "ShowTables",
          "ShowTablesExtended",
          "ShowNamespaces",
          "ShowViews",
          "ShowColumns",
          "ShowFunctions",
          "ShowTableProperties",
          "ShowCreateTable",
          "ShowPartitions",
          "ShowCatalogs",
          "ShowCurrentNamespaceCommand",
          "DescribeRelation",
          "DescribeColumn",
          "DescribeNamespace",
          "DescribeFunction",
          "DescribeDeltaHistory",
          "DescribeDeltaDetailCommand",
          "ExplainCommand");

  /** Their analysed forms (and the commands they become), allowed by the analysed-plan gate. */
  private static final Set<String> READ_COMMANDS =
      union(
          READ_STATEMENTS,
          Set.of(
              "ShowTablesCommand",
              "ShowNamespacesCommand",
              "ShowColumnsCommand",
              "ShowFunctionsCommand",
              "ShowViewsCommand",
              "ShowTablePropertiesCommand",
              "ShowCreateTableCommand",
              "ShowCreateTableAsSerdeCommand",
              "ShowPartitionsCommand",
              "ShowCatalogsCommand",
              "DescribeTableCommand",
              "DescribeColumnCommand",
              "DescribeNamespaceCommand",
              "DescribeDatabaseCommand",
              "DescribeFunctionCommand",
              "DescribeDeltaHistoryCommand"));

  /**
   * Query operators allowed at the top of a parsed plan (anything else at the top is a statement).
   */
  private static final Set<String> QUERY_NODES =
      Set.of(
          "Project",
          "Filter",
          "Aggregate",
          "Join",
          "LateralJoin",
          "AsOfJoin",
          "Sort",
          "GlobalLimit",
          "LocalLimit",
          "Limit",
          "Offset",
          "Tail",
          "Union",
          "Intersect",
          "Except",
          "Distinct",
          "Deduplicate",
          "SubqueryAlias",
          "UnresolvedWith",
          "WithCTE",
          "UnresolvedRelation",
          "RelationTimeTravel",
          "UnresolvedInlineTable",
          "OneRowRelation",
          "LocalRelation",
          "Range",
          "UnresolvedTableValuedFunction",
          "UnresolvedTVFAliases",
          "UnresolvedSubqueryColumnAliases",
          "Generate",
          "Window",
          "WithWindowDefinition",
          "Pivot",
          "Unpivot",
          "Sample",
          "Repartition",
          "RepartitionByExpression",
          "RebalancePartitions",
          "UnresolvedHint",
          "ResolvedHint",
          "Expand",
          "UnresolvedHaving",
          "Transpose",
          "LimitAll",
          "UnionLoop",
          "UnionLoopRef",
          "CTERelationDef",
          "CTERelationRef",
          "SequentialOrSimpleUnion",
          "DataFrameDropColumns",
          "UnresolvedPipeOperator");

  /** Table-valued functions that compute rows and read nothing. */
  private static final Set<String> SAFE_TVFS =
      Set.of(
          "range",
          "explode",
          "explode_outer",
          "inline",
          "inline_outer",
          "posexplode",
          "posexplode_outer",
          "stack",
          "json_tuple",
          "variant_explode",
          "variant_explode_outer",
          "sql_keywords");

  /** Functions that call arbitrary Java methods (environment, files). */
  private static final Set<String> DENIED_FUNCTIONS =
      Set.of("reflect", "java_method", "try_reflect");

  // ------------------------------------------------------------------ gate 1: the statement

  /** Parses and checks the statement, then analyses it and checks the analysed plan. */
  public static void check(SparkSession spark, Scope scope, String sql)
      throws org.apache.spark.sql.catalyst.parser.ParseException {
    LogicalPlan parsed = spark.sessionState().sqlParser().parsePlan(sql);
    checkStatement(parsed, scope);
    checkAnalysed(analyse(spark, parsed), scope);
  }

  /** Gate 1, on the parsed plan of one statement. */
  public static void checkStatement(LogicalPlan parsed, Scope scope) {
    String top = parsed.getClass().getSimpleName();
    if (parsed instanceof ExplainCommand explain) {
      checkStatement(explain.logicalPlan(), scope);
      return;
    }
    if (!READ_STATEMENTS.contains(top) && !QUERY_NODES.contains(top)) {
      throw new Refused(
          "statement "
              + statementName(parsed)
              + " (only SELECT, WITH, SHOW, DESCRIBE and EXPLAIN)");
    }
    walkParsed(parsed, scope, true);
  }

  private static void walkParsed(LogicalPlan p, Scope scope, boolean top) {
    String name = p.getClass().getSimpleName();
    if (!top
        && (p instanceof Command || p instanceof ParsedStatement || p instanceof InsertIntoDir)) {
      throw new Refused("statement " + statementName(p) + " inside a query");
    }
    if (p instanceof InsertIntoDir) throw new Refused("INSERT OVERWRITE DIRECTORY");
    if (p instanceof ScriptTransformation)
      throw new Refused("TRANSFORM ... USING (runs a program)");
    if (p instanceof PlanWithUnresolvedIdentifier)
      throw new Refused("IDENTIFIER(...) as a table (name the table, e.g. gold.attendance)");
    if (p instanceof UnresolvedRelation r) {
      List<String> parts = CollectionConverters.asJava(r.multipartIdentifier());
      if (!nameOfATable(parts))
        throw new Refused("reading " + quoted(parts) + " by path or outside the warehouse tables");
    }
    if (p instanceof UnresolvedTableValuedFunction tvf) {
      List<String> fn = CollectionConverters.asJava(tvf.name());
      String last = fn.get(fn.size() - 1).toLowerCase(Locale.ROOT);
      if (fn.size() > 1 || !SAFE_TVFS.contains(last))
        throw new Refused("table-valued function " + String.join(".", fn));
    }
    if (name.equals("UnresolvedDataSource")) throw new Refused("reading a data source by path");
    for (Expression e : CollectionConverters.asJava(p.expressions()))
      walkExpression(e, scope, true);
    for (LogicalPlan c : children(p)) walkParsed(c, scope, false);
  }

  private static boolean nameOfATable(List<String> parts) {
    if (parts.size() == 1) return true; // a CTE or a view of this session (checked once analysed)
    List<String> rest = parts;
    if (parts.size() == 3 && parts.get(0).equalsIgnoreCase("spark_catalog"))
      rest = parts.subList(1, 3);
    return rest.size() == 2
        && LAYER_NAMES.contains(rest.get(0).toLowerCase(Locale.ROOT))
        && !rest.get(1).contains("/");
  }

  private static void walkExpression(Expression e, Scope scope, boolean parsed) {
    if (e instanceof UnresolvedFunction f) {
      List<String> fn = CollectionConverters.asJava(f.nameParts());
      if (DENIED_FUNCTIONS.contains(fn.get(fn.size() - 1).toLowerCase(Locale.ROOT))) {
        throw new Refused("function " + String.join(".", fn) + " (calls Java methods)");
      }
    }
    if (e instanceof CallMethodViaReflection)
      throw new Refused("function reflect/java_method (calls Java methods)");
    String cls = e.getClass().getSimpleName();
    if (cls.startsWith("Python") || cls.contains("PythonUDF"))
      throw new Refused("Python function " + e.prettyName());
    if (e instanceof org.apache.spark.sql.catalyst.expressions.SubqueryExpression s) {
      if (parsed) walkParsed(s.plan(), scope, false);
      else walkAnalysed(s.plan(), scope);
    }
    for (Expression c : CollectionConverters.asJava(e.children())) walkExpression(c, scope, parsed);
  }

  // ------------------------------------------------------------------ gate 2: the analysed plan

  /** Gate 2, on an analysed plan (also the check rule of {@link ReadOnlyExtension}). */
  public static void checkAnalysed(LogicalPlan analysed, Scope scope) {
    walkAnalysed(analysed, scope);
  }

  private static void walkAnalysed(LogicalPlan p, Scope scope) {
    String name = p.getClass().getSimpleName();
    if (p instanceof Command && !READ_COMMANDS.contains(name)) {
      throw new Refused(
          "statement " + statementName(p) + " (only SELECT, WITH, SHOW, DESCRIBE and EXPLAIN)");
    }
    if (p instanceof ParsedStatement) throw new Refused("statement " + statementName(p));
    if (p instanceof InsertIntoDir) throw new Refused("INSERT OVERWRITE DIRECTORY");
    if (p instanceof ScriptTransformation)
      throw new Refused("TRANSFORM ... USING (runs a program)");
    if (name.startsWith("Streaming")
        || name.contains("Python")
        || name.contains("Pandas")
        || name.contains("InR")) {
      throw new Refused("plan " + name);
    }
    if (p instanceof LogicalRelation r) {
      checkRelation(r.catalogTable(), r.relation(), scope);
    } else if (p instanceof DataSourceV2Relation r) {
      checkV2(r.table(), scope);
    } else if (p instanceof DataSourceV2ScanRelation r) {
      checkV2(r.relation().table(), scope);
    } else if (name.equals("HiveTableRelation") || name.equals("UnresolvedCatalogRelation")) {
      throw new Refused("relation " + name);
    }
    for (Expression e : CollectionConverters.asJava(p.expressions()))
      walkExpression(e, scope, false);
    for (LogicalPlan c : children(p)) walkAnalysed(c, scope);
  }

  private static void checkRelation(
      scala.Option<CatalogTable> table, Object relation, Scope scope) {
    if (table.isDefined()) {
      checkCatalogTable(table.get(), scope);
      return;
    }
    if (relation instanceof HadoopFsRelation fs) {
      List<org.apache.hadoop.fs.Path> roots =
          CollectionConverters.asJava(fs.location().rootPaths());
      for (org.apache.hadoop.fs.Path root : roots) {
        if (!scope.isTableLog(root.toString())) throw new Refused("reading by path " + root);
      }
      return;
    }
    throw new Refused(
        "reading " + relation.getClass().getSimpleName() + " outside the warehouse tables");
  }

  private static void checkV2(Object table, Scope scope) {
    if (table instanceof DeltaTableV2 delta) {
      if (delta.catalogTable().isDefined()) {
        checkCatalogTable(delta.catalogTable().get(), scope);
        return;
      }
      throw new Refused("reading by path " + delta.path());
    }
    throw new Refused(
        "reading " + table.getClass().getSimpleName() + " outside the warehouse tables");
  }

  private static void checkCatalogTable(CatalogTable t, Scope scope) {
    String db = t.identifier().database().isDefined() ? t.identifier().database().get() : "";
    if (!scope.has(db, t.identifier().table())) {
      throw new Refused(
          "table " + (db.isEmpty() ? "" : db + ".") + t.identifier().table() + " is not served");
    }
  }

  // ------------------------------------------------------------------ helpers

  private static LogicalPlan analyse(SparkSession spark, LogicalPlan parsed) {
    return spark
        .sessionState()
        .analyzer()
        .executeAndCheck(
            parsed, new org.apache.spark.sql.catalyst.QueryPlanningTracker(scala.Option.empty()));
  }

  /** Children, inner children (CTE definitions, explained plans) and subquery plans. */
  private static List<LogicalPlan> children(LogicalPlan p) {
    List<LogicalPlan> out = new ArrayList<>(CollectionConverters.asJava(p.children()));
    for (Object o : CollectionConverters.asJava(p.innerChildren())) {
      if (o instanceof LogicalPlan lp) out.add(lp);
    }
    if (p instanceof org.apache.spark.sql.catalyst.plans.logical.UnresolvedWith w) {
      for (scala.Tuple3<String, org.apache.spark.sql.catalyst.plans.logical.SubqueryAlias, ?> d :
          CollectionConverters.asJava(w.cteRelations())) {
        out.add(d._2());
      }
    }
    return out;
  }

  /** The statement as a reader knows it: DeleteFromTable -> DELETE FROM, else the plan's name. */
  static String statementName(LogicalPlan p) {
    String n = p.getClass().getSimpleName();
    return switch (n) {
      case "InsertIntoStatement",
          "AppendData",
          "OverwriteByExpression",
          "OverwritePartitionsDynamic",
          "InsertIntoHadoopFsRelationCommand",
          "InsertIntoDataSourceCommand" ->
          "INSERT";
      case "DeleteFromTable", "DeleteCommand" -> "DELETE";
      case "UpdateTable", "UpdateCommand" -> "UPDATE";
      case "MergeIntoTable", "MergeIntoCommand" -> "MERGE";
      case "DropTable", "DropTableCommand" -> "DROP TABLE";
      case "InsertIntoDir", "InsertIntoDataSourceDirCommand" -> "INSERT OVERWRITE DIRECTORY";
      case "TruncateTable", "TruncateTableCommand" -> "TRUNCATE TABLE";
      case "SetCommand", "ResetCommand" -> "SET/RESET";
      default -> n;
    };
  }

  private static String quoted(List<String> parts) {
    return String.join(
        ".",
        parts.stream().map(s -> s.contains("/") || s.contains(".") ? "`" + s + "`" : s).toList());
  }

  private static String normalize(String location) {
    java.net.URI u = new org.apache.hadoop.fs.Path(location).toUri();
    String path = u.getPath();
    while (path.length() > 1 && path.endsWith("/")) path = path.substring(0, path.length() - 1);
    String scheme =
        u.getScheme() == null || u.getScheme().equals("file")
            ? ""
            : u.getScheme() + "://" + u.getAuthority();
    return scheme + path;
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> s = new HashSet<>(a);
    s.addAll(b);
    return Set.copyOf(s);
  }
}
