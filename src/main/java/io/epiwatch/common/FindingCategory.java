package io.epiwatch.common;

import java.util.List;

/**
 * What an inspection finding (问题) is about (docs/rules.md §2.11): the epidemic measures and the
 * hazard screening of the seed (校舍、消防、实验室危化品、特种设备、食品、校车、周边). The label is the briefing's Chinese
 * name.
 */
public enum FindingCategory implements Coded {
  MORNING_CHECK(List.of("晨午检", "晨检"), "晨午检", "morning check"),
  ABSENCE_FOLLOWUP(List.of("因病缺勤追踪", "缺勤追踪"), "因病缺勤追踪", "absence follow-up"),
  DAILY_REPORT(List.of("日报告", "零报告"), "日报告", "daily report"),
  DISINFECTION_VENTILATION(List.of("消毒通风", "通风消毒", "消杀"), "消毒通风", "disinfection and ventilation"),
  ACCESS_CONTROL(List.of("校门管理", "门卫", "封闭管理"), "校门管理", "access control"),
  CANTEEN_COLD_CHAIN(List.of("食堂冷链", "冷链食品", "冷链"), "食堂冷链", "canteen cold chain"),
  GATHERING(List.of("聚集活动", "聚集"), "聚集活动", "gatherings"),
  SUPPLIES(List.of("防疫物资", "物资储备"), "防疫物资", "supplies"),
  PLANS(List.of("应急预案", "预案"), "应急预案", "plans"),
  DRILLS(List.of("应急演练", "演练"), "应急演练", "drills"),
  DUTY(List.of("值班值守", "值班"), "值班值守", "duty"),
  BUILDING(List.of("校舍"), "校舍", "school buildings"),
  FIRE(List.of("消防"), "消防", "fire safety"),
  LAB_CHEMICALS(List.of("实验室危化品", "实验室及危险化学品", "危险化学品"), "实验室危化品", "lab chemicals"),
  SPECIAL_EQUIPMENT(List.of("特种设备"), "特种设备", "special equipment"),
  FOOD(List.of("食品", "食品安全"), "食品安全", "food"),
  SCHOOL_BUS(List.of("校车"), "校车", "school bus"),
  SURROUNDINGS(List.of("校园周边", "周边环境", "周边"), "校园周边", "surroundings"),
  OTHER(List.of("其他"), "其他", "other");

  private final List<String> chinese;
  private final String label;
  private final String english;

  FindingCategory(List<String> chinese, String label, String english) {
    this.chinese = chinese;
    this.label = label;
    this.english = english;
  }

  /** The Chinese spellings an extract may use (the first is the contract's). */
  public List<String> chinese() {
    return chinese;
  }

  /** The category as the Chinese briefing names it. */
  public String label() {
    return label;
  }

  public String english() {
    return english;
  }

  public static FindingCategory of(String code) {
    return Coded.of(FindingCategory.class, code);
  }
}
