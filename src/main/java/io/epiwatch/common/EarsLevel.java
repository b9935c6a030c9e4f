package io.epiwatch.common;

/**
 * The level of a district EARS-C2 day (docs/rules.md §4.4.2; gold.district_ears.level), in the two
 * levels of ESSENCE: a day whose z reaches neither level has none (null).
 */
public enum EarsLevel implements Coded {
  /** z above {@code epiwatch.policy.cluster.district-ears.warning} (and not above alert). */
  WARNING,
  /** z above {@code epiwatch.policy.cluster.district-ears.alert}; only this level is briefed. */
  ALERT;

  public static EarsLevel of(String code) {
    return Coded.of(EarsLevel.class, code);
  }
}
