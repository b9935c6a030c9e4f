package io.epiwatch.common;

/** Levels of the organisation roll-up ({@code org_level} of the gold tables), lowest first. */
public enum OrgLevel implements Coded {
  SCHOOL,
  DISTRICT,
  CITY,
  /** Only when the schools span several cities. */
  PROVINCE;

  public static OrgLevel of(String code) {
    return Coded.of(OrgLevel.class, code);
  }

  /**
   * The city of a district: the first four digits of its 6-digit division code + 00 (330102 →
   * 330100; docs/rules.md §2.1, §7.2).
   */
  public static String cityOf(String districtCode) {
    return districtCode.substring(0, 4) + "00";
  }
}
