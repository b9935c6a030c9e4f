package io.epiwatch.brief;

import java.util.Locale;

/**
 * The seed's sentence for one area (S2: "往来*的教职工有*人(局直学校*人)、学生*人(局直学校*人)、与学生同住亲属*人(局直学校*人)"), as
 * the briefing prints it per area (docs/rules.md §4.6.1). Pure text: the counts come in, the
 * sentence goes out.
 */
public final class AreaSentence {
  private AreaSentence() {}

  /**
   * The persons of one area (or of all areas) in one scope: per person type, all and of directly
   * managed schools (局直); others = contractors and any other type; and the follow-up counts over
   * every person of the area.
   */
  public record Counts(
      long staff,
      long staffDirect,
      long students,
      long studentsDirect,
      long household,
      long householdDirect,
      long others,
      long othersDirect,
      long inMonitoring,
      long missingTest,
      long unapproved) {}

  /**
   * "往来南京市：教职工 12 人（局直学校 3 人）、学生 40 人（局直学校 9 人）、与学生同住亲属 25 人（局直学校 6 人）；健康监测中 30 人，返回后未做核酸 4 人，未报备 2
   * 人。" Contractors and other types, when there are any, follow the household members as "、其他人员 N
   * 人（局直学校 M 人）".
   */
  public static String zh(String area, Counts c) {
    StringBuilder s = new StringBuilder("往来").append(area).append('：');
    s.append(zhGroup("教职工", c.staff(), c.staffDirect())).append('、');
    s.append(zhGroup("学生", c.students(), c.studentsDirect())).append('、');
    s.append(zhGroup("与学生同住亲属", c.household(), c.householdDirect()));
    if (c.others() > 0) s.append('、').append(zhGroup("其他人员", c.others(), c.othersDirect()));
    return s.append("；健康监测中 ")
        .append(c.inMonitoring())
        .append(" 人，返回后未做核酸 ")
        .append(c.missingTest())
        .append(" 人，未报备 ")
        .append(c.unapproved())
        .append(" 人。")
        .toString();
  }

  private static String zhGroup(String who, long n, long direct) {
    return who + " " + n + " 人（局直学校 " + direct + " 人）";
  }

  /** The English briefing's sentence with the same counts. */
  public static String en(String area, Counts c) {
    StringBuilder s = new StringBuilder("Travel to ").append(area).append(": ");
    s.append(enGroup("staff", c.staff(), c.staffDirect())).append(", ");
    s.append(enGroup("students", c.students(), c.studentsDirect())).append(", ");
    s.append(enGroup("household members", c.household(), c.householdDirect()));
    if (c.others() > 0)
      s.append(", ").append(enGroup("other persons", c.others(), c.othersDirect()));
    return s.append(
            String.format(
                Locale.ROOT,
                "; in health monitoring %d, no nucleic test after return %d, not reported %d.",
                c.inMonitoring(),
                c.missingTest(),
                c.unapproved()))
        .toString();
  }

  private static String enGroup(String who, long n, long direct) {
    return who + " " + n + " (" + direct + " in directly managed schools)";
  }
}
