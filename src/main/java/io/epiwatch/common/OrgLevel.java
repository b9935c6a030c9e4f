package io.epiwatch.common;

/** Levels of the organisation roll-up ({@code org_level} of the gold tables), lowest first. */
public enum OrgLevel implements Coded {
  SCHOOL("school"),
  DISTRICT("district"),
  CITY("city"),
  /** Only when the schools span several cities. */
  PROVINCE("province");

  private final String code;

  OrgLevel(String code) {
    this.code = code;
  }

  @Override
  public String code() {
    return code;
  }

  public static OrgLevel of(String code) {
    return Coded.of(OrgLevel.class, code);
  }
}
