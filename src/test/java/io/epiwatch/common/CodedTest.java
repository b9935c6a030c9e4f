package io.epiwatch.common;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The fixed vocabularies (no Spark): every code maps back to its constant, the stored codes are
 * exactly the ones analysts query, and docs/rules.md and the briefing labels say the same.
 */
class CodedTest {
  private static final Path PROJECT = Path.of(System.getProperty("epiwatch.project.dir", "."));

  @Test
  void everyCodeRoundTripsThroughItsEnum() {
    for (ReasonCode e : ReasonCode.values()) assertSame(e, ReasonCode.of(e.code()));
    for (QualityFlag e : QualityFlag.values()) assertSame(e, QualityFlag.of(e.code()));
    for (OrgLevel e : OrgLevel.values()) assertSame(e, OrgLevel.of(e.code()));
    for (RuleScope e : RuleScope.values()) assertSame(e, RuleScope.of(e.code()));
    for (RuleMeasure e : RuleMeasure.values()) assertSame(e, RuleMeasure.of(e.code()));
    for (SymptomGroup e : SymptomGroup.values()) assertSame(e, SymptomGroup.of(e.code()));
    for (ExposureCategory e : ExposureCategory.values())
      assertSame(e, ExposureCategory.of(e.code()));
    for (SourceEncoding e : SourceEncoding.values())
      assertSame(e, SourceEncoding.lookup(e.code()).orElseThrow());
    for (ExposureCategory.Rank r : ExposureCategory.Rank.values())
      assertSame(r, ExposureCategory.Rank.of(r.rank()));
    for (VaccinationStatus e : VaccinationStatus.values())
      assertSame(e, VaccinationStatus.of(e.code()));
    for (InspectionMode e : InspectionMode.values()) assertSame(e, InspectionMode.of(e.code()));
    for (InspectionScope e : InspectionScope.values()) assertSame(e, InspectionScope.of(e.code()));
    for (FindingCategory e : FindingCategory.values()) assertSame(e, FindingCategory.of(e.code()));
    for (Severity e : Severity.values()) assertSame(e, Severity.of(e.code()));
    for (FindingStatus e : FindingStatus.values()) assertSame(e, FindingStatus.of(e.code()));
    for (DeferralReason e : DeferralReason.values()) assertSame(e, DeferralReason.of(e.code()));
  }

  @Test
  void theStoredCodesAreUnchanged() {
    // byte for byte what ops.quarantine, ops.data_quality and the gold tables hold
    assertEquals(
        List.of(
            "MISSING_REQUIRED",
            "BAD_DATE",
            "BAD_NUMBER",
            "NEGATIVE_COUNT",
            "UNKNOWN_CODE",
            "INVALID_ID_CHECKSUM",
            "UNKNOWN_SCHOOL",
            "FUTURE_DATE",
            "PRESENT_GT_EXPECTED",
            "ABSENCES_GT_EXPECTED",
            "RETURN_BEFORE_DEPARTURE",
            "LINKED_PERSON_UNKNOWN",
            "FIELD_COUNT",
            "REPORTED_BEFORE_INCIDENT",
            "UNKNOWN_ALERT",
            "UNKNOWN_INSPECTION",
            "UNKNOWN_PERSON",
            "UNKNOWN_GRADE"),
        Coded.codes(ReasonCode.class));
    assertEquals(
        List.of("routine", "unannounced", "self_check", "review"),
        Coded.codes(InspectionMode.class));
    assertEquals(
        List.of("epidemic", "safety", "training_institution"), Coded.codes(InspectionScope.class));
    assertEquals(List.of("high", "medium", "low"), Coded.codes(Severity.class));
    assertEquals(
        List.of("open", "overdue", "rectified_on_time", "rectified_late"),
        Coded.codes(FindingStatus.class));
    assertEquals(
        List.of(
            "morning_check",
            "absence_followup",
            "daily_report",
            "disinfection_ventilation",
            "access_control",
            "canteen_cold_chain",
            "gathering",
            "supplies",
            "plans",
            "drills",
            "duty",
            "building",
            "fire",
            "lab_chemicals",
            "special_equipment",
            "food",
            "school_bus",
            "surroundings",
            "other"),
        Coded.codes(FindingCategory.class));
    assertEquals(
        List.of(
            "ZERO_REPORT_CONTRADICTION",
            "LINE_LIST_COUNT_MISMATCH",
            "INTERVAL_TOO_SHORT",
            "MISSING_PRIOR_DOSE",
            "NOT_ON_ROSTER"),
        Coded.codes(QualityFlag.class));
    assertEquals(List.of("school", "district", "city", "province"), Coded.codes(OrgLevel.class));
    assertEquals(List.of("class", "school", "dormitory"), Coded.codes(RuleScope.class));
    assertEquals(List.of("persons", "rate"), Coded.codes(RuleMeasure.class));
    assertEquals(
        List.of(
            "rash", "parotitis", "conjunctivitis", "gi", "ili", "fever", "respiratory", "other"),
        Coded.codes(SymptomGroup.class));
    assertEquals(
        List.of("abroad", "high", "medium", "out_of_province", "in_province"),
        Coded.codes(ExposureCategory.class));
    assertEquals(List.of("auto", "UTF-8", "GB18030", "GBK"), Coded.codes(SourceEncoding.class));
    assertEquals(List.of("direct", "possible"), Coded.codes(ExposureCategory.MatchType.class));
    assertEquals(List.of("risk_area", "focus_area"), Coded.codes(AreaKind.class));
    assertEquals(
        List.of("report_confirmed", "report_suspected", "line_list_covid19", "test_positive"),
        Coded.codes(SignalType.class));
    assertEquals(
        List.of(
            "drowning",
            "suicide",
            "traffic",
            "accident",
            "food_safety",
            "fire",
            "crowd_crush",
            "bullying",
            "violence",
            "building",
            "other"),
        Coded.codes(IncidentType.class));
    assertEquals(
        List.of("ytd", "last_30d", "same_period_last_year"), Coded.codes(IncidentPeriod.class));
    assertEquals(
        List.of(
            "record_gap",
            "never_vaccinated",
            "overdue",
            "due",
            "scheduled",
            "completed",
            "contraindicated",
            "contraindication_expiring"),
        Coded.codes(VaccinationStatus.class));
    assertEquals(
        List.of(
            "abroad_14d",
            "risk_area_14d",
            "risk_area_review",
            "still_away",
            "in_monitoring_at_start",
            "symptoms_14d",
            "household_exposure",
            "school_in_risk_area"),
        Coded.codes(DeferralReason.class));
    assertFalse(DeferralReason.RISK_AREA_REVIEW.defers(), "listed, not counted");
  }

  @Test
  void theVaccinationStatusesOfEligiblePersonsComeFirstAndTheListNamesThoseToActOn() {
    assertEquals(
        List.of(
            VaccinationStatus.RECORD_GAP,
            VaccinationStatus.NEVER_VACCINATED,
            VaccinationStatus.OVERDUE,
            VaccinationStatus.DUE,
            VaccinationStatus.CONTRAINDICATION_EXPIRING),
        VaccinationStatus.listedStatuses());
    assertEquals(
        6,
        java.util.Arrays.stream(VaccinationStatus.values())
            .filter(VaccinationStatus::eligible)
            .count());
    assertEquals("第2剂逾期8天", VaccinationStatus.OVERDUE.label(2, 8));
    assertEquals("第3剂待种", VaccinationStatus.DUE.label(3, null));
    assertEquals("应种未种", VaccinationStatus.NEVER_VACCINATED.label(null, null));
  }

  @Test
  void theRanksRunOneToSevenHighestFirst() {
    ExposureCategory.Rank[] ranks = ExposureCategory.Rank.values();
    for (int i = 0; i < ranks.length; i++) assertEquals(i + 1, ranks[i].rank());
    assertEquals("high", ExposureCategory.Rank.HIGH_POSSIBLE.category().code());
    assertEquals("possible", ExposureCategory.Rank.HIGH_POSSIBLE.match().code());
    assertTrue(ExposureCategory.isRiskArea("medium"));
    assertFalse(ExposureCategory.isRiskArea("out_of_province"));
    assertFalse(ExposureCategory.isRiskArea(null));
  }

  @Test
  void anUnknownCodeNamesItAndTheAllowedOnes() {
    String m =
        assertThrows(IllegalArgumentException.class, () -> RuleScope.of("grade")).getMessage();
    assertEquals("unknown RuleScope 'grade', allowed options: [class, school, dormitory]", m);
    assertTrue(SourceEncoding.lookup("UTF8").isEmpty(), "only the documented spellings");
  }

  @Test
  void docsRulesListsExactlyTheReasonCodes() throws IOException {
    String rules = Files.readString(PROJECT.resolve("docs/rules.md"), StandardCharsets.UTF_8);
    String section = rules.substring(rules.indexOf("### 1.4 "), rules.indexOf("### 1.5 "));
    TreeSet<String> inDocs = new TreeSet<>();
    Matcher m = Pattern.compile("^\\| `([A-Z_]+)` \\|", Pattern.MULTILINE).matcher(section);
    while (m.find()) inDocs.add(m.group(1));
    Matcher bold =
        Pattern.compile("\\*\\*\\[new\\] `([A-Z_]+)`\\.\\*\\*|quarantined as\\s+`([A-Z_]+)`")
            .matcher(section);
    while (bold.find()) inDocs.add(bold.group(1) != null ? bold.group(1) : bold.group(2));
    assertEquals(
        new TreeSet<>(Coded.codes(ReasonCode.class)), inDocs, "docs/rules.md §1.4 vs ReasonCode");
  }

  @Test
  void docsRulesListsExactlyTheQualityFlags() throws IOException {
    String rules = Files.readString(PROJECT.resolve("docs/rules.md"), StandardCharsets.UTF_8);
    TreeSet<String> inDocs = new TreeSet<>();
    Matcher m =
        Pattern.compile("^\\| `([A-Z_]+)` \\|", Pattern.MULTILINE)
            .matcher(
                rules.substring(
                    rules.indexOf("| flag (ops.data_quality) |"),
                    rules.indexOf("Flags are replaced whenever")));
    while (m.find()) inDocs.add(m.group(1));
    assertEquals(
        new TreeSet<>(Coded.codes(QualityFlag.class)),
        inDocs,
        "docs/rules.md §2.9 flag tables vs QualityFlag");
  }

  @Test
  void theChineseCategoryLabelsAreTheBriefings() throws IOException {
    Properties zh = new Properties();
    try (InputStream in = Files.newInputStream(PROJECT.resolve("reports/briefing_zh.properties"))) {
      zh.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
    }
    for (ExposureCategory c : ExposureCategory.values())
      assertEquals(zh.getProperty("category." + c.code()), c.label(), c.code());
    for (VaccinationStatus s : VaccinationStatus.values())
      assertEquals(zh.getProperty("vaxstatus." + s.code()), s.label(), s.code());
  }

  @Test
  void everySignalTypeIsDocumentedAndLabelled() throws IOException {
    String rules = Files.readString(PROJECT.resolve("docs/rules.md"), StandardCharsets.UTF_8);
    String section = rules.substring(rules.indexOf("### 4.7 "), rules.indexOf("### 4.8 "));
    TreeSet<String> inDocs = new TreeSet<>();
    Matcher m = Pattern.compile("^\\| `([a-z0-9_]+)` \\|", Pattern.MULTILINE).matcher(section);
    while (m.find()) inDocs.add(m.group(1));
    assertEquals(new TreeSet<>(Coded.codes(SignalType.class)), inDocs, "docs/rules.md §4.7");
    for (String lang : new String[] {"zh", "en"}) {
      Properties texts = new Properties();
      try (InputStream in =
          Files.newInputStream(PROJECT.resolve("reports/briefing_" + lang + ".properties"))) {
        texts.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
      }
      for (SignalType t : SignalType.values())
        assertTrue(texts.containsKey("signal." + t.code()), lang + ": signal." + t.code());
    }
  }

  @Test
  void everyDeferralReasonIsDocumentedAndLabelled() throws IOException {
    String rules = Files.readString(PROJECT.resolve("docs/rules.md"), StandardCharsets.UTF_8);
    // §4.11 up to §4.12 (which has a measures table of its own)
    String section = rules.substring(rules.indexOf("### 4.11 "), rules.indexOf("### 4.12 "));
    TreeSet<String> inDocs = new TreeSet<>();
    Matcher m = Pattern.compile("^\\| `([a-z0-9_]+)` \\|", Pattern.MULTILINE).matcher(section);
    while (m.find()) inDocs.add(m.group(1));
    assertEquals(new TreeSet<>(Coded.codes(DeferralReason.class)), inDocs, "docs/rules.md §4.11");
    for (String lang : new String[] {"zh", "en"}) {
      Properties texts = new Properties();
      try (InputStream in =
          Files.newInputStream(PROJECT.resolve("reports/briefing_" + lang + ".properties"))) {
        texts.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
      }
      for (DeferralReason r : DeferralReason.values())
        assertTrue(texts.containsKey("deferral." + r.code()), lang + ": deferral." + r.code());
    }
  }
}
