package io.epiwatch.common;

import java.util.Arrays;

/**
 * Exposure category of a trip (docs/rules.md §4.6), highest first; {@code policy.monitoring-days}
 * has one entry per category. The Chinese label is the one the briefing shows
 * (reports/briefing_zh.properties {@code category.<code>}; a test keeps them equal).
 */
public enum ExposureCategory implements Coded {
  ABROAD("境外"),
  HIGH("高风险地区"),
  MEDIUM("中风险地区"),
  OUT_OF_PROVINCE("省外低风险"),
  IN_PROVINCE("省内");

  private final String label;

  ExposureCategory(String label) {
    this.label = label;
  }

  /** The Chinese label. */
  public String label() {
    return label;
  }

  /** Categories that come from a risk area or abroad (the briefing's risk-area view). */
  public boolean riskArea() {
    return this == ABROAD || this == HIGH || this == MEDIUM;
  }

  /** Whether a stored category code is {@link #riskArea} (false for null and unknown codes). */
  public static boolean isRiskArea(String code) {
    return Coded.find(ExposureCategory.class, code).map(ExposureCategory::riskArea).orElse(false);
  }

  public static ExposureCategory of(String code) {
    return Coded.of(ExposureCategory.class, code);
  }

  /**
   * Match type of a high or medium category: the destination lies in the area, or the area in the
   * destination.
   */
  public enum MatchType implements Coded {
    DIRECT,
    POSSIBLE;
  }

  /** The ranks of a trip, 1 (highest) to 7: category and match type in one place. */
  public enum Rank {
    ABROAD(1, ExposureCategory.ABROAD, null),
    HIGH_DIRECT(2, HIGH, MatchType.DIRECT),
    HIGH_POSSIBLE(3, HIGH, MatchType.POSSIBLE),
    MEDIUM_DIRECT(4, MEDIUM, MatchType.DIRECT),
    MEDIUM_POSSIBLE(5, MEDIUM, MatchType.POSSIBLE),
    OUT_OF_PROVINCE(6, ExposureCategory.OUT_OF_PROVINCE, null),
    IN_PROVINCE(7, ExposureCategory.IN_PROVINCE, null);

    private final int rank;
    private final ExposureCategory category;
    private final MatchType match;

    Rank(int rank, ExposureCategory category, MatchType match) {
      this.rank = rank;
      this.category = category;
      this.match = match;
    }

    public int rank() {
      return rank;
    }

    public ExposureCategory category() {
      return category;
    }

    /** Null for abroad, out_of_province and in_province. */
    public MatchType match() {
      return match;
    }

    public static Rank of(int rank) {
      return Arrays.stream(values())
          .filter(r -> r.rank == rank)
          .findFirst()
          .orElseThrow(
              () ->
                  new IllegalArgumentException(
                      "no exposure rank " + rank + ", allowed options: 1..7"));
    }
  }
}
