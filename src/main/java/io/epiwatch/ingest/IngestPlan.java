package io.epiwatch.ingest;

import io.epiwatch.common.ManifestStatus;
import io.epiwatch.common.SourceEncoding;
import io.epiwatch.contract.ColumnSpec;
import io.epiwatch.contract.SourceSpec;
import io.epiwatch.contract.Sources;
import io.epiwatch.ingest.IngestJob.FileResult;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What an ingest run does, decided before any Spark or Delta work (docs/rules.md §2): for each
 * source in declaration order (schools before the sources checked against them, roster before
 * travel records), the files of {@code <inbox>/<source>/} in file-name (byte) order, names starting
 * with '_' or '.' not being inputs. A file whose content (SHA-256) the manifest already holds, or
 * an earlier file of this run had, is skipped; every other file is parsed once here, so a file that
 * cannot be read or lacks a required column is rejected alone and every other file still loads.
 * Folders of no declared source are never read. Pure but for reading the inbox through {@link
 * Inbox}, one file at a time; {@link IngestJob} executes the plan.
 *
 * @param steps one per source considered, in declaration order
 * @param skipped the files not taken again, in the order met
 */
record IngestPlan(List<SourceStep> steps, List<Skipped> skipped) {

  /** Where the plan reads the inbox. */
  interface Inbox {
    /** The paths of the regular files in a folder, in any order; none if it does not exist. */
    List<String> files(String folder);

    /** One file's bytes; a file that cannot be read fails the run, naming the path. */
    InboxFile read(String path);
  }

  /**
   * One source's share of the run.
   *
   * @param rejected the files rejected whole, with the reason, in file order
   * @param load the files to load, in file order
   */
  record SourceStep(SourceSpec spec, List<FileResult> rejected, List<FileTask> load) {}

  /** A file not taken again: its content is in the manifest or earlier in this run. */
  record Skipped(String source, String path, String sha256) {}

  /**
   * What an executor needs to parse and validate one accepted file (it reads the file again and
   * fails the run if the SHA-256 changed meanwhile).
   *
   * @param encoding the configured encoding of the source
   * @param detected the encoding the file was read in (the manifest's)
   * @param note what the file's name and content disagree on, if anything
   */
  record FileTask(
      String path,
      String sha256,
      SourceEncoding encoding,
      String detected,
      RowValidator.HeaderMap header,
      String note)
      implements Serializable {

    /** The manifest's message of a loaded file: its format note and unknown columns, if any. */
    String message() {
      List<String> notes = new ArrayList<>();
      if (note != null) notes.add(note);
      if (!header.extraHeaders().isEmpty())
        notes.add("unknown columns kept: " + header.extraHeaders());
      return notes.isEmpty() ? null : String.join("; ", notes);
    }
  }

  /** The sources a run considers: all, or the one named by {@code --source}. */
  static List<SourceSpec> sources(Optional<String> only) {
    only.ifPresent(
        s ->
            Sources.byName(s)
                .orElseThrow(
                    () ->
                        new IllegalArgumentException(
                            "--source "
                                + s
                                + ": unknown source; expected one of "
                                + Sources.names())));
    return Sources.ALL.stream().filter(s -> only.isEmpty() || only.get().equals(s.name())).toList();
  }

  /**
   * @param inboxRoot the inbox folder; a source's files are in {@code <inboxRoot>/<source>}
   * @param sources the sources to consider (see {@link #sources}), in declaration order
   * @param known the SHA-256 of every file in the manifest
   * @param encodings the configured encoding of each source, by source name
   */
  static IngestPlan of(
      String inboxRoot,
      List<SourceSpec> sources,
      Set<String> known,
      Function<String, SourceEncoding> encodings,
      Inbox inbox) {
    Set<String> taken = new HashSet<>();
    List<Skipped> skipped = new ArrayList<>();
    List<SourceStep> steps = new ArrayList<>();
    for (SourceSpec spec : sources) {
      List<FileResult> rejected = new ArrayList<>();
      List<FileTask> load = new ArrayList<>();
      SourceEncoding encoding = encodings.apply(spec.name());
      for (String path : inputs(inbox.files(inboxRoot + "/" + spec.name()))) {
        InboxFile f = inbox.read(path);
        if (known.contains(f.sha256) || !taken.add(f.sha256)) {
          skipped.add(new Skipped(spec.name(), path, f.sha256));
          continue;
        }
        try {
          load.add(accept(spec, f, encoding));
        } catch (RuntimeException e) {
          rejected.add(rejection(spec, f, e));
        }
      }
      steps.add(new SourceStep(spec, List.copyOf(rejected), List.copyOf(load)));
    }
    return new IngestPlan(List.copyOf(steps), List.copyOf(skipped));
  }

  /**
   * The input files of a folder listing, in file-name (byte) order: {@link Arrays#compare(byte[],
   * byte[])} of the paths' UTF-8 bytes, which compares signed bytes, so a name with a non-ASCII
   * character sorts before the ASCII names (silver's "later file" compares unsigned bytes).
   */
  static List<String> inputs(List<String> files) {
    return files.stream()
        .filter(p -> !name(p).startsWith("_") && !name(p).startsWith("."))
        .sorted((a, b) -> Arrays.compare(utf8(a), utf8(b)))
        .toList();
  }

  private static String name(String path) {
    return path.substring(path.lastIndexOf('/') + 1);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  /**
   * The file parsed once (every record, so a file that cannot be read fails here and not on an
   * executor) and its header matched to the source's columns; throws when it cannot be loaded.
   */
  private static FileTask accept(SourceSpec spec, InboxFile f, SourceEncoding encoding) {
    ParsedFile parsed = ParsedFile.parse(f, encoding);
    RowValidator.HeaderMap hm = RowValidator.HeaderMap.of(spec, parsed.header);
    List<ColumnSpec> missing = hm.missingRequired(spec);
    if (!missing.isEmpty()) {
      throw new IllegalArgumentException(
          f.path
              + ": header lacks required column(s) "
              + missing.stream()
                  .map(c -> c.name() + " (" + c.aliases().get(0) + ")")
                  .collect(Collectors.joining(", "))
              + "; file rejected, nothing loaded");
    }
    return new FileTask(f.path, f.sha256, encoding, parsed.encoding, hm, f.formatNote());
  }

  /** Anything the readers throw about one file's content rejects that file, never the run. */
  private static FileResult rejection(SourceSpec spec, InboxFile f, RuntimeException e) {
    String msg =
        e instanceof IllegalArgumentException
                && e.getMessage() != null
                && e.getMessage().startsWith(f.path)
            ? e.getMessage()
            : f.path + ": cannot be read (" + e + "); file rejected, nothing loaded";
    return new FileResult(
        spec.name(), f.path, f.sha256, null, ManifestStatus.REJECTED, 0, 0, 0, msg);
  }

  /** The files to load, all sources. */
  List<FileTask> loads() {
    return steps.stream().flatMap(s -> s.load().stream()).toList();
  }

  /** The files rejected whole, all sources. */
  List<FileResult> rejected() {
    return steps.stream().flatMap(s -> s.rejected().stream()).toList();
  }
}
