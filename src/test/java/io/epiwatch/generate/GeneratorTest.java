package io.epiwatch.generate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.epiwatch.common.ResidentId;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GeneratorTest {
  @TempDir Path tmp;

  static void generate(Path out) {
    GenerateJob.run("small", 35, LocalDate.of(2021, 9, 1), 20210901L, out);
  }

  static List<Path> files(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(Files::isRegularFile).sorted().toList();
    }
  }

  @Test
  void sameSeedGivesTheSameBytesAndTheShippedSampleIsReproducible() throws IOException {
    generate(tmp.resolve("a"));
    generate(tmp.resolve("b"));
    List<Path> a = files(tmp.resolve("a"));
    assertEquals(a.size(), files(tmp.resolve("b")).size());
    for (Path f : a) {
      Path rel = tmp.resolve("a").relativize(f);
      assertTrue(
          java.util.Arrays.equals(
              Files.readAllBytes(f), Files.readAllBytes(tmp.resolve("b").resolve(rel))),
          "differs: " + rel);
    }
    Path sample = Path.of(System.getProperty("epiwatch.project.dir", "."), "data-sample", "inbox");
    for (Path f : a) {
      Path rel = tmp.resolve("a").relativize(f);
      assertTrue(
          java.util.Arrays.equals(Files.readAllBytes(f), Files.readAllBytes(sample.resolve(rel))),
          "data-sample differs from the documented command at "
              + rel
              + " (regenerate it: see docs/generator.md)");
    }
  }

  @Test
  void everyResidentIdIsValidExceptThePlantedOnesAndPlantedClustersArePresent() throws IOException {
    Path out = tmp.resolve("s");
    generate(out);
    Set<String> planted = new HashSet<>();
    for (CSVRecord r : read(out.resolve("_generator/planted_rows.csv"), StandardCharsets.UTF_8)) {
      planted.add(r.get("file") + ":" + r.get("line"));
    }
    assertTrue(planted.size() >= 10, "a controlled share of bad rows is planted");
    long checked = 0;
    for (String source : List.of("roster", "absence_cases", "vaccinations")) {
      for (Path f : files(out.resolve(source))) {
        List<CSVRecord> rows = read(f, charsetOf(f));
        for (CSVRecord r : rows) {
          String id = r.isMapped("id_number") ? r.get("id_number") : r.get("身份证号");
          String where = source + "/" + f.getFileName() + ":" + (r.getRecordNumber() + 1);
          if (planted.contains(where)) continue;
          assertTrue(ResidentId.isValid(id), "invalid ID at " + where);
          checked++;
        }
      }
    }
    assertTrue(checked > 4000);
    List<CSVRecord> clusters =
        read(out.resolve("_generator/planted_clusters.csv"), StandardCharsets.UTF_8);
    assertFalse(
        clusters.stream()
            .filter(c -> c.get("expected_rule").equals("class_same_day"))
            .toList()
            .isEmpty());
    assertFalse(
        clusters.stream()
            .filter(c -> c.get("expected_rule").equals("near_miss"))
            .toList()
            .isEmpty());
    CSVRecord c = clusters.get(0);
    Path day = out.resolve("absence_cases/absence-cases-" + c.get("first_onset") + ".csv");
    long inClass =
        read(day, charsetOf(day)).stream()
            .filter(
                r ->
                    r.get(1).equals(c.get("school_code"))
                        && r.get(7).equals(c.get("class_name"))
                        && r.get(6).equals(c.get("grade")))
            .count();
    assertTrue(inClass >= 1, "planted cluster rows present in " + day);
  }

  @Test
  void aProvinceWritesItsRostersAndVaccinationsOneFilePerCity() throws IOException {
    Path out = tmp.resolve("p");
    // 21,000 persons make 40 schools; with the province layout from 30 schools they spread over
    // 11 cities (3301..3311) of 10 districts each
    new Generator(new Generator.Params(21_000, 2, LocalDate.of(2021, 9, 1), 7L, out), 30).run();
    java.util.regex.Pattern name =
        java.util.regex.Pattern.compile("(roster-2021-09-(01|20)|vaccinations)-(33\\d\\d)\\.csv");
    for (String source : List.of("roster", "vaccinations")) {
      List<Path> fs = files(out.resolve(source));
      // every city's first roster snapshot and vaccinations; the second snapshot (the schools
      // whose number ends in 2) of the cities that have such a school: 2, 12, 22 and 32 are in
      // four different cities
      assertEquals(source.equals("roster") ? 11 + 4 : 11, fs.size(), source + ": " + fs);
      for (Path f : fs) {
        java.util.regex.Matcher m = name.matcher(f.getFileName().toString());
        assertTrue(m.matches(), "a city's file: " + f.getFileName());
        List<CSVRecord> rows = read(f, charsetOf(f));
        assertFalse(rows.isEmpty(), f + " has rows");
        for (CSVRecord r : rows) {
          String school = r.isMapped("school_code") ? r.get("school_code") : r.get("学校标识码");
          // school code = 3 + district code + number; the district code starts with the city's
          assertEquals(m.group(3), school.substring(1, 5), f.getFileName() + ":" + r);
        }
      }
    }
    for (CSVRecord r : read(out.resolve("_generator/planted_rows.csv"), StandardCharsets.UTF_8))
      assertTrue(Files.exists(out.resolve(r.get("file"))), "planted in a written file: " + r);
  }

  static Charset charsetOf(Path f) throws IOException {
    try {
      StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(f)));
      return StandardCharsets.UTF_8;
    } catch (java.nio.charset.CharacterCodingException e) {
      return Charset.forName("GB18030");
    }
  }

  static List<CSVRecord> read(Path f, Charset cs) throws IOException {
    String text = Files.readString(f, cs).replace("\uFEFF", "");
    return CSVFormat.RFC4180
        .builder()
        .setHeader()
        .setSkipHeaderRecord(true)
        .get()
        .parse(new StringReader(text))
        .getRecords();
  }
}
