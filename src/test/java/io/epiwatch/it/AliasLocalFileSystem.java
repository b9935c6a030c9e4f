package io.epiwatch.it;

import java.net.URI;
import org.apache.hadoop.fs.RawLocalFileSystem;

/**
 * The local filesystem under a scheme of its own, {@code epitest:///abs/path}. It is registered on
 * purpose nowhere but in one session setting ({@code spark.hadoop.fs.epitest.impl}) and shipped
 * with {@code --jars}, so only code that carries the session's Hadoop configuration can open such a
 * path: executors reading the inbox with a fresh Configuration fail with "No FileSystem for scheme
 * epitest" (ClusterIT).
 */
public class AliasLocalFileSystem extends RawLocalFileSystem {
  public static final String SCHEME = "epitest";
  private static final URI NAME = URI.create(SCHEME + ":///");

  @Override
  public URI getUri() {
    return NAME;
  }

  @Override
  public String getScheme() {
    return SCHEME;
  }
}
