package io.epiwatch.common;

/**
 * The configurable encodings of an inbox source ({@code epiwatch.sources.<source>.encoding},
 * docs/rules.md §7). AUTO detects UTF-8 (with or without BOM) or GB18030.
 */
public enum SourceEncoding implements Coded {
  AUTO("auto"),
  UTF_8("UTF-8"),
  GB18030("GB18030"),
  GBK("GBK");

  private final String code;

  SourceEncoding(String code) {
    this.code = code;
  }

  /** The value as written in conf and as a Java charset name (AUTO: "auto"). */
  @Override
  public String code() {
    return code;
  }

  /**
   * Case-insensitive, trimmed, as conf has always been read ("utf-8" and " auto " are accepted).
   */
  public static java.util.Optional<SourceEncoding> lookup(String text) {
    if (text == null) return java.util.Optional.empty();
    String t = text.trim();
    return java.util.Arrays.stream(values()).filter(e -> e.code.equalsIgnoreCase(t)).findFirst();
  }
}
