package io.epiwatch.ops;

/**
 * Thrown when another run holds the warehouse lock ({@link WarehouseLock}); the CLI exits with code
 * 3 on it.
 */
public final class LockedException extends RuntimeException {
  public LockedException(String message) {
    super(message);
  }
}
