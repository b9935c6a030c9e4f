package io.epiwatch.common;

/**
 * What ingest did with one inbox file (ops.ingest_manifest.status, docs/rules.md §1.5): the file's
 * rows went to bronze and quarantine, or the file was refused whole.
 */
public enum ManifestStatus implements Coded {
  /** Read: its good rows are in bronze, its bad rows in ops.quarantine. */
  LOADED,
  /**
   * Refused whole (empty, unreadable, wrong encoding, a required column missing): nothing loaded.
   */
  REJECTED;

  public static ManifestStatus of(String code) {
    return Coded.of(ManifestStatus.class, code);
  }
}
