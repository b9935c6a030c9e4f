package io.epiwatch.common;

/**
 * Where the response to a cluster alert stands on the run date ({@code
 * gold.cluster_alerts.response_status}, docs/rules.md §4.4.1), from the latest alert_responses row
 * of the alert: closed once closed_at is on or before the end of D, else its verification; no
 * response (or verification pending) is unverified.
 */
public enum ResponseStatus implements Coded {
  UNVERIFIED("未核实"),
  VERIFIED("已核实"),
  /** Verified as not an outbreak: leaves the briefing's active list, stays in gold. */
  DISCARDED("已排除"),
  CLOSED("已结案");

  private final String chinese;

  ResponseStatus(String chinese) {
    this.chinese = chinese;
  }

  /** The label in the Chinese briefing. */
  public String chinese() {
    return chinese;
  }

  /**
   * The status from a response's verification code (verified, discarded, pending or null = no
   * response) and whether it is closed by the end of D.
   */
  public static ResponseStatus of(String verification, boolean closed) {
    if (closed) return CLOSED;
    if ("verified".equals(verification)) return VERIFIED;
    if ("discarded".equals(verification)) return DISCARDED;
    return UNVERIFIED;
  }

  public static ResponseStatus of(String code) {
    return Coded.of(ResponseStatus.class, code);
  }
}
