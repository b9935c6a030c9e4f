package io.epiwatch.cli;

import io.epiwatch.catalog.Dictionary;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** jobs/dictionary: regenerates docs/tables.md from the declared schemas. */
@Command(
    name = "dictionary",
    mixinStandardHelpOptions = true,
    description = "Write the data dictionary (default docs/tables.md).")
final class DictionaryCommand implements Callable<Integer> {
  @Parameters(arity = "0..1", defaultValue = "docs/tables.md", paramLabel = "FILE")
  Path file;

  @Override
  public Integer call() throws Exception {
    Files.writeString(file, Dictionary.markdown(), StandardCharsets.UTF_8);
    System.err.println("dictionary written to " + file);
    return 0;
  }
}
