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
}
