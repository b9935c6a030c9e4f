package io.epiwatch.common;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * A value of a fixed vocabulary that carries the code stored in the tables and written in conf. The
 * static helpers look a code up among an enum's constants (exact match: codes are stored byte for
 * byte as analysts query them).
 */
public interface Coded {
  /** The constant's name (every implementation is an enum). */
  String name();

  /**
   * The code as stored in the Delta tables and written in conf: by default the constant's name in
   * lower case ({@code RISK_AREA} is stored as {@code risk_area}).
   */
  default String code() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Every code of the enum, in declaration order. */
  static <E extends Enum<E> & Coded> List<String> codes(Class<E> type) {
    return Arrays.stream(type.getEnumConstants()).map(Coded::code).toList();
  }

  /** The constant with this code, if any. */
  static <E extends Enum<E> & Coded> Optional<E> find(Class<E> type, String code) {
    return Arrays.stream(type.getEnumConstants()).filter(e -> e.code().equals(code)).findFirst();
  }

  /**
   * The constant with this code; an IllegalArgumentException naming the code and the allowed ones
   * otherwise.
   */
  static <E extends Enum<E> & Coded> E of(Class<E> type, String code) {
    return find(type, code)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "unknown "
                        + type.getSimpleName()
                        + " '"
                        + code
                        + "', allowed options: "
                        + codes(type)));
  }
}
