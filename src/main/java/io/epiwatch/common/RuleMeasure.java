package io.epiwatch.common;

/**
 * What a cluster rule's threshold compares with (docs/rules.md §4.4; {@code
 * epiwatch.policy.cluster.rules[].measure}).
 */
public enum RuleMeasure implements Coded {
  /** Distinct persons with onset in the window; the threshold is a whole number of persons. */
  PERSONS,
  /**
   * Those persons over the unit's denominator on the day; the threshold is a fraction in (0, 1],
   * and the persons must reach the rule's min-persons as well.
   */
  RATE;

  public static RuleMeasure of(String code) {
    return Coded.of(RuleMeasure.class, code);
  }
}
