package io.epiwatch.common;

import java.util.List;

/**
 * How an inspection was made (检查方式, docs/rules.md §2.11): the code stored in silver.inspections,
 * the Chinese spellings an extract may use (the seed's: 常规检查, 暗访暗查, 明察暗访, 自查自纠, 复查).
 */
public enum InspectionMode implements Coded {
  ROUTINE(List.of("常规检查", "常规", "明察", "督导检查"), "常规检查"),
  UNANNOUNCED(List.of("暗访", "暗访暗查", "明察暗访", "四不两直"), "暗访"),
  SELF_CHECK(List.of("自查", "自查自纠"), "自查"),
  REVIEW(List.of("复查", "回头看"), "复查");

  private final List<String> chinese;
  private final String label;

  InspectionMode(List<String> chinese, String label) {
    this.chinese = chinese;
    this.label = label;
  }

  /** The Chinese spellings an extract may use (the first is the contract's). */
  public List<String> chinese() {
    return chinese;
  }

  /** The mode as the briefing and the ledger name it. */
  public String label() {
    return label;
  }

  public static InspectionMode of(String code) {
    return Coded.of(InspectionMode.class, code);
  }
}
