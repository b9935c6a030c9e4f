package io.epiwatch.ops;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One writer per warehouse: {@code <warehouse>/_lock} is created atomically (create without
 * overwrite) and holds "host pid started-at job". A second run is refused with a message naming the
 * holder. A lock left by a killed run is stale when it names this host and its process no longer
 * exists; it is then taken over (the crashed run's work is idempotent to redo). Readers (analysts,
 * jobs/sql) never take the lock: Delta gives them snapshot isolation.
 */
public final class WarehouseLock implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(WarehouseLock.class);

  private final FileSystem fs;
  private final Path path;

  private WarehouseLock(FileSystem fs, Path path) {
    this.fs = fs;
    this.path = path;
  }

  public static WarehouseLock acquire(
      String warehouse, Configuration hadoop, String job, Clock clock) {
    Path p = new Path(warehouse, "_lock");
    try {
      FileSystem fs = p.getFileSystem(hadoop);
      fs.mkdirs(p.getParent());
      String me =
          host() + " " + ProcessHandle.current().pid() + " " + Instant.now(clock) + " " + job;
      for (int attempt = 0; attempt < 2; attempt++) {
        try (FSDataOutputStream out = fs.create(p, false)) {
          out.write(me.getBytes(StandardCharsets.UTF_8));
          return new WarehouseLock(fs, p);
        } catch (org.apache.hadoop.fs.FileAlreadyExistsException e) {
          String holder = read(fs, p);
          if (attempt == 0 && isStale(holder)) {
            LOG.warn(
                "Recovering stale warehouse lock {} left by a process that no longer runs: {}",
                p,
                holder);
            fs.delete(p, false);
            continue;
          }
          throw new LockedException(
              "warehouse "
                  + warehouse
                  + " is locked by another run ("
                  + holder
                  + "); if no such run exists, remove "
                  + p);
        }
      }
      throw new LockedException("warehouse " + warehouse + ": could not take the lock " + p);
    } catch (IOException e) {
      throw new UncheckedIOException("warehouse " + warehouse + ": cannot create lock " + p, e);
    }
  }

  /** Stale = written on this host by a process id that is no longer alive. */
  static boolean isStale(String holder) {
    String[] parts = holder.split(" ");
    if (parts.length < 2 || !parts[0].equals(host())) return false;
    try {
      long pid = Long.parseLong(parts[1]);
      Optional<ProcessHandle> h = ProcessHandle.of(pid);
      return h.isEmpty() || !h.get().isAlive();
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static String read(FileSystem fs, Path p) throws IOException {
    try (var in = fs.open(p)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8).trim();
    } catch (java.io.FileNotFoundException e) {
      return "";
    }
  }

  private static String host() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return ManagementFactory.getRuntimeMXBean().getName();
    }
  }

  @Override
  public void close() {
    try {
      fs.delete(path, false);
    } catch (IOException e) {
      LOG.warn("could not remove warehouse lock {}: {}", path, e.getMessage());
    }
  }
}
