package io.epiwatch.brief;

import java.util.Comparator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The order in which a school lists its grades and classes, as head teachers read them: 小班, 中班, 大班,
 * 一年级 .. 九年级, 初一 .. 初三, 高一 .. 高三 (also 1年级, 七年级 = 初一), then any other grade by its text; classes by
 * their number (2班 before 10班). Unknown (null) last.
 */
final class ClassOrder {
  private ClassOrder() {}

  private static final String DIGITS = "一二三四五六七八九";
  private static final Pattern YEAR = Pattern.compile("^([0-9]+|[一二三四五六七八九十]+)年级$");
  private static final Pattern STAGE = Pattern.compile("^([初高])([一二三1-3])$");
  private static final Pattern NUMBER = Pattern.compile("([0-9]+)");

  /** Grades: kindergarten, primary, junior and senior years, then other grades by text. */
  static final Comparator<String> GRADE =
      Comparator.nullsLast(
          Comparator.comparingInt(ClassOrder::gradeRank).thenComparing(Comparator.naturalOrder()));

  /** Classes by the first number in the name, then by text. */
  static final Comparator<String> CLASS =
      Comparator.nullsLast(
          Comparator.comparingLong(ClassOrder::classNumber)
              .thenComparing(Comparator.naturalOrder()));

  /** "初一 1班"; the grade or the class alone when the other is unknown; null when both are. */
  static String gradeAndClass(String grade, String className) {
    String g = grade == null ? "" : grade.trim();
    String c = className == null ? "" : className.trim();
    String both = (g + " " + c).trim();
    return both.isEmpty() ? null : both;
  }

  /**
   * Ranks and numbers already read, by text: a city's follow-up list sorts some 200,000 lines, each
   * compared about 18 times, over a few hundred distinct grades and classes. Bounded, in case a
   * long-running process sees unbounded texts.
   */
  private static final int REMEMBERED = 10_000;

  private static final Map<String, Integer> GRADE_RANKS = new ConcurrentHashMap<>();
  private static final Map<String, Long> CLASS_NUMBERS = new ConcurrentHashMap<>();

  private static <V> V remembered(Map<String, V> known, String text, Function<String, V> read) {
    V v = known.get(text);
    if (v != null) return v;
    v = read.apply(text);
    if (known.size() < REMEMBERED) known.put(text, v);
    return v;
  }

  static int gradeRank(String grade) {
    return remembered(GRADE_RANKS, grade, ClassOrder::readGradeRank);
  }

  private static int readGradeRank(String grade) {
    String g = grade.trim();
    switch (g) {
      case "小班":
        return -3;
      case "中班":
        return -2;
      case "大班":
        return -1;
      default:
        break;
    }
    Matcher m = YEAR.matcher(g);
    if (m.matches()) return number(m.group(1));
    m = STAGE.matcher(g);
    if (m.matches()) return (m.group(1).equals("初") ? 6 : 9) + number(m.group(2));
    return Integer.MAX_VALUE;
  }

  /** 3, 三, 十二 -> 3, 3, 12. */
  private static int number(String n) {
    if (n.chars().allMatch(Character::isDigit)) return Integer.parseInt(n);
    if (n.equals("十")) return 10;
    if (n.startsWith("十")) return 10 + DIGITS.indexOf(n.charAt(1)) + 1;
    return DIGITS.indexOf(n.charAt(0)) + 1;
  }

  private static long classNumber(String className) {
    return remembered(CLASS_NUMBERS, className, ClassOrder::readClassNumber);
  }

  private static long readClassNumber(String className) {
    Matcher m = NUMBER.matcher(className);
    return m.find() && m.group(1).length() < 18 ? Long.parseLong(m.group(1)) : Long.MAX_VALUE;
  }
}
