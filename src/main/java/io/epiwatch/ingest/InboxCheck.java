package io.epiwatch.ingest;

import io.epiwatch.contract.SourceSpec;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Before ingest reads anything: the inbox must be there. A missing or unreadable inbox folder (a
 * typo, an unmounted share) is an error naming the path, never "no new files"; so is a missing
 * source sub-folder of a source that earlier runs took files from (ops.ingest_manifest). A source
 * never delivered may lack its folder.
 */
final class InboxCheck {
  private InboxCheck() {}

  /**
   * @param delivered the sources earlier runs took files from (ops.ingest_manifest)
   */
  static void check(
      String inbox, List<SourceSpec> sources, Set<String> delivered, Configuration hadoop) {
    requireFolder(inbox, "the inbox folder (--inbox / epiwatch.inbox)", hadoop);
    for (SourceSpec s : sources) {
      if (delivered.contains(s.name())) {
        requireFolder(
            inbox + "/" + s.name(),
            "the inbox folder of source "
                + s.name()
                + ", from which earlier runs took files (ops.ingest_manifest)",
            hadoop);
      }
    }
  }

  private static void requireFolder(String dir, String what, Configuration hadoop) {
    Path p = new Path(dir);
    try {
      FileSystem fs = p.getFileSystem(hadoop);
      FileStatus st = fs.getFileStatus(p);
      if (!st.isDirectory())
        throw new IllegalArgumentException(dir + ": " + what + " is not a folder");
      fs.listStatus(p); // unreadable folders fail here
    } catch (FileNotFoundException e) {
      throw new IllegalArgumentException(
          dir + ": " + what + " does not exist; check the path or the mounted share", e);
    } catch (IOException e) {
      throw new IllegalArgumentException(
          dir + ": " + what + " cannot be read (" + e.getMessage() + ")", e);
    }
  }
}
