package io.epiwatch.common;

/**
 * What a row of gold.exposure_by_area counts (docs/rules.md §4.6.1): persons who stayed in an
 * official risk area (silver.risk_areas, high or medium) or in a focus area of the policy
 * (policy.focus-areas). The "all areas" row has no kind (null).
 */
public enum AreaKind implements Coded {
  RISK_AREA("risk_area"),
  FOCUS_AREA("focus_area");

  private final String code;

  AreaKind(String code) {
    this.code = code;
  }

  @Override
  public String code() {
    return code;
  }

  public static AreaKind of(String code) {
    return Coded.of(AreaKind.class, code);
  }
}
