package io.epiwatch.cli;

import io.epiwatch.catalog.ReadOnlyQueries;
import io.epiwatch.spark.JobContext;
import io.epiwatch.spark.Sessions;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Runs Spark SQL over the warehouse's tables by name (layer.table); results on stdout only.
 * Read-only: a statement other than SELECT/WITH/SHOW/DESCRIBE/EXPLAIN over the registered tables is
 * refused before it runs ({@link ReadOnlyQueries}); data is corrected by the jobs.
 */
@Command(
    name = "sql",
    mixinStandardHelpOptions = true,
    description =
        "Run a read-only Spark SQL query over the warehouse tables (e.g. SELECT * FROM gold.attendance).")
final class SqlCommand extends SparkCommand {
  @Parameters(
      arity = "0..1",
      paramLabel = "QUERY",
      description = "The query; omit it (and -f) for an interactive shell.")
  String query;

  @Option(
      names = {"-f", "--file"},
      paramLabel = "FILE",
      description = "Read the query from a file.")
  Path file;

  @Option(
      names = "--format",
      defaultValue = "table",
      description = "Output: table, csv or json (default: ${DEFAULT-VALUE}).")
  ResultPrinter.Format format;

  @Option(
      names = "--limit",
      defaultValue = "10000",
      description = "At most this many rows in table format (default: ${DEFAULT-VALUE}).")
  int limit;

  @Mixin ReadOnlyTables tables;

  @Override
  protected Map<String, String> sessionConf() {
    return Sessions.readOnly();
  }

  @Override
  protected int run(JobContext ctx) throws Exception {
    String sql =
        query != null
            ? query
            : file != null ? Files.readString(file, StandardCharsets.UTF_8) : null;
    ReadOnlyQueries.Scope scope = tables.registerAndArm(ctx, "this shell");
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    if (sql == null) {
      new SqlShell(ctx.spark(), ctx.warehouse(), scope, format, limit).interactive();
      return 0;
    }
    Dataset<Row> result;
    try {
      String statement = sql.strip().replaceAll(";\\s*$", "");
      ReadOnlyQueries.check(ctx.spark(), scope, statement);
      result = ctx.spark().sql(statement);
    } catch (Exception e) {
      throw new IllegalArgumentException(SqlShell.describeError(e), e);
    }
    ResultPrinter.print(result, format, limit, out);
    return 0;
  }
}
