package io.epiwatch.catalog;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class DictionaryTest {
  @Test
  void committedDataDictionaryMatchesTheDeclaredSchemas() throws Exception {
    Path file = Path.of(System.getProperty("epiwatch.project.dir", "."), "docs", "tables.md");
    String committed = Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    assertEquals(
        Dictionary.markdown(), committed, "docs/tables.md is out of date: run jobs/dictionary");
  }
}
