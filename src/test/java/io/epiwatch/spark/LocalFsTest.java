package io.epiwatch.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.FileNotFoundException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The in-process local file system behaves as Hadoop's for what the jobs do (no Spark started). */
class LocalFsTest {
  @TempDir java.nio.file.Path dir;

  private static Configuration conf() {
    Configuration c = new Configuration(false);
    c.set(LocalFs.FS_IMPL, LocalFs.FileSystem.class.getName());
    c.set(LocalFs.ABSTRACT_FS_IMPL, LocalFs.AbstractFs.class.getName());
    c.setBoolean("fs.file.impl.disable.cache", true);
    return c;
  }

  @Test
  void filesAreCreatedWithTheRequestedPermissionAndAChecksum() throws Exception {
    FileSystem fs = FileSystem.get(dir.toUri(), conf());
    assertInstanceOf(LocalFs.FileSystem.class, fs);
    Path p = new Path(dir.toUri().toString(), "part-0.parquet");
    try (FSDataOutputStream out =
        fs.create(p, new FsPermission((short) 0640), true, 4096, (short) 1, 1 << 20, null)) {
      out.write("rows".getBytes(StandardCharsets.UTF_8));
    }
    assertEquals(
        "rw-r-----",
        PosixFilePermissions.toString(
            Files.getPosixFilePermissions(dir.resolve("part-0.parquet"))));
    assertTrue(
        Files.exists(dir.resolve(".part-0.parquet.crc")),
        "Hadoop's checksum file is still written");
    fs.setPermission(p, new FsPermission((short) 0600));
    assertEquals(
        "rw-------",
        PosixFilePermissions.toString(
            Files.getPosixFilePermissions(dir.resolve("part-0.parquet"))));
    assertEquals(new FsPermission((short) 0600), fs.getFileStatus(p).getPermission());
  }

  @Test
  void renamesThroughFileContextAsDeltaCommitsDo() throws Exception {
    FileContext fc = FileContext.getFileContext(dir.toUri(), conf());
    Path tmp = new Path(dir.toUri().toString(), ".00000.json.tmp");
    Path commit = new Path(dir.toUri().toString(), "00000.json");
    try (FSDataOutputStream out =
        fc.create(tmp, java.util.EnumSet.of(org.apache.hadoop.fs.CreateFlag.CREATE))) {
      out.write("{}".getBytes(StandardCharsets.UTF_8));
    }
    fc.rename(tmp, commit, Options.Rename.NONE);
    assertArrayEquals(
        "{}".getBytes(StandardCharsets.UTF_8), Files.readAllBytes(dir.resolve("00000.json")));
    assertFalse(Files.exists(dir.resolve(".00000.json.tmp")));
    // A second commit of the same version must fail, as Delta's log store relies on.
    Path again = new Path(dir.toUri().toString(), ".again.tmp");
    fc.create(again, java.util.EnumSet.of(org.apache.hadoop.fs.CreateFlag.CREATE)).close();
    assertThrows(
        org.apache.hadoop.fs.FileAlreadyExistsException.class,
        () -> fc.rename(again, commit, Options.Rename.NONE));
  }

  @Test
  void symbolicLinksAndMissingPathsAreReportedAsHadoopDoes() throws Exception {
    Files.writeString(dir.resolve("target.txt"), "x");
    Files.createSymbolicLink(dir.resolve("link.txt"), dir.resolve("target.txt"));
    Configuration stock =
        new Configuration(); // with Hadoop's core-default.xml: its own local file system
    stock.setBoolean("fs.file.impl.disable.cache", true);
    for (String name : new String[] {"link.txt", "target.txt"}) {
      Path p = new Path(dir.toUri().toString(), name);
      org.apache.hadoop.fs.FileStatus ours =
          FileContext.getFileContext(dir.toUri(), conf()).getFileLinkStatus(p);
      org.apache.hadoop.fs.FileStatus hadoop =
          FileContext.getFileContext(dir.toUri(), stock).getFileLinkStatus(p);
      assertEquals(hadoop.isSymlink(), ours.isSymlink(), name);
      assertEquals(hadoop.getLen(), ours.getLen(), name);
      assertEquals(hadoop.getPath(), ours.getPath(), name);
    }
    assertThrows(
        FileNotFoundException.class,
        () ->
            FileContext.getFileContext(dir.toUri(), conf())
                .getFileLinkStatus(new Path(dir.toUri().toString(), "missing.txt")));
  }
}
