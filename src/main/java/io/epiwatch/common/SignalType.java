package io.epiwatch.common;

/**
 * The kinds of case signal (docs/rules.md §4.7, {@code gold.case_signals.signal_type}): what a
 * school reported, what the line list diagnosed, what a nucleic test found.
 */
public enum SignalType implements Coded {
  /** A daily report with confirmed_cases > 0 (persons = that count). */
  REPORT_CONFIRMED(true),
  /** A daily report with suspected_cases > 0. */
  REPORT_SUSPECTED(false),
  /** An episode of illness-absence rows diagnosed covid19, per person. */
  LINE_LIST_COVID19(true),
  /** A positive nucleic test of a traveller, per person and test date. */
  TEST_POSITIVE(true);
  private final boolean confirmed;

  SignalType(boolean confirmed) {
    this.confirmed = confirmed;
  }

  /** Ends a run of zero-confirmed days (days_since_last_confirmed counts from it). */
  public boolean confirmed() {
    return confirmed;
  }

  public static SignalType of(String code) {
    return Coded.of(SignalType.class, code);
  }
}
