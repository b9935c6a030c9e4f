package io.epiwatch.common;

/**
 * What a cluster rule counts over (docs/rules.md §4.4; {@code
 * epiwatch.policy.cluster.rules[].scope}).
 */
public enum RuleScope implements Coded {
  /** Pupils with a grade and class, per class. */
  CLASS("class"),
  /** Everyone of the school. */
  SCHOOL("school");

  private final String code;

  RuleScope(String code) {
    this.code = code;
  }

  @Override
  public String code() {
    return code;
  }

  public static RuleScope of(String code) {
    return Coded.of(RuleScope.class, code);
  }
}
