package io.epiwatch.brief;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import io.epiwatch.common.OrgLevel;
import java.time.LocalDate;
import java.util.List;
import java.util.ResourceBundle;
import org.junit.jupiter.api.Test;

/** The briefing's 暂缓返校 section from gold rows (no Spark, docs/rules.md §4.11). */
class DeferralSectionTest {
  static final LocalDate S = LocalDate.of(2021, 10, 8);
  static final Briefing.Org CITY = new Briefing.Org(OrgLevel.CITY, "330100", "杭州市", null);
  static final Briefing.Org SHANGCHENG =
      new Briefing.Org(OrgLevel.DISTRICT, "330102", "上城区", "330100");
  static final Briefing.Org GONGSHU =
      new Briefing.Org(OrgLevel.DISTRICT, "330105", "拱墅区", "330100");
  static final Briefing.Org SCHOOL_B =
      new Briefing.Org(OrgLevel.SCHOOL, "3301050002", "乙校", "330105");

  private static Briefing.Deferral all(Briefing.Org o, String type, long deferred, long roster) {
    return new Briefing.Deferral(
        o,
        "t",
        S,
        type,
        "all",
        deferred,
        deferred > 0 ? 1 : 0,
        deferred,
        roster,
        roster - deferred);
  }

  private static Briefing.Deferral reason(Briefing.Org o, String type, String r, long n) {
    return new Briefing.Deferral(o, "t", S, type, r, n, 1, null, null, null);
  }

  static final List<Briefing.Deferral> ROWS =
      List.of(
          all(CITY, "student", 5, 100),
          all(CITY, "staff", 1, 10),
          reason(CITY, "student", "risk_area_14d", 2),
          reason(CITY, "student", "symptoms_14d", 1),
          reason(CITY, "student", "school_in_risk_area", 3),
          reason(CITY, "staff", "still_away", 1),
          reason(CITY, "student", "risk_area_review", 1),
          all(SHANGCHENG, "student", 2, 60),
          all(SHANGCHENG, "staff", 1, 6),
          reason(SHANGCHENG, "student", "risk_area_14d", 2),
          reason(SHANGCHENG, "staff", "still_away", 1),
          all(GONGSHU, "student", 3, 40),
          reason(GONGSHU, "student", "symptoms_14d", 1),
          reason(GONGSHU, "student", "school_in_risk_area", 3),
          reason(SCHOOL_B, "student", "school_in_risk_area", 3));

  @Test
  void cityTotalsReasonsDistrictsAndTheSchoolsThatMayNotOpen() {
    ResourceBundle zh = BriefingRenderer.bundle("zh");
    assertEquals(
        String.join(
            "\n",
            "t（10月8日开学）：应返校110人，暂缓返校6人（学生5人、教职工1人），预计返校104人。",
            "暂缓原因（一人可有多项）：14天内中高风险地区旅居史2人、尚未返回1人、14天内发热或咳嗽1人、学校所在区县为中高风险地区3人。",
            "另有1人到过含中高风险地区的区县，待核实，不计入暂缓返校。",
            "上城区：暂缓返校3人（14天内中高风险地区旅居史2人、尚未返回1人）。",
            "拱墅区：暂缓返校3人（14天内发热或咳嗽1人、学校所在区县为中高风险地区3人）。",
            "所在区县为中高风险地区、暂缓开学的学校1所：乙校。"),
        DeferralSection.text(ROWS, o -> o.equals(CITY), o -> o.level() != OrgLevel.CITY, zh));
  }

  @Test
  void aTermWithABatchSumsItsStartDatesAndNamesThem() {
    // return_batches: a grade evaluated against 10-12 has rows of that term_start (§4.11)
    LocalDate batch = LocalDate.of(2021, 10, 12);
    List<Briefing.Deferral> rows =
        List.of(
            new Briefing.Deferral(CITY, "t", batch, "student", "all", 1L, 1L, 1L, 20L, 19L),
            new Briefing.Deferral(
                CITY, "t", batch, "student", "risk_area_14d", 1L, 1L, null, null, null),
            all(CITY, "student", 5, 100),
            reason(CITY, "student", "risk_area_14d", 2));
    String[] lines =
        DeferralSection.text(rows, o -> o.equals(CITY), o -> false, BriefingRenderer.bundle("zh"))
            .split("\n");
    assertEquals("t（10月8日、10月12日开学）：应返校120人，暂缓返校6人（学生6人），预计返校114人。", lines[0]);
    assertEquals("暂缓原因（一人可有多项）：14天内中高风险地区旅居史3人。", lines[1]);
  }

  @Test
  void aDistrictWithoutClosedSchoolsAndNoSectionOutsideTheWindow() {
    ResourceBundle zh = BriefingRenderer.bundle("zh");
    String t =
        DeferralSection.text(
            ROWS,
            o -> o.equals(SHANGCHENG),
            o -> o.level() == OrgLevel.SCHOOL && "330102".equals(o.parentCode()),
            zh);
    assertEquals(
        String.join(
            "\n",
            "t（10月8日开学）：应返校66人，暂缓返校3人（学生2人、教职工1人），预计返校63人。",
            "暂缓原因（一人可有多项）：14天内中高风险地区旅居史2人、尚未返回1人。",
            "暂缓开学的学校（所在区县为中高风险地区）：无。"),
        t);
    assertNull(DeferralSection.text(List.of(), o -> true, o -> true, zh), "no term start: none");
  }
}
