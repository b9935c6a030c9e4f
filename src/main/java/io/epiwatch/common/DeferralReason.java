package io.epiwatch.common;

/**
 * Why a roster person is kept from returning at a term start (暂缓返校, docs/rules.md §4.11, {@code
 * gold.return_deferrals.reason}). Every reason that applies is listed; any reason that {@link
 * #defers()} makes the person deferred.
 */
public enum DeferralReason implements Coded {
  /** An abroad stay overlapping the look-back window [S - lookback, min(S, D)], or ongoing on D. */
  ABROAD_14D(true),
  /** A stay overlapping the window and a high/medium period of an area it lies in (direct). */
  RISK_AREA_14D(true),
  /**
   * The same with a possible match only (the area lies in the destination): listed, not counted.
   */
  RISK_AREA_REVIEW(false),
  /** A trip ongoing on D, evaluated from S - 1 on. */
  STILL_AWAY(true),
  /** A returned trip whose monitoring (days of its category) is not over on S. */
  IN_MONITORING_AT_START(true),
  /** Fever or cough with onset in the window, not cleared by a followed-up other diagnosis. */
  SYMPTOMS_14D(true),
  /** A household member linked to the student has abroad_14d or risk_area_14d. */
  HOUSEHOLD_EXPOSURE(true),
  /** The school's district lies in a high/medium area on D: every person of the school. */
  SCHOOL_IN_RISK_AREA(true);

  private final boolean defers;

  DeferralReason(boolean defers) {
    this.defers = defers;
  }

  /** The reason makes the person deferred (all but risk_area_review, which is listed only). */
  public boolean defers() {
    return defers;
  }

  public static DeferralReason of(String code) {
    return Coded.of(DeferralReason.class, code);
  }
}
