package io.epiwatch.common;

/**
 * Flags of {@code ops.data_quality} (docs/rules.md §2.9): records that load and count but deserve a
 * look.
 */
public enum QualityFlag implements Coded {
  ZERO_REPORT_CONTRADICTION("a zero report (零报告) with illness absences or cases"),
  LINE_LIST_COUNT_MISMATCH("illness absences of a daily report differ from its line-list rows"),
  INTERVAL_TOO_SHORT(
      "a dose given sooner after the previous one than the product's minimum interval"),
  MISSING_PRIOR_DOSE("a dose n > 1 whose dose n-1 is not on file"),
  NOT_ON_ROSTER("a vaccinated person in no roster row");

  private final String meaning;

  QualityFlag(String meaning) {
    this.meaning = meaning;
  }

  /** The stored code: the constant's name. */
  @Override
  public String code() {
    return name();
  }

  public String meaning() {
    return meaning;
  }

  public static QualityFlag of(String code) {
    return Coded.of(QualityFlag.class, code);
  }
}
