package io.epiwatch.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PersonKeysTest {
  private final PersonKeys keys = new PersonKeys("s3cret".getBytes(StandardCharsets.UTF_8));

  @Test
  void theKeyIsTheHmacOfTypeColonUpperCasedTrimmedNumber() {
    // Independently computed: printf 'resident_id:11010519491231002X' | openssl dgst -sha256 -hmac
    // s3cret
    assertEquals(
        "a5635bb6e152fdbe3dd2cc774bb9e5348f8f77e8a1a3e42765ba3886f13937f4",
        keys.key("resident_id", "11010519491231002X"));
    assertEquals(
        keys.key("resident_id", "11010519491231002X"),
        keys.key("resident_id", " 11010519491231002x "));
    assertEquals(64, keys.key("resident_id", "11010519491231002X").length());
  }

  @Test
  void typeAndSecretChangeTheKey() {
    assertNotEquals(keys.key("resident_id", "E12345678"), keys.key("passport", "E12345678"));
    assertNotEquals(
        keys.key("passport", "E12345678"),
        new PersonKeys("other".getBytes(StandardCharsets.UTF_8)).key("passport", "E12345678"));
  }

  @Test
  void noNumberNoKey() {
    assertNull(keys.key("resident_id", null));
  }
}
