package io.epiwatch.common;

/**
 * What a row of gold.exposure_by_area counts (docs/rules.md §4.6.1): persons who stayed in an
 * official risk area (silver.risk_areas, high or medium) or in a focus area of the policy
 * (policy.focus-areas). The "all areas" row has no kind (null).
 */
public enum AreaKind implements Coded {
  RISK_AREA,
  FOCUS_AREA;

  public static AreaKind of(String code) {
    return Coded.of(AreaKind.class, code);
  }
}
