package io.epiwatch.common;

import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.Locale;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * person_key = hex(HMAC-SHA256(secret, id_type + ':' + upper(trim(id_number)))) (docs/rules.md §1).
 * The secret comes from EPIWATCH_HMAC_SECRET, else the file EPIWATCH_HMAC_SECRET_FILE; the fixed
 * demo secret only when the configuration allows it, with a loud warning.
 */
public final class PersonKeys implements Serializable {
  private static final Logger LOG = LoggerFactory.getLogger(PersonKeys.class);
  static final String DEMO_SECRET = "epiwatch-demo-secret-do-not-use-in-production";

  private final byte[] secret;
  private transient Mac mac;

  public PersonKeys(byte[] secret) {
    this.secret = secret.clone();
  }

  /**
   * The keys of the configured secret (epiwatch.secret: its value, else the file it names), else
   * the fixed demo secret with a loud warning when {@code allowDemoSecret}; an error otherwise.
   */
  public static PersonKeys fromSettings(
      java.util.Optional<String> secretValue,
      java.util.Optional<String> secretFile,
      boolean allowDemoSecret) {
    if (secretValue.isPresent()) {
      return new PersonKeys(secretValue.get().getBytes(StandardCharsets.UTF_8));
    }
    if (secretFile.isPresent()) {
      Path p = Path.of(secretFile.get());
      try {
        return new PersonKeys(
            Files.readString(p, StandardCharsets.UTF_8).strip().getBytes(StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException(
            "EPIWATCH_HMAC_SECRET_FILE " + p + ": cannot read the secret", e);
      }
    }
    if (!allowDemoSecret) {
      throw new IllegalStateException(
          "no HMAC secret: set EPIWATCH_HMAC_SECRET or EPIWATCH_HMAC_SECRET_FILE "
              + "(epiwatch.secret.allow-demo-secret is false)");
    }
    LOG.warn("**************************************************************************");
    LOG.warn("* USING THE FIXED DEMO SECRET FOR person_key. Anyone with this source code *");
    LOG.warn("* can re-identify persons. Set EPIWATCH_HMAC_SECRET (or _FILE) for real   *");
    LOG.warn("* data, and epiwatch.secret.allow-demo-secret = false in production.      *");
    LOG.warn("**************************************************************************");
    return new PersonKeys(DEMO_SECRET.getBytes(StandardCharsets.UTF_8));
  }

  public String key(String idType, String idNumber) {
    if (idNumber == null) return null;
    try {
      if (mac == null) {
        mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret, "HmacSHA256"));
      }
      byte[] h =
          mac.doFinal(
              (idType + ":" + idNumber.trim().toUpperCase(Locale.ROOT))
                  .getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(h);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 unavailable", e);
    }
  }
}
