package io.epiwatch.common;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.util.Optional;

/**
 * GB 11643-1999 resident identity numbers: 17 digits (6-digit division code, 8-digit birth date,
 * 3-digit sequence whose parity gives the sex) and an ISO 7064 MOD 11-2 check character.
 * docs/rules.md §7: the number is upper-cased before the check, and any malformed number is
 * invalid.
 */
public final class ResidentId {
  private static final int[] WEIGHTS = {7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2};
  private static final char[] CHECK = {'1', '0', 'X', '9', '8', '7', '6', '5', '4', '3', '2'};
  private static final DateTimeFormatter BIRTH =
      DateTimeFormatter.ofPattern("uuuuMMdd").withResolverStyle(ResolverStyle.STRICT);

  private ResidentId() {}

  /** The check character for the first 17 digits. */
  public static char checkChar(CharSequence first17) {
    int sum = 0;
    for (int i = 0; i < 17; i++) {
      sum += (first17.charAt(i) - '0') * WEIGHTS[i];
    }
    return CHECK[sum % 11];
  }

  /** Upper-cases and trims; null stays null. */
  public static String normalize(String id) {
    return id == null ? null : id.trim().toUpperCase(java.util.Locale.ROOT);
  }

  /**
   * True when the (normalized) number has 17 digits, a real birth date and the right check
   * character.
   */
  public static boolean isValid(String raw) {
    String id = normalize(raw);
    if (id == null || id.length() != 18) return false;
    for (int i = 0; i < 17; i++) {
      if (id.charAt(i) < '0' || id.charAt(i) > '9') return false;
    }
    if (birthDate(id).isEmpty()) return false;
    return id.charAt(17) == checkChar(id);
  }

  /** Birth date encoded in positions 7-14, if it is a real date. */
  public static Optional<LocalDate> birthDate(String raw) {
    String id = normalize(raw);
    if (id == null || id.length() != 18) return Optional.empty();
    try {
      return Optional.of(LocalDate.parse(id.substring(6, 14), BIRTH));
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  /** "male" when the 17th digit is odd, else "female". */
  public static String sex(String raw) {
    String id = normalize(raw);
    return ((id.charAt(16) - '0') % 2 == 1) ? "male" : "female";
  }

  /**
   * Builds a valid number from a division code, birth date and 3-digit sequence (generator, tests).
   */
  public static String build(String division6, LocalDate birth, int sequence) {
    String first17 =
        division6
            + birth.format(DateTimeFormatter.BASIC_ISO_DATE)
            + String.format("%03d", sequence % 1000);
    return first17 + checkChar(first17);
  }
}
