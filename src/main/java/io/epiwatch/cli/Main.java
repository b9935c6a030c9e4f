package io.epiwatch.cli;

import io.epiwatch.ops.LockedException;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The single entry point. Exit codes (for schedulers): 0 success, 1 the job failed (one line on
 * stderr names the file, table or option at fault), 2 usage error, 3 another run holds the
 * warehouse lock, 4 the job completed but rejected at least one inbox file (the last line on stderr
 * names them; every other file loaded and, in run-daily, the later stages ran).
 */
@Command(
    name = "epiwatch",
    mixinStandardHelpOptions = true,
    version = "epiwatch 0.1.0",
    description =
        "School epidemic-prevention data warehouse: ingest extracts, build Delta tables, render briefings.",
    subcommands = {
      IngestCommand.class,
      TransformCommand.class,
      MetricsCommand.class,
      BriefCommand.class,
      RunDailyCommand.class,
      SqlCommand.class,
      ServeCommand.class,
      RestoreCommand.class,
      GenerateCommand.class,
      MaintainCommand.class,
      DictionaryCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main {
  public static final int EXIT_FAILED = 1;
  public static final int EXIT_USAGE = 2;
  public static final int EXIT_LOCKED = 3;
  public static final int EXIT_REJECTED = 4;

  /**
   * Exit code and last line of a job that ingested: 4 with one line naming the files this run
   * rejected (each with its reason, in ops.ingest_manifest), else 0.
   */
  static int rejectedFiles(String job, io.epiwatch.ingest.IngestJob.IngestResult r) {
    var rejected = r.rejected();
    if (rejected.isEmpty()) return 0;
    System.err.println(
        "warning: "
            + job
            + ": completed, but "
            + rejected.size()
            + " file(s) rejected (exit code "
            + EXIT_REJECTED
            + "; reasons in ops.ingest_manifest): "
            + rejected.stream()
                .map(f -> f.message().replace('\n', ' '))
                .collect(java.util.stream.Collectors.joining(" | ")));
    return EXIT_REJECTED;
  }

  public static void main(String[] args) {
    System.exit(execute(args));
  }

  public static int execute(String... args) {
    return commandLine(new Main()).execute(args);
  }

  /**
   * A command line for {@code command} with our date converter and exit codes; also used by the
   * benchmark's own main (src/bench, io.epiwatch.bench.BenchMain).
   */
  public static CommandLine commandLine(Object command) {
    CommandLine cl = new CommandLine(command);
    cl.registerConverter(
        LocalDate.class,
        s -> {
          try {
            return LocalDate.parse(s);
          } catch (DateTimeParseException e) {
            throw new CommandLine.TypeConversionException(
                "'" + s + "' is not a date (expected YYYY-MM-DD)");
          }
        });
    cl.setExecutionExceptionHandler(
        (ex, cmd, parseResult) -> {
          Throwable root = ex;
          while (root.getCause() != null && root.getMessage() == null) root = root.getCause();
          cmd.getErr().println("error: " + cmd.getCommandName() + ": " + oneLine(root));
          if (Boolean.getBoolean("epiwatch.trace")) ex.printStackTrace(cmd.getErr());
          return root instanceof LockedException ? EXIT_LOCKED : EXIT_FAILED;
        });
    return cl;
  }

  static String oneLine(Throwable t) {
    String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    int nl = m.indexOf('\n');
    return nl < 0 ? m : m.substring(0, nl);
  }
}
