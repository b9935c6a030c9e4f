package io.epiwatch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.epiwatch.testing.ChildJvm;
import io.epiwatch.testing.SparkExtension;
import java.nio.file.Path;
import java.util.Map;

/** One local run-daily over the shipped sample, shared by the integration tests of this JVM. */
final class SampleRun {
  static final String DATE = "2021-10-05";
  private static Path work;

  private SampleRun() {}

  static synchronized Path work() throws Exception {
    if (work == null) {
      Path w = SparkExtension.newFolder("sample-run");
      int rc =
          ChildJvm.runCli(
              w.resolve("run1.log"),
              Map.of(),
              900,
              "run-daily",
              "--conf",
              conf(),
              "--inbox",
              "data-sample/inbox",
              "--warehouse",
              w.resolve("warehouse").toString(),
              "--out",
              w.resolve("out").toString(),
              "--date",
              DATE);
      assertEquals(0, rc, "run-daily exit code; log " + w.resolve("run1.log"));
      work = w;
    }
    return work;
  }

  /** The integration tests' configuration (defaults sized for the tiny sample). */
  static String conf() {
    return ChildJvm.projectDir().resolve("src/test/resources/it.conf").toString();
  }

  static Path warehouse() throws Exception {
    return work().resolve("warehouse");
  }

  static Path out() throws Exception {
    return work().resolve("out");
  }

  /**
   * A copy of the shipped sample inbox at {@code <work>/<name>}: a later day's inbox as a bureau
   * has it, every file already ingested still there (and every source folder), new files added by
   * the test.
   */
  static Path copyInbox(Path work, String name) throws Exception {
    Path copy = work.resolve(name);
    org.apache.commons.io.FileUtils.copyDirectory(
        ChildJvm.projectDir().resolve("data-sample/inbox").toFile(), copy.toFile());
    return copy;
  }

  /**
   * A fresh folder holding a copy of the sample's warehouse (as {@code <folder>/warehouse}), for
   * tests that change it.
   */
  static Path copyWarehouse(String prefix) throws Exception {
    Path copy = SparkExtension.newFolder(prefix);
    org.apache.commons.io.FileUtils.copyDirectory(
        warehouse().toFile(), copy.resolve("warehouse").toFile());
    return copy;
  }
}
