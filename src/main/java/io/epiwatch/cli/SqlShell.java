package io.epiwatch.cli;

import io.epiwatch.catalog.ReadOnlyQueries;
import io.epiwatch.catalog.TableId;
import io.epiwatch.catalog.Warehouse;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.Iterator;
import org.apache.spark.QueryContext;
import org.apache.spark.SparkThrowable;
import org.apache.spark.sql.SparkSession;
import org.jline.reader.EndOfFileException;
import org.jline.reader.LineReader;
import org.jline.reader.LineReaderBuilder;
import org.jline.reader.UserInterruptException;
import org.jline.terminal.Terminal;
import org.jline.terminal.TerminalBuilder;

/**
 * The interactive side of jobs/sql: line editing and history (JLine), statements ended by ';' over
 * several lines, {@code \d} to list tables, {@code \d TABLE} to describe one, {@code \q} or {@code
 * exit} to quit. Errors are one line, with the position in the query when Spark gives it.
 * Read-only: every statement passes {@link ReadOnlyQueries} first (writes, DDL, reads by path are
 * refused with one line, nothing runs).
 */
final class SqlShell {
  private final SparkSession spark;
  private final Warehouse warehouse;
  private final ResultPrinter.Format format;
  private final int limit;
  private final ReadOnlyQueries.Scope scope;

  /** {@code scope}: the registered tables, the only ones a statement may read (read-only rule). */
  SqlShell(
      SparkSession spark,
      Warehouse warehouse,
      ReadOnlyQueries.Scope scope,
      ResultPrinter.Format format,
      int limit) {
    this.spark = spark;
    this.warehouse = warehouse;
    this.scope = scope;
    this.format = format;
    this.limit = limit;
  }

  /** Runs on the terminal until \q or end of input. */
  void interactive() throws Exception {
    try (Terminal terminal = TerminalBuilder.builder().system(true).build()) {
      LineReader reader =
          LineReaderBuilder.builder()
              .terminal(terminal)
              .variable(
                  LineReader.HISTORY_FILE,
                  Path.of(System.getProperty("user.home"), ".epiwatch_sql_history"))
              .build();
      PrintStream out =
          new PrintStream(terminal.output(), true, java.nio.charset.StandardCharsets.UTF_8);
      out.println(
          "epiwatch SQL over "
              + warehouse.root()
              + " — end statements with ';', \\d lists tables, \\q quits.");
      run(
          new Iterator<>() {
            String next;
            boolean continuation;

            @Override
            public boolean hasNext() {
              if (next != null) return true;
              try {
                next = reader.readLine(continuation ? "    -> " : "epiwatch> ");
                return true;
              } catch (UserInterruptException e) {
                next = "";
                return true;
              } catch (EndOfFileException e) {
                return false;
              }
            }

            @Override
            public String next() {
              String s = next;
              next = null;
              return s;
            }
          },
          out);
    }
  }

  /** The statement loop over input lines (the terminal, or a test's lines). */
  void run(Iterator<String> lines, PrintStream out) {
    StringBuilder stmt = new StringBuilder();
    while (lines.hasNext()) {
      String line = lines.next();
      String t = line.strip();
      if (stmt.length() == 0) {
        if (t.isEmpty()) continue;
        if (t.equals("\\q") || t.equalsIgnoreCase("exit") || t.equalsIgnoreCase("quit")) return;
        if (t.startsWith("\\d")) {
          describe(t.substring(2).strip().replace(";", ""), out);
          continue;
        }
      }
      stmt.append(line).append('\n');
      if (t.endsWith(";")) {
        String sql = stmt.toString().strip();
        stmt.setLength(0);
        execute(sql.substring(0, sql.length() - 1), out);
      }
    }
  }

  /** Checks the statement against the read-only rule before anything runs, then runs it. */
  void execute(String sql, PrintStream out) {
    try {
      ReadOnlyQueries.check(spark, scope, sql);
      ResultPrinter.print(spark.sql(sql), format, limit, out);
    } catch (Exception e) { // AnalysisException is checked in Java's eyes but thrown unchecked
      out.println("error: " + describeError(e));
    }
  }

  private void describe(String table, PrintStream out) {
    if (table.isEmpty()) {
      warehouse.list(Warehouse.LAYERS).forEach(t -> out.println(t));
    } else {
      execute("DESCRIBE TABLE " + TableId.parse(table), out);
    }
  }

  /** One line: Spark's message and, when known, where in the query the problem is. */
  static String describeError(Throwable e) {
    String first = Main.oneLine(e);
    if (e instanceof SparkThrowable st
        && st.getQueryContext() != null
        && st.getQueryContext().length > 0) {
      QueryContext q = st.getQueryContext()[0];
      if (q.startIndex() >= 0 && !first.contains("line ")) {
        first += " (at position " + (q.startIndex() + 1) + ": '" + q.fragment() + "')";
      }
    }
    return first;
  }
}
