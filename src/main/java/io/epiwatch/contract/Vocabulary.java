package io.epiwatch.contract;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** A closed set of codes with their accepted spellings (English code, Chinese aliases). */
public final class Vocabulary implements java.io.Serializable {
  private final String name;
  private final Map<String, String> byAlias = new LinkedHashMap<>();
  private final Map<String, List<String>> aliases = new LinkedHashMap<>();

  private Vocabulary(String name) {
    this.name = name;
  }

  /** {@code of("sex", "male", List.of("男", "m"), "female", List.of("女", "f"))}. */
  public static Vocabulary of(String name, Object... codeAndAliases) {
    Vocabulary v = new Vocabulary(name);
    for (int i = 0; i < codeAndAliases.length; i += 2) {
      String code = (String) codeAndAliases[i];
      @SuppressWarnings("unchecked")
      List<String> as = (List<String>) codeAndAliases[i + 1];
      v.aliases.put(code, List.copyOf(as));
      v.byAlias.put(key(code), code);
      for (String a : as) v.byAlias.put(key(a), code);
    }
    return v;
  }

  public String name() {
    return name;
  }

  /** The code for a spelling (case-insensitive, trimmed), if any. */
  public Optional<String> lookup(String text) {
    return text == null ? Optional.empty() : Optional.ofNullable(byAlias.get(key(text)));
  }

  public List<String> codes() {
    return List.copyOf(aliases.keySet());
  }

  /**
   * Every accepted spelling, trimmed and lower-cased as {@link #lookup} compares it, with its code.
   */
  public Map<String, String> spellings() {
    return java.util.Collections.unmodifiableMap(byAlias);
  }

  /** The Chinese (first) alias of a code, for writers of Chinese files. */
  public String chinese(String code) {
    List<String> as = aliases.get(code);
    return as == null || as.isEmpty() ? code : as.get(0);
  }

  private static String key(String s) {
    return s.trim().toLowerCase(Locale.ROOT);
  }

  @Override
  public String toString() {
    return name + aliases.keySet();
  }
}
