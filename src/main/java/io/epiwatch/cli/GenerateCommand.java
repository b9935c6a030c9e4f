package io.epiwatch.cli;

import io.epiwatch.generate.GenerateJob;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** jobs/generate: a synthetic inbox in the formats of docs/rules.md §1-2 (no Spark needed). */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    description =
        "Write a synthetic inbox (the eight sources and the optional safety incidents) at small, city or province scale, or for N persons.")
final class GenerateCommand implements Callable<Integer> {
  @picocli.CommandLine.Mixin GeneratorOptions gen;

  @Option(
      names = "--out",
      required = true,
      paramLabel = "DIR",
      description = "The inbox folder to write (one sub-folder per source).")
  Path out;

  @Override
  public Integer call() {
    GenerateJob.run(gen.scale(), gen.days(), gen.start(), gen.seed(), out);
    return 0;
  }
}
