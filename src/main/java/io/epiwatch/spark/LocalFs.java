package io.epiwatch.spark;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.ChecksumFs;
import org.apache.hadoop.fs.DelegateToFileSystem;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FsServerDefaults;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.local.LocalConfigKeys;
import org.apache.hadoop.fs.permission.FsPermission;

/**
 * Hadoop's local file system ({@code file:}) without a child process per file. Without Hadoop's
 * native library, {@link RawLocalFileSystem} runs {@code chmod} for every file it creates and
 * {@code readlink} for every rename (Delta's commits go through FileContext renames): on the sample
 * a run started about 2,900 processes. These classes do the same through java.nio and fall back to
 * Hadoop's own code where java.nio cannot (no POSIX attributes, sticky bits, symbolic links).
 * Installed for {@code file:} by {@link Sessions#configure}; other file systems (HDFS, S3, ...) are
 * untouched. Checksums ({@code .crc}) are kept as Hadoop writes them.
 */
public final class LocalFs {
  private LocalFs() {}

  /** The Hadoop settings that install these classes for {@code file:}. */
  public static final String FS_IMPL = "fs.file.impl";

  public static final String ABSTRACT_FS_IMPL = "fs.AbstractFileSystem.file.impl";

  /** {@code fs.file.impl}: Hadoop's checksummed local file system over {@link Raw}. */
  public static final class FileSystem extends LocalFileSystem {
    public FileSystem() {
      super(new Raw());
    }
  }

  /**
   * {@code fs.AbstractFileSystem.file.impl} (FileContext, used by Delta's log store): checksummed,
   * over {@link Raw}.
   */
  public static final class AbstractFs extends ChecksumFs {
    public AbstractFs(URI uri, Configuration conf) throws IOException, URISyntaxException {
      super(new Delegate(uri, conf));
    }
  }

  /** As Hadoop's {@code RawLocalFs}, whose constructors are not public. */
  static final class Delegate extends DelegateToFileSystem {
    Delegate(URI uri, Configuration conf) throws IOException, URISyntaxException {
      super(uri, new Raw(), conf, "file", false);
    }

    @Override
    public int getUriDefaultPort() {
      return -1;
    }

    @Override
    @SuppressWarnings("deprecation")
    public FsServerDefaults getServerDefaults() throws IOException {
      return LocalConfigKeys.getServerDefaults();
    }

    @Override
    public FsServerDefaults getServerDefaults(Path f) throws IOException {
      return LocalConfigKeys.getServerDefaults();
    }

    @Override
    public boolean isValidName(String src) {
      return true; // any name is valid on a local file system
    }
  }

  /** The raw local file system with chmod and the symbolic-link check done in-process. */
  public static final class Raw extends RawLocalFileSystem {
    @Override
    public void setPermission(Path p, FsPermission permission) throws IOException {
      java.nio.file.Path file = pathToFile(p).toPath();
      if (permission.getStickyBit()
          || !Files.getFileStore(file).supportsFileAttributeView("posix")) {
        super.setPermission(p, permission);
        return;
      }
      Files.setPosixFilePermissions(
          file,
          PosixFilePermissions.fromString(
              permission.getUserAction().SYMBOL
                  + permission.getGroupAction().SYMBOL
                  + permission.getOtherAction().SYMBOL));
    }

    @Override
    public FileStatus getFileLinkStatus(Path f) throws IOException {
      if (Files.isSymbolicLink(pathToFile(f).toPath())) return super.getFileLinkStatus(f);
      return getFileStatus(
          f); // what Hadoop returns for a path that is not a link, without running readlink
    }
  }
}
