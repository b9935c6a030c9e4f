package io.epiwatch.common;

/**
 * Masks personal data for anything a person other than restricted staff may see (docs/rules.md §1).
 */
public final class Masking {
  private Masking() {}

  /** 张三 -> 张*, 张小三 -> 张*三, 欧阳小明 -> 欧**明; Latin names keep first and last letter. */
  public static String maskName(String name) {
    if (name == null) return null;
    String n = name.trim();
    int len = n.codePointCount(0, n.length());
    if (len <= 1) return n.isEmpty() ? n : "*";
    int[] cps = n.codePoints().toArray();
    StringBuilder b = new StringBuilder().appendCodePoint(cps[0]);
    if (len == 2) return b.append('*').toString();
    for (int i = 1; i < len - 1; i++) b.append('*');
    return b.appendCodePoint(cps[len - 1]).toString();
  }

  /** Keeps the first 6 and last 4 characters of an ID number: 110101********123X. */
  public static String maskId(String id) {
    if (id == null) return null;
    String s = id.trim();
    if (s.length() <= 4) return "*".repeat(s.length());
    if (s.length() <= 10) return "*".repeat(s.length() - 4) + s.substring(s.length() - 4);
    return s.substring(0, 6) + "*".repeat(s.length() - 10) + s.substring(s.length() - 4);
  }
}
