package io.epiwatch.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Keeps the fast tier fast: every test class that starts Spark (uses {@link SparkExtension}, a
 * SparkSession or the shared sample run) must carry {@link SparkTest}, which tags it out of {@code
 * mvn -B test -Pfast}.
 */
class FastTierTest {
  private static final Pattern USES_SPARK =
      Pattern.compile("SparkExtension|SparkSession|SampleRun\\.");

  @Test
  void everyTestThatStartsSparkIsTaggedSpark() throws IOException {
    Path root = Path.of(System.getProperty("epiwatch.project.dir", "."), "src", "test", "java");
    List<String> untagged;
    try (Stream<Path> files = Files.walk(root)) {
      untagged =
          files
              .filter(p -> p.toString().endsWith(".java"))
              .filter(
                  p -> {
                    String src = read(p);
                    return src.contains("@Test")
                        && USES_SPARK.matcher(src).find()
                        && !src.contains("@SparkTest");
                  })
              .map(p -> root.relativize(p).toString())
              .sorted()
              .toList();
    }
    assertEquals(List.of(), untagged, "test classes that start Spark without @SparkTest");
  }

  private static String read(Path p) {
    try {
      return Files.readString(p, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
