package io.epiwatch.cli;

import io.epiwatch.spark.JobContext;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Runs Spark SQL over the warehouse's tables by name (layer.table); results on stdout only. */
@Command(name = "sql", mixinStandardHelpOptions = true,
    description = "Run a Spark SQL query over the warehouse tables (e.g. SELECT * FROM gold.attendance).")
final class SqlCommand extends SparkCommand {
  @Parameters(arity = "0..1", paramLabel = "QUERY", description = "The query; omit it (and -f) for an interactive shell.")
  String query;

  @Option(names = {"-f", "--file"}, paramLabel = "FILE", description = "Read the query from a file.")
  Path file;

  @Option(names = "--format", defaultValue = "table", description = "Output: table, csv or json (default: ${DEFAULT-VALUE}).")
  ResultPrinter.Format format;

  @Option(names = "--limit", defaultValue = "10000", description = "At most this many rows in table format (default: ${DEFAULT-VALUE}).")
  int limit;

  @Option(names = "--restricted", description = "Also register restricted.* tables (personal data; access is logged).")
  boolean restricted;

  @Override
  protected int run(JobContext ctx) throws Exception {
    String sql = query != null ? query : file != null ? Files.readString(file, StandardCharsets.UTF_8) : null;
    if (restricted) {
      org.slf4j.LoggerFactory.getLogger(SqlCommand.class).warn(
          "restricted tables registered for user {} (personal data access)", System.getProperty("user.name"));
    }
    List<?> tables = ctx.warehouse().registerAll(restricted);
    org.slf4j.LoggerFactory.getLogger(SqlCommand.class).debug("{} tables registered", tables.size());
    PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
    if (sql == null) {
      new SqlShell(ctx.spark(), ctx.warehouse(), format, limit).interactive();
      return 0;
    }
    Dataset<Row> result;
    try {
      result = ctx.spark().sql(sql.strip().replaceAll(";\\s*$", ""));
    } catch (Exception e) {
      throw new IllegalArgumentException(SqlShell.describeError(e), e);
    }
    ResultPrinter.print(result, format, limit, out);
    return 0;
  }
}
