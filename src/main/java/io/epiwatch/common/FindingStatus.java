package io.epiwatch.common;

/**
 * The state of an inspection finding on a date (gold.rectification_ledger.status, docs/rules.md
 * §4.10).
 */
public enum FindingStatus implements Coded {
  /** Not rectified on the date (rectified_date null or later) and not past its deadline. */
  OPEN("未整改", "open"),
  /** Not rectified on the date and its deadline is before the date. */
  OVERDUE("逾期未整改", "overdue"),
  /** Rectified on or before the date, by the deadline (or without one). */
  RECTIFIED_ON_TIME("按期整改", "rectified on time"),
  /** Rectified on or before the date, after the deadline. */
  RECTIFIED_LATE("逾期整改", "rectified late");

  private final String label;
  private final String english;

  FindingStatus(String label, String english) {
    this.label = label;
    this.english = english;
  }

  public String label() {
    return label;
  }

  public String english() {
    return english;
  }

  /** Open or overdue: what the rectification workbook lists. */
  public boolean open() {
    return this == OPEN || this == OVERDUE;
  }

  public static FindingStatus of(String code) {
    return Coded.of(FindingStatus.class, code);
  }
}
