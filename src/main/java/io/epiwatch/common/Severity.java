package io.epiwatch.common;

import java.util.List;

/** The severity of an inspection finding (问题等级, docs/rules.md §2.11). */
public enum Severity implements Coded {
  HIGH(List.of("高", "严重", "重大")),
  MEDIUM(List.of("中", "一般", "较大")),
  LOW(List.of("低", "轻微"));

  private final List<String> chinese;

  Severity(List<String> chinese) {
    this.chinese = chinese;
  }

  /** The Chinese spellings an extract may use (the first is the contract's). */
  public List<String> chinese() {
    return chinese;
  }

  public static Severity of(String code) {
    return Coded.of(Severity.class, code);
  }
}
