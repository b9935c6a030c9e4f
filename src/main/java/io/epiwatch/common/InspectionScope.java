package io.epiwatch.common;

import java.util.List;

/**
 * What an inspection looked at (检查范围, docs/rules.md §2.11, §4.10). Inspections of training
 * institutions (校外培训机构) count in their scope but never in the coverage of schools.
 */
public enum InspectionScope implements Coded {
  EPIDEMIC(List.of("疫情防控", "防疫"), "疫情防控", true),
  SAFETY(List.of("安全", "安全检查", "安全隐患排查"), "安全", true),
  TRAINING_INSTITUTION(List.of("校外培训机构", "培训机构"), "校外培训机构", false);

  /** The scope code of the gold rows that count every scope. */
  public static final String ALL = "all";

  private final List<String> chinese;
  private final String label;
  private final boolean ofSchools;

  InspectionScope(List<String> chinese, String label, boolean ofSchools) {
    this.chinese = chinese;
    this.label = label;
    this.ofSchools = ofSchools;
  }

  /** The Chinese spellings an extract may use (the first is the contract's). */
  public List<String> chinese() {
    return chinese;
  }

  public String label() {
    return label;
  }

  /** Whether its inspections of a school count in the coverage of schools. */
  public boolean ofSchools() {
    return ofSchools;
  }

  public static InspectionScope of(String code) {
    return Coded.of(InspectionScope.class, code);
  }
}
