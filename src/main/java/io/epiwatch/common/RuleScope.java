package io.epiwatch.common;

/**
 * What a cluster rule counts over (docs/rules.md §4.4; {@code
 * epiwatch.policy.cluster.rules[].scope}).
 */
public enum RuleScope implements Coded {
  /** Pupils with a grade and class, per class. */
  CLASS,
  /** Everyone of the school. */
  SCHOOL,
  /**
   * Pupils with a dormitory (the case row's, else the roster's), per school and dormitory, whatever
   * their class.
   */
  DORMITORY;

  public static RuleScope of(String code) {
    return Coded.of(RuleScope.class, code);
  }
}
