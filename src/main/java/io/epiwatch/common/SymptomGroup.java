package io.epiwatch.common;

/**
 * Symptom group of a line-list row, computed in silver (docs/rules.md §2.4); the declaration order
 * is the order of the rules, first match wins.
 */
public enum SymptomGroup implements Coded {
  RASH,
  PAROTITIS,
  CONJUNCTIVITIS,
  GI,
  ILI,
  FEVER,
  RESPIRATORY,
  OTHER;

  public static SymptomGroup of(String code) {
    return Coded.of(SymptomGroup.class, code);
  }
}
