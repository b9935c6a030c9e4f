package io.epiwatch.ingest;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.ResolverStyle;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Text forms of docs/rules.md §1.3: dates, timestamps, integers. Empty input = empty. */
final class Values {
  private Values() {}

  private static final DateTimeFormatter BASIC =
      DateTimeFormatter.ofPattern("uuuuMMdd").withResolverStyle(ResolverStyle.STRICT);
  private static final Pattern YMD = Pattern.compile("(\\d{4})[-/](\\d{1,2})[-/](\\d{1,2})");
  private static final Pattern TS =
      Pattern.compile("(\\d{4})[-/](\\d{1,2})[-/](\\d{1,2})[ T](\\d{1,2}):(\\d{2})(?::(\\d{2}))?");

  /** yyyy-MM-dd, yyyy/M/d (and yyyy-M-d) or yyyyMMdd; a real calendar date. */
  static Optional<LocalDate> date(String s) {
    try {
      if (s.length() == 8 && s.chars().allMatch(Character::isDigit))
        return Optional.of(LocalDate.parse(s, BASIC));
      Matcher m = YMD.matcher(s);
      if (!m.matches()) return Optional.empty();
      return Optional.of(
          LocalDate.of(
              Integer.parseInt(m.group(1)),
              Integer.parseInt(m.group(2)),
              Integer.parseInt(m.group(3))));
    } catch (java.time.DateTimeException e) {
      return Optional.empty();
    }
  }

  /** yyyy-MM-dd HH:mm[:ss] (also with / separators), local time. */
  static Optional<LocalDateTime> timestamp(String s) {
    Matcher m = TS.matcher(s);
    if (!m.matches()) return Optional.empty();
    try {
      return Optional.of(
          LocalDateTime.of(
              Integer.parseInt(m.group(1)),
              Integer.parseInt(m.group(2)),
              Integer.parseInt(m.group(3)),
              Integer.parseInt(m.group(4)),
              Integer.parseInt(m.group(5)),
              m.group(6) == null ? 0 : Integer.parseInt(m.group(6))));
    } catch (java.time.DateTimeException e) {
      return Optional.empty();
    }
  }

  /** An integer, allowing a trailing ".0" as spreadsheets write it. */
  static Optional<Long> integer(String s) {
    String t = s.endsWith(".0") ? s.substring(0, s.length() - 2) : s;
    try {
      return Optional.of(Long.parseLong(t));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
