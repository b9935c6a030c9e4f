package io.epiwatch.cli;

import io.epiwatch.catalog.ReadOnlyQueries;
import io.epiwatch.catalog.TableId;
import io.epiwatch.spark.JobContext;
import io.epiwatch.spark.Sessions;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import picocli.CommandLine.Command;
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

  @Option(
      names = "--restricted",
      description = "Also register restricted.* tables (personal data; access is logged).")
  boolean restricted;

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
    if (restricted) {
      org.slf4j.LoggerFactory.getLogger(SqlCommand.class)
          .warn(
              "restricted tables registered for user {} (personal data access)",
              System.getProperty("user.name"));
    }
    List<TableId> tables = ctx.warehouse().registerAll(restricted);
    org.slf4j.LoggerFactory.getLogger(SqlCommand.class)
        .debug("{} tables registered", tables.size());
    ReadOnlyQueries.Scope scope = ReadOnlyQueries.Scope.of(ctx.warehouse(), tables);
    ReadOnlyQueries.arm(
        scope); // from here on, every plan of this process passes the read-only rule
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
