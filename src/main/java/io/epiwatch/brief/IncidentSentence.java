package io.epiwatch.brief;

import io.epiwatch.common.IncidentPeriod;
import io.epiwatch.common.IncidentType;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;

/**
 * The seed's safety-incident sentence (S1: "发生学生意外死亡事件9起，死亡13人（其中，溺亡事件4起、死亡6人，…，食品安全1起、涉及学生9人）"),
 * as the briefing's section "安全事件" prints it (docs/rules.md §4.9). Pure text: the counts of one
 * period come in, the sentence goes out. Types with a death event are listed first (death events
 * and deaths), then types whose incidents had no death (incidents and students involved), each
 * group in the order of {@link IncidentType}; a type with both lists only its death events here.
 */
public final class IncidentSentence {
  private IncidentSentence() {}

  /** The counts of one incident type in one period (gold.safety_incidents_summary). */
  public record TypeCounts(
      IncidentType type, long events, long deathEvents, long deaths, long studentsInvolved) {}

  /** "今年以来", "近30日", "去年同期": how the sentence opens for a period. */
  public static String zhOpening(IncidentPeriod p) {
    return switch (p) {
      case YTD -> "今年以来";
      case LAST_30D -> "近30日";
      case SAME_PERIOD_LAST_YEAR -> "去年同期";
    };
  }

  /**
   * "今年以来发生学生意外死亡事件9起，死亡13人（其中，溺亡事件4起、死亡6人，…，食品安全1起、涉及学生9人）。" The parenthesis is left out when no
   * type has an incident.
   */
  public static String zh(IncidentPeriod p, long deathEvents, long deaths, List<TypeCounts> types) {
    StringBuilder s =
        new StringBuilder(zhOpening(p))
            .append("发生学生意外死亡事件")
            .append(deathEvents)
            .append("起，死亡")
            .append(deaths)
            .append("人");
    List<String> parts = new ArrayList<>();
    for (TypeCounts t : fatal(types))
      parts.add(t.type().label() + t.deathEvents() + "起、死亡" + t.deaths() + "人");
    for (TypeCounts t : nonFatal(types))
      parts.add(t.type().label() + t.events() + "起、涉及学生" + t.studentsInvolved() + "人");
    if (!parts.isEmpty()) s.append("（其中，").append(String.join("，", parts)).append("）");
    return s.append("。").toString();
  }

  /** The English briefing's sentence with the same counts. */
  public static String en(IncidentPeriod p, long deathEvents, long deaths, List<TypeCounts> types) {
    String opening =
        switch (p) {
          case YTD -> "Since the start of the year";
          case LAST_30D -> "In the last 30 days";
          case SAME_PERIOD_LAST_YEAR -> "In the same period last year";
        };
    StringBuilder s =
        new StringBuilder(opening)
            .append(
                String.format(
                    Locale.ROOT,
                    ": %s with student deaths, %s",
                    n(deathEvents, "incident"),
                    n(deaths, "death")));
    List<String> parts = new ArrayList<>();
    for (TypeCounts t : fatal(types))
      parts.add(
          t.type().english()
              + " "
              + n(t.deathEvents(), "incident")
              + ", "
              + n(t.deaths(), "death"));
    for (TypeCounts t : nonFatal(types))
      parts.add(
          t.type().english()
              + " "
              + n(t.events(), "incident")
              + ", "
              + t.studentsInvolved()
              + " students involved");
    if (!parts.isEmpty()) s.append(" (").append(String.join("; ", parts)).append(")");
    return s.append(".").toString();
  }

  private static List<TypeCounts> fatal(List<TypeCounts> types) {
    return types.stream()
        .filter(t -> t.deathEvents() > 0)
        .sorted(Comparator.comparing(TypeCounts::type))
        .toList();
  }

  private static List<TypeCounts> nonFatal(List<TypeCounts> types) {
    return types.stream()
        .filter(t -> t.deathEvents() == 0 && t.events() > 0)
        .sorted(Comparator.comparing(TypeCounts::type))
        .toList();
  }

  private static String n(long count, String noun) {
    return count + " " + noun + (count == 1 ? "" : "s");
  }
}
