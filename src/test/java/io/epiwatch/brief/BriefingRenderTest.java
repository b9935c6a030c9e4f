package io.epiwatch.brief;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.epiwatch.brief.Briefing.Org;
import io.epiwatch.common.FindingCategory;
import io.epiwatch.common.IncidentPeriod;
import io.epiwatch.common.IncidentType;
import io.epiwatch.common.OrgLevel;
import io.epiwatch.common.VaccinationStatus;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.reflect.Executable;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The briefing and the follow-up list rendered from hand-built records, with no Spark: each PDF is
 * written to a temp folder and its text read back with PDFBox.
 */
class BriefingRenderTest {
  private static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
  private static final LocalDate D = LocalDate.parse("2021-10-05");
  private static final Org CITY = new Org(OrgLevel.CITY, "330100", "杭州市", null);
  private static final Org SHANGCHENG = new Org(OrgLevel.DISTRICT, "330102", "上城区", "330100");
  private static final Org XIHU = new Org(OrgLevel.DISTRICT, "330106", "西湖区", "330100");
  private static final Org LATE_SCHOOL = new Org(OrgLevel.SCHOOL, "S001", "西子湖小学", "330102");
  private static final Org MISSING_SCHOOL = new Org(OrgLevel.SCHOOL, "S002", "灵隐中学", "330106");
  private static final Org ON_TIME_SCHOOL = new Org(OrgLevel.SCHOOL, "S003", "钱塘中学", "330102");

  @TempDir Path dir;

  /** A day with every section filled; quiet gap 7 days, vaccination from age 12. */
  private static Briefing fullDay(int quietGapDays, int vaccinationMinAge) {
    Map<String, Long> versions = new LinkedHashMap<>();
    versions.put("gold.reporting_compliance", 3L);
    versions.put("gold.attendance", 2L);
    versions.put("ops.quarantine", 1L);
    List<Briefing.Compliance> compliance =
        List.of(
            new Briefing.Compliance(D, CITY, null, null, 0.973, 0.95, 0.6),
            new Briefing.Compliance(D.minusDays(1), CITY, null, null, 0.99, 0.98, 0.5),
            new Briefing.Compliance(D, SHANGCHENG, null, null, 1.0, 0.9, null),
            new Briefing.Compliance(D, XIHU, null, null, 0.5, 0.5, null),
            // late: submitted 11:20 Beijing time (03:20 UTC)
            new Briefing.Compliance(
                D,
                LATE_SCHOOL,
                Briefing.SchoolStatus.LATE,
                Instant.parse("2021-10-05T03:20:00Z"),
                null,
                null,
                null),
            new Briefing.Compliance(
                D, MISSING_SCHOOL, Briefing.SchoolStatus.MISSING, null, null, null, null),
            new Briefing.Compliance(
                D,
                ON_TIME_SCHOOL,
                Briefing.SchoolStatus.ON_TIME,
                Instant.parse("2021-10-05T00:10:00Z"),
                null,
                null,
                null));
    List<Briefing.Attendance> attendance =
        List.of(
            new Briefing.Attendance(D.minusDays(1), CITY, 0.005, 1),
            new Briefing.Attendance(D, CITY, 0.008, 3));
    List<Briefing.Cause> causes =
        List.of(
            new Briefing.Cause(CITY, "fever", 7, 1.25), new Briefing.Cause(CITY, "rash", 2, null));
    List<Briefing.Alert> alerts =
        List.of(
            // detected yesterday morning, not reported to the CDC: overdue
            new Briefing.Alert(
                "class_same_day",
                "330102",
                "西子湖小学",
                "三年级",
                "2班",
                "fever",
                null,
                D,
                D,
                4L,
                true,
                "unverified",
                java.time.Instant.parse("2021-10-04T02:00:00Z"),
                null,
                null,
                true,
                null,
                null),
            // active by its rule, but verified as no outbreak: not listed, not counted
            new Briefing.Alert(
                "class_3day",
                "330102",
                "湖滨小学",
                "二年级",
                "1班",
                "gi",
                null,
                D,
                D,
                5L,
                true,
                "discarded",
                java.time.Instant.parse("2021-10-06T02:00:00Z"),
                null,
                null,
                false,
                null,
                null),
            // last fired 6 days ago: active with a 7-day quiet gap, not with a 3-day one
            new Briefing.Alert(
                "school_disease",
                "330106",
                "灵隐中学",
                null,
                null,
                null,
                "varicella",
                D.minusDays(9),
                D.minusDays(6),
                3L,
                false,
                "unverified",
                null,
                null,
                null,
                false,
                null,
                null));
    List<Briefing.Exposure> exposure =
        List.of(
            new Briefing.Exposure(D, CITY, "high", true, 5, 2, 0, 1, 1),
            new Briefing.Exposure(D, CITY, "in_province", false, 40, 0, 0, 0, 0),
            new Briefing.Exposure(D, SHANGCHENG, "high", true, 5, 2, 0, 1, 1),
            new Briefing.Exposure(D, SHANGCHENG, "in_province", false, 40, 0, 0, 0, 0));
    List<Briefing.Exposure> previous =
        List.of(new Briefing.Exposure(D.minusDays(1), CITY, "high", true, 3, 1, 0, 0, 0));
    List<Briefing.Coverage> coverage =
        List.of(
            new Briefing.Coverage(CITY, "3-11", false, 900, 0, 10, 5),
            new Briefing.Coverage(CITY, "12-14", true, 200, 4, 150, 100),
            new Briefing.Coverage(CITY, "15-17", true, 200, 1, 190, 180));
    List<Briefing.Campaign> campaigns =
        List.of(
            new Briefing.Campaign(
                CITY, "c1", "12-14", 2, LocalDate.parse("2021-10-31"), 0.5, 60L, 26, false),
            new Briefing.Campaign(
                XIHU, "c1", "12-14", 2, LocalDate.parse("2021-10-31"), 0.2, 40L, 26, true));
    // 西湖区 lags: its schools with most never vaccinated are named, at most five (ties by name)
    List<Briefing.VaccinationFollowup> followup = new ArrayList<>();
    followup.add(vax(CITY, VaccinationStatus.OVERDUE, 9));
    followup.add(vax(CITY, VaccinationStatus.NEVER_VACCINATED, 70));
    followup.add(vax(XIHU, VaccinationStatus.OVERDUE, 4));
    followup.add(vax(XIHU, VaccinationStatus.NEVER_VACCINATED, 40));
    followup.add(vax(SHANGCHENG, VaccinationStatus.NEVER_VACCINATED, 30));
    followup.add(vax(MISSING_SCHOOL, VaccinationStatus.NEVER_VACCINATED, 12));
    followup.add(vax(MISSING_SCHOOL, VaccinationStatus.OVERDUE, 3));
    String[] others = {"西溪中学", "转塘小学", "龙坞小学", "三墩中学", "蒋村小学"};
    for (int i = 0; i < others.length; i++) {
      Org school = new Org(OrgLevel.SCHOOL, "S1" + i, others[i], "330106");
      followup.add(vax(school, VaccinationStatus.NEVER_VACCINATED, i < 2 ? 8 : 2));
      followup.add(vax(school, VaccinationStatus.OVERDUE, i == 0 ? 1 : 0));
    }
    followup.add(vax(LATE_SCHOOL, VaccinationStatus.NEVER_VACCINATED, 30)); // 上城区: not lagging
    return new Briefing(
        D,
        versions,
        new Briefing.Quality(1, 2, 0, 3, Map.of(TRAVEL, D, ABSENCE, D)),
        null,
        quietGapDays,
        vaccinationMinAge,
        compliance,
        attendance,
        causes,
        alerts,
        exposure,
        previous,
        coverage,
        campaigns,
        List.of(
            new Briefing.Signal(
                "report_confirmed",
                "330102",
                "西子湖小学",
                null,
                2,
                D,
                Instant.parse("2021-10-04T23:30:00Z")),
            new Briefing.Signal(
                "test_positive",
                "330106",
                "灵隐中学",
                "household",
                1,
                D.minusDays(3),
                Instant.parse("2021-10-02T12:00:00Z"))),
        List.of(
            new Briefing.SignalDay(D, CITY, 2, 0, 0, 0, 0),
            new Briefing.SignalDay(D.minusDays(1), CITY, 0, 1, 0, 0, 7),
            new Briefing.SignalDay(D, XIHU, 0, 0, 0, 0, 3)),
        List.of(),
        followup,
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        null,
        List.of(),
        // district EARS-C2 at level alert on D: ILI in two districts, GI in one
        List.of(
            new Briefing.EarsAlert("330106", "西湖区", "ili", 3.12),
            new Briefing.EarsAlert("330102", "上城区", "ili", 3.44),
            new Briefing.EarsAlert("330106", "西湖区", "gi", 4.0)));
  }

  private static Briefing.VaccinationFollowup vax(Org org, VaccinationStatus status, long persons) {
    return new Briefing.VaccinationFollowup(org, "student", "12-14", status, persons);
  }

  private static final String TRAVEL = io.epiwatch.contract.Sources.TRAVEL_RECORDS.name();
  private static final String ABSENCE = io.epiwatch.contract.Sources.ABSENCE_CASES.name();

  private static Briefing emptyDay() {
    return new Briefing(
        D,
        Map.of("gold.attendance", 0L, "gold.case_signals", 0L),
        new Briefing.Quality(0, 0, 0, 0, Map.of()),
        null,
        7,
        12,
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        List.of(),
        null,
        List.of(),
        List.of());
  }

  private static final BriefingRenderer.Scope CITY_SCOPE =
      new BriefingRenderer.Scope("city", "330100", "杭州市");

  private String render(Briefing b, BriefingRenderer.Scope scope, String lang) throws Exception {
    byte[] pdf =
        new BriefingRenderer(b, lang, ZONE)
            .render(scope, Instant.parse("2021-10-05T02:00:00Z"), "brief-test");
    return text(pdf, dir.resolve("briefing-" + scope.code() + "-" + lang + ".pdf"));
  }

  /** Writes the PDF to the temp folder and reads its text back (whitespace collapsed). */
  static String text(byte[] pdf, Path file) throws Exception {
    Files.write(file, pdf);
    try (PDDocument doc = Loader.loadPDF(file.toFile())) {
      return new PDFTextStripper().getText(doc).replaceAll("\\s+", " ");
    }
  }

  @Test
  void theAlertTableNamesTheDormitoryOfADormitoryAlertAndTheRateOfARateAlert() throws Exception {
    Briefing.Alert dorm =
        new Briefing.Alert(
            "dorm_same_day",
            "330102",
            "西子湖小学",
            null,
            null,
            "ili",
            null,
            D,
            D,
            3L,
            true,
            "unverified",
            null,
            null,
            null,
            false,
            "3-201",
            null);
    Briefing.Alert rate =
        new Briefing.Alert(
            "class_rate",
            "330102",
            "西子湖小学",
            "三年级",
            "2班",
            "ili",
            null,
            D,
            D,
            3L,
            true,
            "unverified",
            null,
            null,
            null,
            false,
            null,
            1.0 / 3);
    BriefingRenderer zh = new BriefingRenderer(fullDay(7, 12), "zh", ZONE);
    assertEquals("西子湖小学 宿舍 3-201", zh.alertUnit(dorm));
    assertEquals("西子湖小学 三年级 2班 罹患率 33.3%", zh.alertUnit(rate));
    BriefingRenderer en = new BriefingRenderer(fullDay(7, 12), "en", ZONE);
    assertEquals("西子湖小学 dormitory 3-201", en.alertUnit(dorm));
    assertEquals("西子湖小学 三年级 2班 attack rate 33.3%", en.alertUnit(rate));
    Briefing b = fullDay(7, 12);
    b = withAlerts(b, List.of(dorm, rate));
    String t = render(b, CITY_SCOPE, "zh");
    // (the cell wraps: the PDF text may break inside 罹患率)
    assertTrue(t.contains("西子湖小学 宿舍 3-201") && t.contains("33.3%"), t);
  }

  private static Briefing withAlerts(Briefing b, List<Briefing.Alert> alerts) {
    Copy c = new Copy(b);
    c.alerts = alerts;
    return c.build();
  }

  @Test
  void districtEarsAlertsOfDAreOneLinePerSymptomGroupUnderTheKeyFigures() throws Exception {
    Briefing b = fullDay(7, 12);
    BriefingRenderer zh = new BriefingRenderer(b, "zh", ZONE);
    assertEquals(
        "区县胃肠道症状缺勤率异常升高（EARS）：西湖区 z=4.0\n" + "区县流感样症状缺勤率异常升高（EARS）：上城区 z=3.4、西湖区 z=3.1",
        zh.earsLine(CITY_SCOPE),
        "one line per group in the groups' order, districts by z");
    // a district's briefing names only its own district
    assertEquals(
        "区县流感样症状缺勤率异常升高（EARS）：上城区 z=3.4",
        zh.earsLine(new BriefingRenderer.Scope("district", "330102", "上城区")));
    assertEquals(
        "Districts with an aberrant rise in influenza-like absences (EARS): 上城区 z=3.4",
        new BriefingRenderer(b, "en", ZONE)
            .earsLine(new BriefingRenderer.Scope("district", "330102", "上城区")));
    // nothing at level alert: no line
    assertNull(
        new BriefingRenderer(emptyDay(), "zh", ZONE).earsLine(CITY_SCOPE), "no alert, no line");
    String t = render(b, CITY_SCOPE, "zh");
    assertTrue(
        t.indexOf("上城区 z=3.4") > t.indexOf("二、关键指标") && t.indexOf("上城区 z=3.4") < t.indexOf("三、"),
        "under the key figures: " + t);
  }

  @Test
  void cityBriefingShowsEveryRecordSection() throws Exception {
    String t = render(fullDay(7, 12), CITY_SCOPE, "en");
    assertTrue(t.contains("杭州市 school epidemic-prevention briefing"), t);
    assertTrue(t.contains("Generated: 2021-10-05 10:00"), "generation time in the zone: " + t);
    assertTrue(
        t.contains("Reporting rate 97.3% -1.7 pp"), "headline with the change vs yesterday: " + t);
    assertTrue(t.contains("Student illness-absence rate 0.8% +0.3 pp"), t);
    assertTrue(t.contains("Zero reports (share of reports) 60.0% +10.0 pp"), t);
    assertTrue(t.contains("Fever at morning/noon checks 3 +2"), t);
    // late: missing before late, district names, submission time in the zone; on-time schools are
    // not named
    assertTrue(
        t.indexOf("灵隐中学 西湖区 missing") >= 0
            && t.indexOf("灵隐中学 西湖区 missing") < t.indexOf("西子湖小学 上城区 late 10-05 11:20"),
        t);
    assertFalse(t.contains("钱塘中学"), t);
    assertTrue(
        t.contains("fever 7 1.25") && t.contains("rash 2 -"), "causes, most cases first: " + t);
    assertTrue(t.contains("class, same day / 西子湖小学"), "the active alert: " + t);
    assertTrue(t.contains("unverified not reported, overdue"), t);
    assertTrue(
        t.contains("Alerts not reported to the CDC within 24 hours: 1: 西子湖小学"),
        "the overdue line names the school: " + t);
    assertFalse(t.contains("湖滨小学"), "a discarded alert leaves the list: " + t);
    assertFalse(t.contains("school disease / 灵隐中学"), "a closed alert is not listed: " + t);
    assertTrue(
        t.contains("Active cluster alerts 2"), "both alerts fired fewer than 7 days ago: " + t);
    assertTrue(
        t.contains("Risk-area travellers, last 14 days 5 +2"),
        "only risk-area categories count: " + t);
    assertTrue(t.contains("Persons in health monitoring 2 +1"), t);
    assertTrue(t.contains("上城区 high-risk area 5 2 1 1"), "risk section by district: " + t);
    assertFalse(t.contains("in province"), "plain travel is not a risk area: " + t);
    assertTrue(t.contains("Vaccination of persons aged 12+, by age band"), t);
    assertTrue(t.contains("12-14 200 4 75.0% 50.0%") && t.contains("15-17 200 1 95.0% 90.0%"), t);
    assertFalse(t.contains("3-11"), "a band below the vaccination age is not shown: " + t);
    assertTrue(t.contains("Dose-1 coverage, ages 12+ 85.0%"), t);
    assertTrue(
        t.contains("12-14 / 2 2021-10-31 50.0% 60 26 西湖区"),
        "campaign with its lagging district: " + t);
    assertTrue(
        t.indexOf("1. Case signals") < t.indexOf("2. Key figures")
            && t.contains("西子湖小学 上城区 confirmed (school report) 2 2021-10-05 10-05 07:30")
            && t.contains("灵隐中学 西湖区 positive nucleic test (household member) 1 2021-10-02"),
        "signals first, newest first, first seen in the zone: " + t);
    assertTrue(t.contains("Confirmed cases (today) 2 +2"), t);
    assertTrue(t.contains("Suspected cases (today) 0 -1"), t);
    assertTrue(t.contains("Days without a confirmed case 0"), t);
    assertTrue(
        t.contains(
                "To follow up: 9 overdue for a dose, 70 not vaccinated; lagging districts and their 5"
                    + " schools with most not vaccinated District / school Not vaccinated Dose overdue"
                    + " 西湖区 40 4 \u3000灵隐中学 12 3 \u3000西溪中学 8 1 \u3000转塘小学 8 0")
            // the table may continue on the next page (its header repeated)
            && t.contains("\u3000三墩中学 2 0")
            && t.contains("\u3000蒋村小学 2 0"),
        "the lagging district with its five schools with most never vaccinated: " + t);
    assertFalse(t.contains("龙坞小学"), "the sixth school is not named: " + t);
    assertFalse(t.contains("上城区 30"), "a district that does not lag is not listed: " + t);
    assertTrue(
        t.contains("1 file(s) rejected, 2 row(s) quarantined")
            && t.contains("reporting_compliance@3 attendance@2"),
        t);
  }

  @Test
  void theWorkbookHoldsTheBriefingsTablesInOrder() throws Exception {
    BriefingRenderer r = new BriefingRenderer(fullDay(7, 12), "zh", ZONE);
    r.render(CITY_SCOPE, Instant.parse("2021-10-05T02:00:00Z"), "brief-test");
    try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(r.workbook()))) {
      List<String> names = new ArrayList<>();
      for (int i = 0; i < wb.getNumberOfSheets(); i++) names.add(wb.getSheetName(i));
      assertEquals("一、疫情信号", names.get(0));
      assertEquals(
          10,
          names.size(),
          "nine sections, the trend as its table, and the vaccination follow-up under the"
              + " campaigns: "
              + names);
      assertTrue(names.get(9).startsWith("接种待跟进"), names.get(9));
      assertEquals("西湖区", wb.getSheetAt(9).getRow(1).getCell(0).getStringCellValue());
      Sheet signals = wb.getSheetAt(0);
      assertEquals("学校", signals.getRow(0).getCell(0).getStringCellValue());
      assertEquals("西子湖小学", signals.getRow(1).getCell(0).getStringCellValue());
      Sheet headline = wb.getSheet("二、关键指标");
      assertEquals("报告率", headline.getRow(1).getCell(0).getStringCellValue());
      assertEquals("97.3%", headline.getRow(1).getCell(1).getStringCellValue());
    }
  }

  @Test
  void theTrendKeepsEveryDayAndADayWithoutReportsHasNoRate() throws Exception {
    // the fixture has rates for D-1 and D only: the other twelve days are days without data
    BriefingRenderer r = new BriefingRenderer(fullDay(7, 12), "zh", ZONE);
    r.render(CITY_SCOPE, Instant.parse("2021-10-05T02:00:00Z"), "brief-test");
    try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(r.workbook()))) {
      Sheet trend = wb.getSheet("四、近14天因病缺勤率趋势（%）");
      assertEquals(1 + BriefingRenderer.TREND_DAYS, trend.getPhysicalNumberOfRows());
      assertEquals(
          String.valueOf(D.minusDays(13)), trend.getRow(1).getCell(0).getStringCellValue());
      assertEquals(
          String.valueOf(D.minusDays(2)), trend.getRow(12).getCell(0).getStringCellValue());
      assertEquals("—", trend.getRow(12).getCell(1).getStringCellValue(), "no reports on D-2");
      assertEquals("0.5%", trend.getRow(13).getCell(1).getStringCellValue());
      assertEquals("0.8%", trend.getRow(14).getCell(1).getStringCellValue());
    }
  }

  @Test
  void reportedCountsOfADayWithoutReportsAreNoDataNotZero() throws Exception {
    Briefing b = fullDay(7, 12);
    List<Briefing.Compliance> nobody =
        List.of(new Briefing.Compliance(D, CITY, null, null, 0.0, 0.0, null));
    String t = render(withDay(b, nobody, b.quality()), CITY_SCOPE, "en");
    assertTrue(t.contains("Confirmed cases (today) - - -"), t);
    assertTrue(t.contains("Suspected cases (today) - - -"), t);
    assertTrue(
        t.contains("Positive nucleic tests (today) 0"), "tests do not come from reports: " + t);
  }

  @Test
  void positiveTestsOfADayWithoutATravelFileAreNoDataNotZero() throws Exception {
    Briefing b = fullDay(7, 12);
    Briefing.Quality q = b.quality();
    Briefing.Quality through = receivedThrough(q, Map.of(TRAVEL, D.minusDays(1), ABSENCE, D));
    String t = render(withDay(b, b.compliance(), through), CITY_SCOPE, "en");
    assertTrue(
        t.contains("Positive nucleic tests (today) - - -"),
        "the last travel file was loaded on D-1: D's positives are not known: " + t);
    Briefing.Quality never = receivedThrough(q, Map.of(ABSENCE, D));
    t = render(withDay(b, b.compliance(), never), CITY_SCOPE, "en");
    assertTrue(t.contains("Positive nucleic tests (today) - - -"), "no travel file ever: " + t);
    assertTrue(t.contains("Confirmed cases (today) 2 +2"), "reports still count: " + t);
  }

  @Test
  void aDayWhoseLineListDidNotArriveHasNoCausesAndNoNewAlertsNotNone() throws Exception {
    Briefing b = fullDay(7, 12);
    Briefing.Quality q = b.quality();
    Copy c = new Copy(b);
    c.causes = List.of();
    c.quality = receivedThrough(q, Map.of(TRAVEL, D, ABSENCE, D.minusDays(1)));
    String t = render(c.build(), CITY_SCOPE, "en");
    assertTrue(
        t.contains("No absence line list received for the day (no data, not 0)"),
        "the last line list was loaded on D-1: D's causes are not known: " + t);
    BriefingRenderer r = new BriefingRenderer(c.build(), "zh", ZONE);
    r.render(CITY_SCOPE, Instant.parse("2021-10-05T02:00:00Z"), "brief-test");
    try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(r.workbook()))) {
      assertEquals(
          "未收到当日因病缺勤登记（无数据，不是0例）",
          wb.getSheet("五、当日因病缺勤症状分组").getRow(1).getCell(0).getStringCellValue(),
          "the workbook's sheet says what the page says");
    }
    assertTrue(t.contains("New cluster alerts - - -"), "the alert rules count the line list: " + t);
    assertFalse(t.contains("Student illness-absence rate - - -"), "the reports still count: " + t);
    c.quality = receivedThrough(q, Map.of(TRAVEL, D, ABSENCE, D));
    t = render(c.build(), CITY_SCOPE, "en");
    assertFalse(t.contains("No absence line list received"), "D's line list arrived: " + t);
    assertTrue(
        t.contains(
            "5. Illness absence by symptom group today Symptom group Persons Per 1,000 none"),
        "an arrived line list without rows: none: " + t);
  }

  /** The same counts, with the given received-through date per source. */
  private static Briefing.Quality receivedThrough(
      Briefing.Quality q, Map<String, LocalDate> through) {
    return new Briefing.Quality(
        q.filesRejected(), q.rowsQuarantined(), q.contradictions(), q.otherFlags(), through);
  }

  /** The briefing with another day's compliance and data quality. */
  private static Briefing withDay(
      Briefing b, List<Briefing.Compliance> compliance, Briefing.Quality quality) {
    Copy c = new Copy(b);
    c.compliance = compliance;
    c.quality = quality;
    return c.build();
  }

  @Test
  void policyValuesComeWithTheRecords() throws Exception {
    // quiet gap 3: the alert last fired 6 days ago is no longer active; vaccination from 15
    Briefing b = fullDay(3, 15);
    Copy c = withoutDatedSections(b);
    c.alertQuietGapDays = 3;
    c.vaccinationMinAge = 15;
    c.coverage =
        b.coverage().stream()
            .map(
                v ->
                    new Briefing.Coverage(
                        v.org(),
                        v.ageBand(),
                        v.ageBand().equals("15-17"),
                        v.eligible(),
                        v.contraindicated(),
                        v.dose1(),
                        v.completed()))
            .toList();
    b = c.build();
    String t = render(b, CITY_SCOPE, "en");
    assertTrue(t.contains("Active cluster alerts 1"), t);
    assertTrue(
        t.contains("Vaccination of persons aged 15+")
            && t.contains("Dose-1 coverage, ages 15+ 95.0%"),
        t);
    assertFalse(t.contains("12-14 200"), t);
  }

  @Test
  void aCityBriefingNamesNothingOfAnotherCityInTheSameWarehouse() throws Exception {
    // a province's warehouse: 宁波市 beside 杭州市, with a late school, an alert in progress, a
    // lagging district and a district EARS alert of its own
    Org ningbo = new Org(OrgLevel.CITY, "330200", "宁波市", null);
    Org haishu = new Org(OrgLevel.DISTRICT, "330203", "海曙区", "330200");
    Org school = new Org(OrgLevel.SCHOOL, "S900", "海曙实验小学", "330203");
    Briefing b = fullDay(7, 12);
    Copy c = new Copy(b);
    c.compliance = new ArrayList<>(b.compliance());
    c.compliance.add(new Briefing.Compliance(D, ningbo, null, null, 0.5, 0.5, null));
    c.compliance.add(new Briefing.Compliance(D, haishu, null, null, 0.5, 0.5, null));
    c.compliance.add(
        new Briefing.Compliance(
            D,
            school,
            Briefing.SchoolStatus.LATE,
            Instant.parse("2021-10-05T04:00:00Z"),
            null,
            null,
            null));
    Briefing.Alert first = b.alerts().get(0);
    c.alerts = new ArrayList<>(b.alerts());
    c.alerts.add(
        new Briefing.Alert(
            first.rule(),
            "330203",
            "海曙实验小学",
            "一年级",
            "9班",
            first.symptomGroup(),
            null,
            D,
            D,
            5L,
            true,
            "unverified",
            null,
            null,
            null,
            false,
            null,
            null));
    c.campaigns = new ArrayList<>(b.campaigns());
    c.campaigns.add(
        new Briefing.Campaign(
            haishu, "c1", "12-14", 2, LocalDate.parse("2021-10-31"), 0.1, 90L, 26, true));
    c.earsAlerts = new ArrayList<>(b.earsAlerts());
    c.earsAlerts.add(new Briefing.EarsAlert("330203", "海曙区", "ili", 5.0));
    b = c.build();
    String hangzhou = render(b, CITY_SCOPE, "zh");
    assertTrue(hangzhou.contains("西子湖小学") && hangzhou.contains("西湖区"), hangzhou);
    assertFalse(hangzhou.contains("海曙"), "no school, alert or district of 宁波市: " + hangzhou);
    String ningboText = render(b, new BriefingRenderer.Scope("city", "330200", "宁波市"), "zh");
    assertTrue(ningboText.contains("海曙实验小学") && ningboText.contains("海曙区"), ningboText);
    assertFalse(
        ningboText.contains("西子湖小学") || ningboText.contains("西湖区"),
        "nothing of 杭州市: " + ningboText);
  }

  @Test
  void aLongListShowsItsFirstRowsAndSaysWhereTheRestAre() throws Exception {
    // 35 more late schools in 上城区: with 灵隐中学 (missing) and 西子湖小学 (late), 37 rows
    Briefing b = fullDay(7, 12);
    Copy c = new Copy(b);
    c.compliance = new ArrayList<>(b.compliance());
    for (int i = 1; i <= 35; i++) {
      c.compliance.add(
          new Briefing.Compliance(
              D,
              new Org(OrgLevel.SCHOOL, String.format("S5%02d", i), "上城第" + i + "小学", "330102"),
              Briefing.SchoolStatus.LATE,
              Instant.parse("2021-10-05T04:00:00Z"),
              null,
              null,
              null));
    }
    b = c.build();
    int more = 37 - BriefingRenderer.PDF_LIST_ROWS;
    String t = render(b, CITY_SCOPE, "zh");
    assertTrue(t.contains("灵隐中学") && t.contains("上城第28小学"), t);
    assertFalse(t.contains("上城第29小学") || t.contains("上城第35小学"), t);
    assertTrue(t.contains("以上列出前 30 行，另有 " + more + " 行未列出"), t);
    assertTrue(
        render(b, CITY_SCOPE, "en").contains("The first 30 rows are shown; " + more + " more"));
    BriefingRenderer r = new BriefingRenderer(b, "zh", ZONE);
    r.render(CITY_SCOPE, Instant.parse("2021-10-05T02:00:00Z"), "brief-test");
    try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(r.workbook()))) {
      Sheet late = wb.getSheetAt(2);
      assertTrue(late.getSheetName().startsWith("三、"), late.getSheetName());
      assertEquals(37, late.getLastRowNum(), "the header and every row");
      assertEquals("上城第35小学", late.getRow(37).getCell(0).getStringCellValue());
    }
  }

  @Test
  void districtBriefingShowsOnlyItsDistrict() throws Exception {
    String t =
        render(fullDay(7, 12), new BriefingRenderer.Scope("district", "330102", "上城区"), "zh");
    assertTrue(t.contains("西子湖小学") && !t.contains("灵隐中学"), t);
    assertTrue(t.contains("上城区"), t);
  }

  @Test
  void aDayWithoutDataSaysSoAndHasNoAlerts() throws Exception {
    String en = render(emptyDay(), CITY_SCOPE, "en");
    assertTrue(en.contains("Data as of: -"), "no submission: " + en);
    assertTrue(
        en.contains("Reporting rate - - -") && en.contains("New cluster alerts - - -"),
        "no line list ever: new alerts not known: " + en);
    assertTrue(
        en.contains("No absence line list received for the day (no data, not 0)"),
        "no line list ever: " + en);
    assertTrue(
        en.contains(
            "3. Schools that did not report on time School District Status First submitted none"),
        "empty table says so: " + en);
    assertTrue(en.contains("Age band Eligible Contraindicated Dose 1 Completed none"), en);
    assertTrue(en.contains("No active cluster alerts"), en);
    assertTrue(
        en.contains(
            "1. Case signals School District Signal Persons Date First seen None (zero infections kept)"),
        "no signal: zero infections kept: " + en);
    assertTrue(en.contains("Confirmed cases (today) - - -"), "no signal counts computed: " + en);
    assertTrue(en.contains("0 overdue for a dose, 0 not vaccinated"), en);
    assertTrue(en.contains("no lagging district"), en);
    assertFalse(
        en.contains("null"), "a figure without data shows the no-data mark, never 'null': " + en);
    String zh = render(emptyDay(), CITY_SCOPE, "zh");
    java.util.ResourceBundle b = BriefingRenderer.bundle("zh");
    assertTrue(zh.contains(b.getString("alerts.none")), zh);
    assertTrue(zh.contains(b.getString("empty")), zh);
    assertTrue(zh.contains("一、疫情信号") && zh.contains("无（保持零感染）"), zh);
    // reproduced from versions recorded before gold.case_signals existed: no claim of zero
    Briefing e = emptyDay();
    Copy c = withoutDatedSections(e);
    c.versions = Map.of("gold.attendance", 0L);
    Briefing old = c.build();
    assertFalse(render(old, CITY_SCOPE, "zh").contains("无（保持零感染）"));
  }

  private static List<FollowUpItem> followUps() {
    return List.of(
        FollowUpItem.monitoring("张*三", "西子湖小学", "三年级 2班", "high", true, true, D.minusDays(3)),
        FollowUpItem.monitoring("李*", "西子湖小学", null, null, false, true, null),
        FollowUpItem.notFollowedUp("王*五", "灵隐中学", "初一 1班", D.minusDays(1)),
        FollowUpItem.signal("赵*六", "灵隐中学", "初二 3班", "line_list_covid19", D.minusDays(2)),
        FollowUpItem.vaccination(
            "赵*六",
            "灵隐中学",
            "初一 1班",
            new FollowUpItem.Vaccination(VaccinationStatus.OVERDUE, 2, 8),
            D.minusDays(8)),
        FollowUpItem.vaccination(
            "钱*",
            "灵隐中学",
            "初一 2班",
            new FollowUpItem.Vaccination(VaccinationStatus.NEVER_VACCINATED, null, null),
            null),
        FollowUpItem.alertCase(
            "孙*七", "西子湖小学", "三年级 2班", "class_same_day", "ab12cd34ef56ab78", D.minusDays(1)),
        FollowUpItem.contact("周*八", "灵隐中学", "初二 3班", "test_positive", D.minusDays(2)),
        FollowUpItem.deferral(
            "吴*九", "灵隐中学", "初二 3班", "household_exposure,symptoms_14d", D.plusDays(9)),
        FollowUpItem.deferral("郑*", "西子湖小学", "三年级 2班", "still_away", null),
        FollowUpItem.campusStay(
            "冯*十",
            "灵隐中学",
            "初二 3班",
            new FollowUpItem.Stay("3号楼106", D.minusDays(4), null, false, true)),
        FollowUpItem.campusStay(
            "陈*", "灵隐中学", "初一 1班", new FollowUpItem.Stay(null, D.minusDays(4), D, true, false)));
  }

  @Test
  void followUpItemsBecomeTheLocalisedWhat() {
    java.util.ResourceBundle en = BriefingRenderer.bundle("en");
    List<FollowUpItem> items = followUps();
    assertEquals(
        "in monitoring (high-risk area); no test after return",
        FollowUpDocuments.what(items.get(0), en));
    assertEquals("no test after return", FollowUpDocuments.what(items.get(1), en));
    assertEquals("cause not followed up", FollowUpDocuments.what(items.get(2), en));
    assertEquals("COVID-19 (absence line list)", FollowUpDocuments.what(items.get(3), en));
    assertEquals("classmate: positive nucleic test", FollowUpDocuments.what(items.get(7), en));
    assertEquals(
        "household member abroad or in a risk area; fever or cough in the last 14 days",
        FollowUpDocuments.what(items.get(8), en));
    java.util.ResourceBundle zh = BriefingRenderer.bundle("zh");
    assertEquals(
        List.of(
            Map.of(
                "c1",
                "吴*九",
                "c2",
                "灵隐中学",
                "c3",
                "初二 3班",
                "c4",
                "同住亲属有境外或中高风险地区旅居史、14天内发热或咳嗽",
                "c5",
                "2021-10-14"),
            Map.of("c1", "郑*", "c2", "西子湖小学", "c3", "三年级 2班", "c4", "尚未返回", "c5", "待定")),
        FollowUpDocuments.rows(items, FollowUpItem.Section.DEFERRAL, zh),
        "reasons in Chinese, the earliest return date or 待定 when unknown");
    assertEquals(
        "class, same day alert ab12cd34ef56ab78", FollowUpDocuments.what(items.get(6), en));
    assertEquals(
        List.of(
            Map.of("c1", "李*", "c2", "西子湖小学", "c3", "", "c4", "no test after return", "c5", "")),
        FollowUpDocuments.rows(items.subList(1, 3), FollowUpItem.Section.MONITORING, en));
  }

  @Test
  void followUpPdfAndWorkbookFromItems() throws Exception {
    String t =
        text(
            FollowUpDocuments.renderPdf(followUps(), D, "en", ZONE),
            dir.resolve("followup-en.pdf"));
    assertTrue(
        t.contains(
            "张*三 西子湖小学 三年级 2班 in monitoring (high-risk area); no test after return 2021-10-02"),
        t);
    assertTrue(t.contains("王*五 灵隐中学 初一 1班 cause not followed up 2021-10-04"), t);
    assertTrue(
        t.indexOf("赵*六 灵隐中学 初二 3班 COVID-19 (absence line list) 2021-10-03") < t.indexOf("张*三"),
        "signals come first: " + t);
    assertTrue(
        t.contains(
            "4. Persons with a vaccination to follow up Name School Grade and class Follow-up Date"
                + " 赵*六 灵隐中学 初一 1班 dose 2 overdue 8 days 2021-09-27"
                + " 钱* 灵隐中学 初一 2班 not vaccinated"),
        t);
    String zh =
        text(
            FollowUpDocuments.renderPdf(followUps(), D, "zh", ZONE),
            dir.resolve("followup-zh.pdf"));
    assertTrue(zh.contains("四、疫苗接种待跟进人员"), zh);
    assertTrue(zh.contains("赵*六 灵隐中学 初一 1班 第2剂逾期8天 2021-09-27"), zh);
    assertTrue(zh.contains("钱* 灵隐中学 初一 2班 应种未种"), zh);
    assertTrue(zh.contains("七、暂缓返校人员"), zh);
    assertTrue(zh.contains("郑* 西子湖小学 三年级 2班 尚未返回 待定"), zh);
    assertTrue(zh.contains("八、留校学生"), zh);
    assertTrue(zh.contains("陈* 灵隐中学 初一 1班 宿舍-，留校2021-"), zh); // the cell wraps
    assertEquals(
        List.of(
            Map.of(
                "c1",
                "冯*十",
                "c2",
                "灵隐中学",
                "c3",
                "初二 3班",
                "c4",
                "宿舍3号楼106，留校2021-10-01至未定，未联系监护人；当日因病缺勤或有疫情信号",
                "c5",
                "未定"),
            Map.of(
                "c1",
                "陈*",
                "c2",
                "灵隐中学",
                "c3",
                "初一 1班",
                "c4",
                "宿舍-，留校2021-10-01至2021-10-05，已联系监护人",
                "c5",
                "2021-10-05")),
        FollowUpDocuments.rows(
            followUps(), FollowUpItem.Section.CAMPUS_STAY, BriefingRenderer.bundle("zh")),
        "dormitory, dates, guardian contact, the ill flag; an open stay's end 未定");
    String empty =
        text(
            FollowUpDocuments.renderPdf(List.of(), D, "en", ZONE),
            dir.resolve("followup-empty.pdf"));
    assertTrue(
        empty.contains(
            "2. Persons in health monitoring or without a test after return Name School Grade and class Follow-up Date none"),
        empty);

    ByteArrayOutputStream xlsx = new ByteArrayOutputStream();
    FollowUpDocuments.writeXlsx(followUps(), BriefingRenderer.bundle("zh"), xlsx);
    try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(xlsx.toByteArray()))) {
      assertEquals(9, wb.getNumberOfSheets(), "eight lists and the response form");
      assertEquals("郑*", wb.getSheetAt(6).getRow(2).getCell(0).getStringCellValue(), "deferred");
      assertEquals("冯*十", wb.getSheetAt(7).getRow(1).getCell(0).getStringCellValue(), "on campus");
      Sheet form = wb.getSheetAt(8);
      assertEquals("预警编号", form.getRow(0).getCell(0).getStringCellValue());
      assertEquals("核实结果", form.getRow(0).getCell(1).getStringCellValue());
      assertEquals("报告疾控时间", form.getRow(0).getCell(2).getStringCellValue());
      assertEquals(
          "ab12cd34ef56ab78",
          form.getRow(1).getCell(0).getStringCellValue(),
          "one row per alert, its id filled in, to be loaded back as alert_responses");
      assertEquals(1, form.getLastRowNum());
      assertEquals(
          "同班：核酸阳性", wb.getSheetAt(5).getRow(1).getCell(3).getStringCellValue(), "a contact");
      assertEquals(
          "班级同日 预警编号 ab12cd34ef56ab78",
          wb.getSheetAt(4).getRow(1).getCell(3).getStringCellValue(),
          "the alert's id, to record the response against");
      assertEquals("赵*六", wb.getSheetAt(0).getRow(1).getCell(0).getStringCellValue());
      Sheet monitoring = wb.getSheetAt(1);
      assertEquals(2, monitoring.getLastRowNum(), "header and two persons");
      assertEquals("张*三", monitoring.getRow(1).getCell(0).getStringCellValue());
      assertEquals("2021-10-02", monitoring.getRow(1).getCell(4).getStringCellValue());
      assertEquals("王*五", wb.getSheetAt(2).getRow(1).getCell(0).getStringCellValue());
      Sheet vaccination = wb.getSheetAt(3);
      assertEquals("四、疫苗接种待跟进人员", vaccination.getSheetName());
      assertEquals("第2剂逾期8天", vaccination.getRow(1).getCell(3).getStringCellValue());
      assertEquals("2021-09-27", vaccination.getRow(1).getCell(4).getStringCellValue());
    }
  }

  /**
   * The rendering classes take records only: no Spark import, no Spark type in a signature or
   * field.
   */
  @Test
  void renderingHasNoSparkType() throws Exception {
    List<Class<?>> classes =
        new ArrayList<>(
            List.of(
                BriefingRenderer.class,
                FollowUpDocuments.class,
                FollowUpItem.class,
                Briefing.class));
    classes.addAll(List.of(Briefing.class.getDeclaredClasses()));
    for (Class<?> c : classes) {
      for (Field f : c.getDeclaredFields()) assertNotSpark(c + "." + f.getName(), f.getType());
      for (RecordComponent rc : c.isRecord() ? c.getRecordComponents() : new RecordComponent[0]) {
        assertFalse(
            rc.getGenericType().getTypeName().contains("org.apache.spark"), c + "." + rc.getName());
      }
      for (Executable e :
          Stream.concat(Stream.of(c.getDeclaredMethods()), Stream.of(c.getDeclaredConstructors()))
              .toList()) {
        for (Class<?> p : e.getParameterTypes()) assertNotSpark(c + "." + e.getName(), p);
        if (e instanceof Method m) assertNotSpark(c + "." + m.getName(), m.getReturnType());
      }
    }
    for (String source :
        List.of("BriefingRenderer", "FollowUpDocuments", "FollowUpItem", "Briefing")) {
      String code =
          Files.readString(
              Path.of(
                  System.getProperty("epiwatch.project.dir", "."),
                  "src/main/java/io/epiwatch/brief",
                  source + ".java"));
      assertFalse(code.contains("org.apache.spark"), source + ".java names a Spark type");
    }
  }

  private static void assertNotSpark(String where, Class<?> type) {
    assertFalse(type.getName().startsWith("org.apache.spark"), where + " uses " + type.getName());
  }

  private static Briefing withIncidents(Briefing b, List<Briefing.Incidents> incidents) {
    return with(b, incidents, b.inspections(), b.overdueFindings());
  }

  private static Briefing withInspections(
      Briefing b, List<Briefing.Inspections> rows, List<Briefing.OverdueFinding> overdue) {
    return with(b, b.incidents(), rows, overdue);
  }

  /** The briefing with other safety incidents and inspections. */
  private static Briefing with(
      Briefing b,
      List<Briefing.Incidents> incidents,
      List<Briefing.Inspections> rows,
      List<Briefing.OverdueFinding> overdue) {
    return with(b, incidents, rows, overdue, b.deferrals(), b.holiday(), b.campusStays());
  }

  /** The briefing with the dated sections' records replaced. */
  private static Briefing with(
      Briefing b,
      List<Briefing.Incidents> incidents,
      List<Briefing.Inspections> rows,
      List<Briefing.OverdueFinding> overdue,
      List<Briefing.Deferral> deferrals,
      io.epiwatch.config.Policy.Holiday holiday,
      List<Briefing.CampusStay> stays) {
    Copy c = new Copy(b);
    c.incidents = incidents;
    c.inspections = rows;
    c.overdueFindings = overdue;
    c.deferrals = deferrals;
    c.holiday = holiday;
    c.campusStays = stays;
    return c.build();
  }

  /** A briefing's records, each replaceable, for a briefing that differs in a few of them. */
  /** A copy without inspections, overdue findings, deferrals, a holiday or campus stays. */
  private static Copy withoutDatedSections(Briefing b) {
    Copy c = new Copy(b);
    c.inspections = List.of();
    c.overdueFindings = List.of();
    c.deferrals = List.of();
    c.holiday = null;
    c.campusStays = List.of();
    return c;
  }

  private static final class Copy {
    private final Briefing b;
    Map<String, Long> versions;
    int alertQuietGapDays;
    int vaccinationMinAge;
    List<Briefing.Coverage> coverage;
    Briefing.Quality quality;
    List<Briefing.Compliance> compliance;
    List<Briefing.Cause> causes;
    List<Briefing.Alert> alerts;
    List<Briefing.Incidents> incidents;
    List<Briefing.Inspections> inspections;
    List<Briefing.OverdueFinding> overdueFindings;
    List<Briefing.Deferral> deferrals;
    io.epiwatch.config.Policy.Holiday holiday;
    List<Briefing.CampusStay> campusStays;
    List<Briefing.Campaign> campaigns;
    List<Briefing.EarsAlert> earsAlerts;

    Copy(Briefing b) {
      this.b = b;
      versions = b.versions();
      alertQuietGapDays = b.alertQuietGapDays();
      vaccinationMinAge = b.vaccinationMinAge();
      coverage = b.coverage();
      quality = b.quality();
      compliance = b.compliance();
      causes = b.causes();
      alerts = b.alerts();
      incidents = b.incidents();
      inspections = b.inspections();
      overdueFindings = b.overdueFindings();
      deferrals = b.deferrals();
      holiday = b.holiday();
      campusStays = b.campusStays();
      campaigns = b.campaigns();
      earsAlerts = b.earsAlerts();
    }

    Briefing build() {
      return new Briefing(
          b.date(),
          versions,
          quality,
          b.supersededAt(),
          alertQuietGapDays,
          vaccinationMinAge,
          compliance,
          b.attendance(),
          causes,
          alerts,
          b.exposure(),
          b.exposurePrevious(),
          coverage,
          campaigns,
          b.signals(),
          b.signalDays(),
          b.areas(),
          b.vaccinationFollowup(),
          incidents,
          inspections,
          overdueFindings,
          deferrals,
          holiday,
          campusStays,
          earsAlerts);
    }
  }

  @Test
  void inspectionSectionSaysNoDataWhenNothingWasReceivedAndNamesOverdueHighFindings()
      throws Exception {
    Briefing b = fullDay(7, 12);
    String noData = "未接收督导检查数据（无数据，不是0次）。";
    assertEquals(noData, new BriefingRenderer(b, "zh", ZONE).inspectionText(CITY_SCOPE));
    Briefing none =
        withInspections(
            b,
            List.of(new Briefing.Inspections(CITY, null, null, null, null, null, null, null, null)),
            List.of());
    assertEquals(noData, new BriefingRenderer(none, "zh", ZONE).inspectionText(CITY_SCOPE));
    Briefing some =
        withInspections(
            b,
            List.of(
                new Briefing.Inspections(CITY, 4L, 3L, 5L, 2L, 3L, 2L, 4L, 1L),
                new Briefing.Inspections(XIHU, 2L, 1L, 2L, 1L, 1L, 1L, 1L, 0L),
                new Briefing.Inspections(SHANGCHENG, 2L, 2L, 3L, 1L, 2L, 1L, 3L, 1L)),
            List.of(
                new Briefing.OverdueFinding(
                    "330106",
                    "西湖区",
                    "灵隐中学",
                    FindingCategory.FIRE,
                    3,
                    java.time.LocalDate.of(2021, 9, 9)),
                new Briefing.OverdueFinding(
                    "330102",
                    "上城区",
                    "西子湖小学",
                    FindingCategory.LAB_CHEMICALS,
                    12,
                    java.time.LocalDate.of(2021, 8, 31))));
    assertEquals(
        "近30日督导检查5次（其中暗访2次），覆盖学校3所/共4所，覆盖率75.0%；发现问题未整改3个，其中逾期2个；按期整改率25.0%。\n"
            + "上城区：覆盖率100.0%（2/2所），检查3次（暗访1次），未整改2个，逾期1个。\n"
            + "西湖区：覆盖率50.0%（1/2所），检查2次（暗访1次），未整改1个，逾期1个。\n"
            + "逾期未整改的高风险问题2个：西子湖小学（实验室危化品，逾期12天，整改期限2021-08-31）；灵隐中学（消防，逾期3天，整改期限2021-09-09）。",
        new BriefingRenderer(some, "zh", ZONE).inspectionText(CITY_SCOPE));
    // a district's briefing names only its own findings
    assertEquals(
        "近30日督导检查2次（其中暗访1次），覆盖学校1所/共2所，覆盖率50.0%；发现问题未整改1个，其中逾期1个；按期整改率0.0%。\n"
            + "逾期未整改的高风险问题1个：灵隐中学（消防，逾期3天，整改期限2021-09-09）。",
        new BriefingRenderer(some, "zh", ZONE)
            .inspectionText(new BriefingRenderer.Scope("district", "330106", "西湖区")));
    String pdf = render(some, CITY_SCOPE, "zh");
    assertTrue(pdf.contains("十一、督导检查与整改"), pdf);
    assertTrue(pdf.replace("\n", "").contains("西子湖小学（实验室危化品，逾期12天"), pdf);
    assertTrue(
        render(some, CITY_SCOPE, "en").contains("Overdue high-severity findings (2)"), "English");
  }

  /** The briefing with a holiday (or none) and campus-stay rows. */
  private static Briefing withStays(
      Briefing b, io.epiwatch.config.Policy.Holiday holiday, List<Briefing.CampusStay> stays) {
    return with(
        b, b.incidents(), b.inspections(), b.overdueFindings(), b.deferrals(), holiday, stays);
  }

  /** The briefing with term-start deferral rows. */
  private static Briefing withDeferrals(Briefing b, List<Briefing.Deferral> deferrals) {
    return with(
        b,
        b.incidents(),
        b.inspections(),
        b.overdueFindings(),
        deferrals,
        b.holiday(),
        b.campusStays());
  }

  @Test
  void campusStaySectionOnlyInAHolidayNoDataNeverZero() throws Exception {
    Briefing b = fullDay(7, 12);
    io.epiwatch.config.Policy.Holiday nationalDay =
        new io.epiwatch.config.Policy.Holiday(
            "国庆节假期", java.time.LocalDate.of(2021, 10, 1), java.time.LocalDate.of(2021, 10, 7));
    List<Briefing.CampusStay> rows =
        List.of(
            new Briefing.CampusStay(CITY, 5L, 2L, 1L, 1L),
            new Briefing.CampusStay(SHANGCHENG, 5L, 1L, 1L, 1L),
            new Briefing.CampusStay(XIHU, 0L, 0L, 0L, 0L));
    // outside every holiday: no section, whatever the data
    Briefing notHoliday = withStays(b, null, rows);
    assertNull(new BriefingRenderer(notHoliday, "zh", ZONE).campusStayText(CITY_SCOPE));
    assertTrue(!render(notHoliday, CITY_SCOPE, "zh").contains("留校学生"));
    // in a holiday without the table (or never received): no data, never 0
    String noData = "国庆节假期（2021-10-01至2021-10-07）期间：未接收留校学生数据（无数据，不是0人）。";
    assertEquals(
        noData,
        new BriefingRenderer(withStays(b, nationalDay, List.of()), "zh", ZONE)
            .campusStayText(CITY_SCOPE));
    Briefing none =
        withStays(b, nationalDay, List.of(new Briefing.CampusStay(CITY, null, null, null, null)));
    assertEquals(noData, new BriefingRenderer(none, "zh", ZONE).campusStayText(CITY_SCOPE));
    // received but nobody stays: zeros are stated
    Briefing zero =
        withStays(b, nationalDay, List.of(new Briefing.CampusStay(CITY, 0L, 0L, 0L, 0L)));
    assertEquals(
        "国庆节假期（2021-10-01至2021-10-07）期间：今日在校留宿学生0人，其中未联系监护人0人、因病缺勤或有疫情信号0人；留校申请待审批0人。",
        new BriefingRenderer(zero, "zh", ZONE).campusStayText(CITY_SCOPE));
    // a city: its line, then the districts with someone on campus or pending
    Briefing some = withStays(b, nationalDay, rows);
    assertEquals(
        "国庆节假期（2021-10-01至2021-10-07）期间：今日在校留宿学生5人，其中未联系监护人1人、因病缺勤或有疫情信号1人；留校申请待审批2人。\n"
            + "上城区：留校5人，未联系监护人1人，因病缺勤或有疫情信号1人，待审批1人。",
        new BriefingRenderer(some, "zh", ZONE).campusStayText(CITY_SCOPE));
    String pdf = render(some, CITY_SCOPE, "zh");
    assertTrue(pdf.contains("十三、留校学生"), pdf);
    assertTrue(pdf.replace("\n", "").contains("上城区：留校5人"), pdf);
    String en = render(some, CITY_SCOPE, "en");
    assertTrue(en.contains("13. Students staying on campus"), en);
    assertTrue(en.contains("Holiday 2021-10-01 to 2021-10-07: on campus today 5 students"), en);
    assertTrue(!en.contains("国庆"), "the conf's Chinese name stays out of the English text");
  }

  /**
   * The layout holds with every section present (deferrals in a term start's window, campus stays
   * in a holiday): the summary band fits page 1 under the title. A band taller than the page moves
   * whole to page 2 and leaves page 1 empty but for the title, which no text check elsewhere sees.
   */
  @Test
  void withEverySectionPageOneStillHoldsTheFirstSections() throws Exception {
    io.epiwatch.config.Policy.Holiday nationalDay =
        new io.epiwatch.config.Policy.Holiday(
            "国庆节假期", java.time.LocalDate.of(2021, 10, 1), java.time.LocalDate.of(2021, 10, 7));
    Briefing b =
        withStays(
            withDeferrals(fullDay(7, 12), DeferralSectionTest.ROWS),
            nationalDay,
            List.of(new Briefing.CampusStay(CITY, 5L, 2L, 1L, 1L)));
    for (String lang : List.of("zh", "en")) {
      byte[] pdf =
          new BriefingRenderer(b, lang, ZONE)
              .render(CITY_SCOPE, Instant.parse("2021-10-05T02:00:00Z"), "brief-test");
      Path file = dir.resolve("briefing-every-section-" + lang + ".pdf");
      String all = text(pdf, file);
      String first = pageText(file, 1);
      String[] expected =
          lang.equals("zh")
              ? new String[] {"一、疫情信号", "二、关键指标", "十二、", "十三、"}
              : new String[] {"1. Case signals", "2. Key figures", "12. ", "13. "};
      assertTrue(all.contains(expected[2]) && all.contains(expected[3]), "every section: " + all);
      assertTrue(
          first.contains(expected[0]) && first.contains(expected[1]),
          lang + ": page 1 must hold the first sections, not the title alone: " + first);
    }
  }

  /** One page's text (whitespace collapsed). */
  private static String pageText(Path pdf, int page) throws Exception {
    try (PDDocument doc = Loader.loadPDF(pdf.toFile())) {
      PDFTextStripper s = new PDFTextStripper();
      s.setStartPage(page);
      s.setEndPage(page);
      return s.getText(doc).replaceAll("\\s+", " ");
    }
  }

  private static Briefing.Incidents incidents(
      IncidentPeriod p, String type, Long events, Long deathEvents, Long deaths, Long students) {
    return new Briefing.Incidents(CITY, p, type, events, deathEvents, deaths, students, 1L);
  }

  @Test
  void safetySectionSaysNoDataWhenNothingWasReceivedAndTheSeedsSentenceOtherwise()
      throws Exception {
    Briefing b = fullDay(7, 12);
    String noData = "未接收安全事件数据（无数据，不是0起）。";
    // a briefing without the table, and a warehouse that never received an incident file
    assertEquals(noData, new BriefingRenderer(b, "zh", ZONE).safetyText(CITY_SCOPE));
    Briefing none =
        withIncidents(
            b, List.of(incidents(IncidentPeriod.YTD, IncidentType.ALL, null, null, null, null)));
    assertEquals(noData, new BriefingRenderer(none, "zh", ZONE).safetyText(CITY_SCOPE));
    assertTrue(
        render(none, CITY_SCOPE, "zh").contains("十、安全事件"), "the section is there, saying so");

    // the seed's own figures (S1), as gold.safety_incidents_summary holds them for the city
    Briefing seed =
        withIncidents(
            b,
            List.of(
                incidents(IncidentPeriod.YTD, IncidentType.ALL, 10L, 9L, 13L, 20L),
                incidents(IncidentPeriod.YTD, "drowning", 4L, 4L, 6L, 4L),
                incidents(IncidentPeriod.YTD, "suicide", 3L, 3L, 3L, 3L),
                incidents(IncidentPeriod.YTD, "traffic", 1L, 1L, 3L, 3L),
                incidents(IncidentPeriod.YTD, "accident", 1L, 1L, 1L, 1L),
                incidents(IncidentPeriod.YTD, "food_safety", 1L, 0L, 0L, 9L),
                incidents(IncidentPeriod.LAST_30D, IncidentType.ALL, 1L, 0L, 0L, 9L),
                incidents(IncidentPeriod.LAST_30D, "food_safety", 1L, 0L, 0L, 9L),
                incidents(IncidentPeriod.SAME_PERIOD_LAST_YEAR, IncidentType.ALL, 0L, 0L, 0L, 0L),
                // a district's rows do not leak into the city's sentence
                new Briefing.Incidents(XIHU, IncidentPeriod.YTD, "fire", 1L, 1L, 1L, 1L, 0L)));
    assertEquals(
        "今年以来发生学生意外死亡事件9起，死亡13人（其中，溺亡事件4起、死亡6人，自杀事件3起、死亡3人，道路交通事故1起、死亡3人，意外事件1起、死亡1人，食品安全1起、涉及学生9人）。\n"
            + "去年同期发生学生意外死亡事件0起，死亡0人。\n"
            + "近30日发生安全事件1起，其中死亡事件0起；今年以来超过24小时上报1起。",
        new BriefingRenderer(seed, "zh", ZONE).safetyText(CITY_SCOPE));
    String pdf = render(seed, CITY_SCOPE, "zh");
    assertTrue(pdf.contains("今年以来发生学生意外死亡事件9起"), pdf);
    assertTrue(
        render(seed, CITY_SCOPE, "en").contains("Since the start of the year: 9 incidents"),
        "English");
  }
}
