package io.epiwatch.it;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.epiwatch.cli.Main;
import io.epiwatch.testing.ChildJvm;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;

/**
 * The product ships the product (docs/decisions.md, "Module layout"): the benchmark, its DuckDB
 * peers and their SQL are the src/bench source set, so no bench class, bench resource or DuckDB
 * class may appear in target/epiwatch.jar or in the release bundle built by the same 'mvn package',
 * jobs/bench is not in the bundle, and the product CLI has no bench subcommand. Runs after
 * 'package' (failsafe), when both exist.
 */
class ProductJarIT {
  private static final Path TARGET = ChildJvm.projectDir().resolve("target");

  /** A tool's file in the product: our bench package, the bench SQL, anything of DuckDB's. */
  static boolean isToolEntry(String name) {
    return name.startsWith("io/epiwatch/bench/")
        || name.startsWith("bench/")
        || name.toLowerCase(Locale.ROOT).contains("duckdb");
  }

  @Test
  void theApplicationJarHoldsNoBenchmarkAndNoDuckDb() throws IOException {
    List<String> found = new ArrayList<>();
    try (ZipFile jar = new ZipFile(TARGET.resolve("epiwatch.jar").toFile())) {
      jar.stream().map(ZipEntry::getName).filter(ProductJarIT::isToolEntry).forEach(found::add);
    }
    assertEquals(
        List.of(),
        found,
        "target/epiwatch.jar carries benchmark or DuckDB files: they belong in src/bench"
            + " (test classpath), not src/main; DuckDB stays test scope in pom.xml");
  }

  @Test
  void theReleaseBundleHoldsNoBenchmarkAndNoDuckDb() throws IOException {
    Path bundle = null;
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(TARGET, "epiwatch-*-bin.tar.gz")) {
      for (Path p : ds) bundle = p;
    }
    assertTrue(
        bundle != null,
        "no release bundle target/epiwatch-*-bin.tar.gz: run 'mvn package' without -Dassembly.skipAssembly");
    List<String> found = new ArrayList<>();
    try (InputStream in =
            new GZIPInputStream(new BufferedInputStream(Files.newInputStream(bundle)));
        TarArchiveInputStream tar = new TarArchiveInputStream(in)) {
      for (TarArchiveEntry e = tar.getNextEntry(); e != null; e = tar.getNextEntry()) {
        String name =
            e.getName().substring(e.getName().indexOf('/') + 1); // without epiwatch-<version>/
        if (name.equals("jobs/bench")
            || (name.startsWith("lib/") && isToolEntry(name.substring(4)))) found.add(name);
      }
    }
    assertEquals(
        List.of(), found, bundle + " carries the benchmark or DuckDB (src/assembly/bin.xml)");
    for (String cp : List.of("runtime-classpath.txt", "bundle-classpath.txt")) {
      assertFalse(
          Files.readString(TARGET.resolve(cp), StandardCharsets.UTF_8)
              .toLowerCase(Locale.ROOT)
              .contains("duckdb"),
          "target/" + cp + " lists the DuckDB driver: it must stay test scope");
    }
  }

  @Test
  void theProductCliHasNoBenchSubcommand() {
    assertFalse(
        Main.commandLine(new Main()).getSubcommands().containsKey("bench"),
        "bench is a developer tool with its own main (io.epiwatch.bench.BenchMain), not a product subcommand");
  }
}
