package io.epiwatch.ops;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WarehouseLockTest {
  @TempDir Path wh;

  @Test
  void secondRunIsRefusedWhileTheFirstHoldsTheLock() {
    try (WarehouseLock first =
        WarehouseLock.acquire(wh.toString(), new Configuration(), "run-daily", Clock.systemUTC())) {
      LockedException e =
          assertThrows(
              LockedException.class,
              () ->
                  WarehouseLock.acquire(
                      wh.toString(), new Configuration(), "run-daily", Clock.systemUTC()));
      assertTrue(e.getMessage().contains("locked by another run"), e.getMessage());
    }
    assertFalse(Files.exists(wh.resolve("_lock")), "lock removed on close");
  }

  @Test
  void staleLockOfADeadProcessOnThisHostIsRecovered() throws Exception {
    String host = InetAddress.getLocalHost().getHostName();
    Files.writeString(wh.resolve("_lock"), host + " 999999999 2021-10-05T00:00:00Z run-daily");
    try (WarehouseLock lock =
        WarehouseLock.acquire(wh.toString(), new Configuration(), "run-daily", Clock.systemUTC())) {
      assertTrue(
          Files.readString(wh.resolve("_lock"))
              .contains(" " + ProcessHandle.current().pid() + " "));
    }
  }

  @Test
  void lockOfAnotherHostIsNeverTakenOver() throws Exception {
    Files.writeString(wh.resolve("_lock"), "some-other-host 1 2021-10-05T00:00:00Z run-daily");
    assertThrows(
        LockedException.class,
        () ->
            WarehouseLock.acquire(
                wh.toString(), new Configuration(), "run-daily", Clock.systemUTC()));
  }
}
