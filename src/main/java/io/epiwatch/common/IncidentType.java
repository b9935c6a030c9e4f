package io.epiwatch.common;

import java.util.List;

/**
 * The type of a safety incident (安全事件, docs/rules.md §2, §4.9): the code stored in
 * silver.safety_incidents and gold.safety_incidents_summary, the Chinese spellings an extract may
 * use instead, and the label the briefing sentence gives it (the seed's own: "溺亡事件", "道路交通事故",
 * "食品安全").
 */
public enum IncidentType implements Coded {
  DROWNING(List.of("溺亡", "溺水"), "溺亡事件", "drowning"),
  SUICIDE(List.of("自杀"), "自杀事件", "suicide"),
  TRAFFIC(List.of("道路交通事故", "交通事故"), "道路交通事故", "road traffic"),
  ACCIDENT(List.of("意外事件", "意外"), "意外事件", "accident"),
  FOOD_SAFETY(List.of("食品安全"), "食品安全", "food safety"),
  FIRE(List.of("火灾"), "火灾事故", "fire"),
  CROWD_CRUSH(List.of("拥挤踩踏", "踩踏"), "拥挤踩踏事件", "crowd crush"),
  BULLYING(List.of("校园欺凌", "欺凌"), "校园欺凌事件", "bullying"),
  VIOLENCE(List.of("暴力"), "暴力事件", "violence"),
  BUILDING(List.of("校舍"), "校舍安全事故", "school building"),
  OTHER(List.of("其他"), "其他事件", "other");

  /** The code of the rows of gold.safety_incidents_summary that count every type. */
  public static final String ALL = "all";

  private final List<String> chinese;
  private final String label;
  private final String english;

  IncidentType(List<String> chinese, String label, String english) {
    this.chinese = chinese;
    this.label = label;
    this.english = english;
  }

  /** The Chinese spellings an extract may use (the first is the contract's). */
  public List<String> chinese() {
    return chinese;
  }

  /** The type as the briefing sentence names it ("溺亡事件4起"). */
  public String label() {
    return label;
  }

  /** The type in the English briefing. */
  public String english() {
    return english;
  }

  public static IncidentType of(String code) {
    return Coded.of(IncidentType.class, code);
  }
}
