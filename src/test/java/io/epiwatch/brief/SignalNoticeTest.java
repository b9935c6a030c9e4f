package io.epiwatch.brief;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The notify command gets the file's path; its failure is a value, never an exception. */
class SignalNoticeTest {
  @TempDir Path dir;

  @Test
  void theCommandReceivesThePathAsItsArgument() throws Exception {
    Path seen = dir.resolve("seen.txt");
    Path file = dir.resolve("signals 2021-10-05.json");
    assertEquals(
        Optional.of(0),
        SignalNotice.notify(
            "printf '%s' >" + seen.toString().replace(" ", "\\ "), file.toString()));
    assertEquals(file.toString(), Files.readString(seen), "a path with a space arrives whole");
  }

  @Test
  void aFailingOrMissingCommandIsReportedNotThrown() {
    assertEquals(Optional.of(3), SignalNotice.notify("exit 3", "/tmp/x.json"));
    assertTrue(
        SignalNotice.notify("/no/such/notifier", "/tmp/x.json").map(rc -> rc != 0).orElse(true));
  }

  @Test
  void countsTheSignalsOfTheArray() {
    assertEquals(0, SignalNotice.count("[]\n"));
    assertEquals(
        2, SignalNotice.count("[\n  {\"signal_id\":\"a\"},\n  {\"signal_id\":\"b\"}\n]\n"));
  }
}
