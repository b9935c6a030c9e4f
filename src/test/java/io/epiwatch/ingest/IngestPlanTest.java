package io.epiwatch.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.epiwatch.common.ManifestStatus;
import io.epiwatch.common.SourceEncoding;
import io.epiwatch.contract.SourceSpec;
import io.epiwatch.contract.Sources;
import io.epiwatch.ingest.IngestJob.FileResult;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The ingest plan's decisions, from an inbox in memory (plain JUnit, no Spark). */
class IngestPlanTest {
  static final String HEADER = "学校标识码,学校名称,学校类型,区县代码,统计日期\n";

  /** A schools extract with one row per code, so different codes give different contents. */
  static String schools(String... codes) {
    StringBuilder s = new StringBuilder(HEADER);
    for (String c : codes) s.append(c).append(",第一小学,小学,330102,2021-09-01\n");
    return s.toString();
  }

  /** An inbox in memory; reading a file it does not hold fails loudly. */
  static final class MemoryInbox implements IngestPlan.Inbox {
    final Map<String, byte[]> files = new LinkedHashMap<>();
    final List<String> listed = new ArrayList<>();
    final List<String> read = new ArrayList<>();

    MemoryInbox put(String path, String text) {
      files.put("/inbox/" + path, text.getBytes(StandardCharsets.UTF_8));
      return this;
    }

    @Override
    public List<String> files(String folder) {
      listed.add(folder);
      return files.keySet().stream()
          .filter(p -> p.startsWith(folder + "/") && p.indexOf('/', folder.length() + 1) < 0)
          .toList();
    }

    @Override
    public InboxFile read(String path) {
      byte[] b = files.get(path);
      if (b == null)
        throw new AssertionError("the plan read a file the inbox does not hold: " + path);
      read.add(path);
      return InboxFile.of(path, b);
    }
  }

  static IngestPlan plan(MemoryInbox inbox, Set<String> known) {
    return IngestPlan.of("/inbox", Sources.ALL, known, s -> SourceEncoding.AUTO, inbox);
  }

  static String sha(String text) {
    return InboxFile.of("x", text.getBytes(StandardCharsets.UTF_8)).sha256;
  }

  static List<String> loads(IngestPlan p) {
    return p.loads().stream().map(IngestPlan.FileTask::path).toList();
  }

  static List<String> skipped(IngestPlan p) {
    return p.skipped().stream().map(IngestPlan.Skipped::path).toList();
  }

  @Test
  void newFilesLoadInFileNameByteOrderAndUnderscoreOrDotNamesAreNotInputs() {
    MemoryInbox in =
        new MemoryInbox()
            .put("schools/b.csv", schools("3301020002"))
            .put("schools/中.csv", schools("3301020003"))
            .put("schools/a.csv", schools("3301020001"))
            .put("schools/Z.csv", schools("3301020004")) // 'Z' sorts before 'a' in bytes
            .put("schools/_copying.csv", schools("3301020005"))
            .put("schools/.partial.csv", schools("3301020006"));
    IngestPlan p = plan(in, Set.of());
    // Arrays.compare of the UTF-8 bytes, as ingest always ordered them: bytes are signed, so a
    // name with a non-ASCII character (bytes >= 0x80) sorts before the ASCII names.
    List<String> order =
        List.of(
            "/inbox/schools/中.csv",
            "/inbox/schools/Z.csv",
            "/inbox/schools/a.csv",
            "/inbox/schools/b.csv");
    assertEquals(order, loads(p));
    assertEquals(order, in.read, "'_' and '.' files are never read");
    IngestPlan.FileTask a = p.loads().get(2);
    assertEquals(sha(schools("3301020001")), a.sha256());
    assertEquals(SourceEncoding.AUTO, a.encoding());
    assertEquals(List.of(), a.header().extraHeaders());
    assertNull(a.message());
    assertEquals(List.of(), p.skipped());
    assertEquals(List.of(), p.rejected());
  }

  @Test
  void aRerunSkipsWhatTheManifestHoldsEvenUnderAnotherNameAndLoadsChangedContent() {
    String first = schools("3301020001");
    MemoryInbox in =
        new MemoryInbox()
            .put("schools/s.csv", first)
            .put("schools/s-renamed.csv", first)
            .put("schools/s-corrected.csv", schools("3301020001", "3301020002"));
    IngestPlan p = plan(in, Set.of(sha(first)));
    assertEquals(List.of("/inbox/schools/s-corrected.csv"), loads(p));
    assertEquals(List.of("/inbox/schools/s-renamed.csv", "/inbox/schools/s.csv"), skipped(p));
    assertEquals(
        new IngestPlan.Skipped("schools", "/inbox/schools/s.csv", sha(first)), p.skipped().get(1));
  }

  @Test
  void theSameContentTwiceInOneRunIsTakenOnceEvenInAnotherSourceOrWhenRejected() {
    String s = schools("3301020001");
    String unreadable = "";
    MemoryInbox in =
        new MemoryInbox()
            .put("schools/a.csv", s)
            .put("schools/b.csv", s)
            .put("roster/copy.csv", s) // the same bytes delivered under another source
            .put("schools/empty-1.csv", unreadable)
            .put("schools/empty-2.csv", unreadable);
    IngestPlan p = plan(in, Set.of());
    assertEquals(List.of("/inbox/schools/a.csv"), loads(p));
    assertEquals(
        List.of("/inbox/schools/empty-1.csv"),
        p.rejected().stream().map(FileResult::file).toList());
    assertEquals(
        List.of("/inbox/schools/b.csv", "/inbox/schools/empty-2.csv", "/inbox/roster/copy.csv"),
        skipped(p));
    assertEquals("roster", p.skipped().get(2).source());
  }

  @Test
  void aFileThatCannotBeLoadedIsRejectedAloneNamingItsPathAndReason() {
    MemoryInbox in =
        new MemoryInbox()
            .put("schools/a.csv", "学校标识码,学校名称\n3301020001,第一小学\n")
            .put("schools/b.csv", "")
            .put("schools/c.csv", schools("3301020001"));
    IngestPlan p = plan(in, Set.of());
    assertEquals(List.of("/inbox/schools/c.csv"), loads(p));
    List<FileResult> rejected = p.steps().get(0).rejected();
    assertEquals(2, rejected.size());
    FileResult lacking = rejected.get(0);
    assertEquals(
        new FileResult(
            "schools",
            "/inbox/schools/a.csv",
            lacking.sha256(),
            null,
            ManifestStatus.REJECTED,
            0,
            0,
            0,
            lacking.message()),
        lacking);
    assertTrue(
        lacking.message().startsWith("/inbox/schools/a.csv: header lacks required column(s) "),
        lacking.message());
    assertTrue(lacking.message().contains("district_code (区县代码)"), lacking.message());
    assertTrue(lacking.message().endsWith("; file rejected, nothing loaded"), lacking.message());
    assertEquals(
        "/inbox/schools/b.csv: empty file (no header row); file rejected, nothing loaded",
        rejected.get(1).message());
  }

  @Test
  void aLoadedFileNotesItsFormatAndItsUnknownColumnsForTheManifest() {
    MemoryInbox in =
        new MemoryInbox()
            .put(
                "schools/s.xlsx",
                "学校标识码,学校名称,学校类型,区县代码,统计日期,备注\n3301020001,第一小学,小学,330102,2021-09-01,x\n");
    IngestPlan.FileTask t = plan(in, Set.of()).loads().get(0);
    assertEquals(List.of("备注"), t.header().extraHeaders());
    assertEquals(
        "named .xlsx but holds text: read as CSV; unknown columns kept: [备注]", t.message());
  }

  @Test
  void sourcesComeInDeclarationOrderAndFoldersOfNoSourceAreNeverRead() {
    MemoryInbox in =
        new MemoryInbox()
            .put("vaccinations_2021/v.csv", schools("3301020001"))
            .put("loose.csv", schools("3301020002"))
            .put("schools/s.csv", schools("3301020003"));
    IngestPlan p = plan(in, Set.of());
    List<String> declared = Sources.ALL.stream().map(SourceSpec::name).toList();
    assertEquals(declared, p.steps().stream().map(s -> s.spec().name()).toList());
    assertEquals(declared.stream().map(n -> "/inbox/" + n).toList(), in.listed);
    assertEquals(List.of("/inbox/schools/s.csv"), in.read);
    assertEquals(List.of("schools", "roster"), declared.subList(0, 2), "schools load first");
  }

  @Test
  void theSourceOptionNarrowsTheRunAndAnUnknownSourceIsAnErrorNamingTheSources() {
    assertEquals(List.of(Sources.ROSTER), IngestPlan.sources(Optional.of("roster")));
    assertEquals(Sources.ALL, IngestPlan.sources(Optional.empty()));
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> IngestPlan.sources(Optional.of("rosters")));
    assertEquals(
        "--source rosters: unknown source; expected one of " + Sources.names(), e.getMessage());
  }
}
