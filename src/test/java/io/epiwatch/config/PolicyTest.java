package io.epiwatch.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.epiwatch.common.ExposureCategory;
import io.epiwatch.common.RuleMeasure;
import io.epiwatch.common.RuleScope;
import io.epiwatch.common.SourceEncoding;
import io.epiwatch.common.SymptomGroup;
import io.epiwatch.contract.Sources;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The policy is checked at load (no Spark): every mistake names the setting and what is allowed.
 */
class PolicyTest {
  private static String error(String hocon) {
    return assertThrows(IllegalArgumentException.class, () -> AppConfig.fromString(hocon))
        .getMessage();
  }

  @Test
  void theShippedPolicyLoadsWithTheHomeProvinceLeftToTheData() {
    Policy p = AppConfig.fromString("").policy();
    assertNull(p.homeProvince(), "unset in conf/epiwatch.conf: derived from the schools");
    assertEquals(Policy.EXPOSURE_CATEGORIES.size(), p.monitoringDays().size());
  }

  @Test
  void anUnknownKeyIsAnErrorNamingItAndTheKnownOnes() {
    String m = error("epiwatch.policy.home-provnce = \"41\"");
    assertTrue(
        m.contains("'epiwatch.policy.home-provnce' is not a known setting")
            && m.contains("home-province"),
        m);
    m = error("epiwatch.policy.cluster.ears-c2.treshold = 2.0");
    assertTrue(
        m.contains("'epiwatch.policy.cluster.ears-c2.treshold'") && m.contains("threshold"), m);
  }

  @Test
  void theDistrictEarsLevelsAndBaselineAreCheckedAtLoad() {
    Policy.DistrictEars e = AppConfig.fromString("").policy().districtEars();
    assertEquals(new Policy.DistrictEars(true, 9, 3, 3, 0.5, 2.0, 3.0, 3), e);
    String at = "epiwatch.policy.cluster.district-ears";
    assertEquals(
        "Property '"
            + at
            + ".alert' has illegal value: '2.0', allowed options: a number > warning (2.0)",
        error(at + ".alert = 2.0"));
    assertEquals(
        "Property '"
            + at
            + ".alert' has illegal value: '3.0', allowed options: a number > warning (3.5)",
        error(at + ".warning = 3.5"));
    assertTrue(error(at + ".warning = 0").contains("'" + at + ".warning' has illegal value"));
    assertTrue(
        error(at + ".sd-floor = 0").contains("'" + at + ".sd-floor' has illegal value: '0.0'"));
    assertTrue(
        error(at + ".min-baseline-days = 8")
            .contains("'" + at + ".min-baseline-days' has illegal value: '8'"));
    assertTrue(
        error(at + ".baseline-from = 2")
            .contains("'" + at + ".baseline-from' has illegal value: '2'"));
    String m = error(at + ".treshold = 2.0");
    assertTrue(m.contains("'" + at + ".treshold'") && m.contains("warning"), m);
  }

  @Test
  void aMisspelledExposureCategoryIsAnError() {
    String m = error("epiwatch.policy.monitoring-days.out_of_provice = 7");
    assertTrue(m.contains("'epiwatch.policy.monitoring-days.out_of_provice'"), m);
    assertTrue(m.contains("[abroad, high, medium, out_of_province, in_province]"), m);
    // a missing category would silently get 0 monitoring days
    // (null first: otherwise HOCON merges the object with the shipped one)
    m =
        error(
            "epiwatch.policy.monitoring-days = null\nepiwatch.policy.monitoring-days = { abroad = 28, high = 14, medium = 14, out_of_province = 7 }");
    assertTrue(m.contains("'epiwatch.policy.monitoring-days.in_province' is missing"), m);
  }

  @Test
  void aMisspelledRuleScopeSymptomGroupOrDiagnosisIsAnError() {
    String rule = "{ rule = r1, scope = %s, window = 1, threshold = 3, %s from = \"2000-01-01\" }";
    String m = error("epiwatch.policy.cluster.rules = [" + rule.formatted("classroom", "") + "]");
    assertEquals(
        "Property 'epiwatch.policy.cluster.rules[0].scope' has illegal value: 'classroom', allowed options: [class, school, dormitory]",
        m);
    m =
        error(
            "epiwatch.policy.cluster.rules = ["
                + rule.formatted("class", "symptom-group = flu,")
                + "]");
    assertTrue(
        m.contains("'epiwatch.policy.cluster.rules[0].symptom-group' has illegal value: 'flu'")
            && m.contains("ili"),
        m);
    m =
        error(
            "epiwatch.policy.cluster.rules = ["
                + rule.formatted("school", "diagnosis = HFMD,")
                + "]");
    assertTrue(
        m.contains("'epiwatch.policy.cluster.rules[0].diagnosis' has illegal value: 'HFMD'")
            && m.contains("hfmd"),
        m);
    m =
        error(
            "epiwatch.policy.cluster.rules = ["
                + rule.formatted("school", "")
                    .replace("from = \"2000-01-01\"", "from = \"2021-09-01\", to = \"2021-08-01\"")
                + "]");
    assertTrue(m.contains("'epiwatch.policy.cluster.rules[0].to'"), m);
  }

  @Test
  void aBadMeasureOrRateThresholdOrMinPersonsIsAnError() {
    String rule = "{ rule = r1, scope = class, window = 1, %s from = \"2000-01-01\" }";
    String m =
        error(
            "epiwatch.policy.cluster.rules = ["
                + rule.formatted("threshold = 3, measure = percent,")
                + "]");
    assertEquals(
        "Property 'epiwatch.policy.cluster.rules[0].measure' has illegal value: 'percent', allowed options: [persons, rate]",
        m);
    m =
        error(
            "epiwatch.policy.cluster.rules = ["
                + rule.formatted("threshold = 30, measure = rate,")
                + "]");
    assertTrue(m.contains("'epiwatch.policy.cluster.rules[0].threshold' has illegal value"), m);
    m =
        error(
            "epiwatch.policy.cluster.rules = ["
                + rule.formatted("threshold = 0.3, measure = rate, min-persons = 0,")
                + "]");
    assertTrue(m.contains("'epiwatch.policy.cluster.rules[0].min-persons' has illegal value"), m);
    Policy p =
        AppConfig.fromString(
                "epiwatch.policy.cluster.rules = ["
                    + rule.formatted("threshold = 0.3, measure = rate,")
                    + ", "
                    + rule.formatted("threshold = 3,")
                    + "]")
            .policy();
    assertEquals(RuleMeasure.RATE, p.clusterRules().get(0).measure());
    assertEquals(0.3, p.clusterRules().get(0).threshold());
    assertEquals(3, p.clusterRules().get(0).minPersons());
    assertEquals(RuleMeasure.PERSONS, p.clusterRules().get(1).measure());
  }

  @Test
  void aBandThatMatchesNobodyOrOverlapsAnotherIsAnError() {
    String m = error("epiwatch.policy.age-bands = [ { band = \"15-12\", min = 15, max = 12 } ]");
    assertTrue(
        m.startsWith("Property 'epiwatch.policy.age-bands[0].max' has illegal value: '12'"), m);
    m =
        error(
            "epiwatch.policy.age-bands = [ { band = a, min = 3, max = 12 }, { band = b, min = 12, max = 14 } ]");
    assertTrue(
        m.startsWith("Property 'epiwatch.policy.age-bands[1]' has illegal value: 'b (12..14)'")
            && m.contains("band a"),
        m);
  }

  @Test
  void aCampaignNamingNoConfiguredBandIsAnError() {
    String m =
        error(
            "epiwatch.policy.campaigns = [ { id = c1, age-band = \"12-15\", dose = 1, deadline = \"2021-09-30\", target-rate = 1.0 } ]");
    assertEquals(
        "Property 'epiwatch.policy.campaigns[0].age-band' has illegal value: '12-15', allowed options: "
            + "[3-11, 12-14, 15-17, 18-59, 60+]",
        m);
  }

  @Test
  void badValuesNameTheirSetting() {
    assertTrue(
        error("epiwatch.policy.lagging-threshold = 90")
            .startsWith("Property 'epiwatch.policy.lagging-threshold' has illegal value: '90.0'"));
    assertTrue(
        error("epiwatch.policy.home-province = \"Henan\"")
            .startsWith("Property 'epiwatch.policy.home-province' has illegal value: 'Henan'"));
    assertTrue(
        error("epiwatch.policy.city-names { \"4195\" = \"X\" }")
            .startsWith("Property 'epiwatch.policy.city-names' has illegal value: '4195'"));
    assertTrue(
        error("epiwatch.policy.reporting-cutoff = [ { from = \"2000-01-01\", time = \"25:00\" } ]")
            .startsWith(
                "Property 'epiwatch.policy.reporting-cutoff[0].time' has illegal value: '25:00'"));
    // a wrong type: Typesafe's message, with the setting
    assertTrue(
        error("epiwatch.policy.exposure-window-days = two").contains("exposure-window-days"));
  }

  @Test
  void aMisspelledEncodingIsAnErrorNamingTheAllowedOnes() {
    assertEquals(
        "Property 'epiwatch.sources.roster.encoding' has illegal value: 'UTF8', allowed options: [auto, UTF-8, GB18030, GBK]",
        error("epiwatch.sources.roster.encoding = UTF8"));
    assertEquals(
        "Property 'epiwatch.sources.schools.encoding' has illegal value: 'Big5', allowed options: [auto, UTF-8, GB18030, GBK]",
        error("epiwatch.sources.schools.encoding = Big5"));
  }

  @Test
  void encodingsAreReadCaseInsensitivelyAndDefaultToAuto() {
    AppConfig c =
        AppConfig.fromString(
            "epiwatch.sources.roster.encoding = \" gbk \"\nepiwatch.sources.schools.encoding = utf-8");
    assertEquals(SourceEncoding.GBK, c.encoding("roster"));
    assertEquals(SourceEncoding.UTF_8, c.encoding("schools"));
    assertEquals(SourceEncoding.AUTO, c.encoding("daily_reports"), "shipped: auto");
    assertEquals(SourceEncoding.AUTO, c.encoding("no_such_source"));
  }

  @Test
  void aMisspelledCategoryNamesTheSettingTheValueAndTheAllowedOnes() {
    String m = error("epiwatch.policy.monitoring-days.abrod = 28");
    assertEquals(
        "Property 'epiwatch.policy.monitoring-days.abrod' is not a known setting, allowed options: "
            + "[abroad, high, medium, out_of_province, in_province]",
        m);
  }

  @Test
  void rulesAreTypedAndMonitoringDaysKeyedByCategoryCode() {
    String hocon =
        "epiwatch.policy.cluster.rules = [ { rule = r1, scope = class, window = 3, threshold = 3, symptom-group = ili, "
            + "from = \"2000-01-01\" }, { rule = r2, scope = school, window = 7, threshold = 10, from = \"2000-01-01\" } ]";
    Policy p = AppConfig.fromString(hocon).policy();
    assertEquals(RuleScope.CLASS, p.clusterRules().get(0).scope());
    assertEquals(SymptomGroup.ILI, p.clusterRules().get(0).symptomGroup());
    assertEquals(RuleScope.SCHOOL, p.clusterRules().get(1).scope());
    assertNull(p.clusterRules().get(1).symptomGroup());
    for (ExposureCategory c : ExposureCategory.values())
      assertTrue(p.monitoringDays().containsKey(c.code()), c.code());
    assertEquals(28, p.monitoringDays().get(ExposureCategory.ABROAD.code()));
  }

  @Test
  void theVocabulariesOfThePolicyAreThoseOfTheSources() {
    assertEquals(Sources.DIAGNOSIS.codes(), Policy.DIAGNOSES);
  }

  @Test
  void theHomeProvinceIsDerivedFromTheSchoolsAndAConfiguredOneMustMatchThem() {
    Policy derived = AppConfig.fromString("").policy();
    assertEquals("41", derived.resolve(Set.of("41"), Map.of()).homeProvince());
    String several =
        assertThrows(
                IllegalArgumentException.class, () -> derived.resolve(Set.of("41", "42"), Map.of()))
            .getMessage();
    assertTrue(
        several.startsWith(
            "Property 'epiwatch.policy.home-province' is not set and the schools span several provinces [41, 42]"),
        several);

    Policy set = AppConfig.fromString("epiwatch.policy.home-province = \"33\"").policy();
    assertEquals("33", set.resolve(Set.of("33"), Map.of()).homeProvince());
    assertEquals(
        "42",
        AppConfig.fromString("epiwatch.policy.home-province = \"42\"")
            .policy()
            .resolve(Set.of("41", "42"), Map.of())
            .homeProvince());
    String wrong =
        assertThrows(IllegalArgumentException.class, () -> set.resolve(Set.of("41"), Map.of()))
            .getMessage();
    assertTrue(
        wrong.startsWith(
            "Property 'epiwatch.policy.home-province' has illegal value: '33', allowed options: [41]"),
        wrong);
    assertTrue(!wrong.contains("\n"), "one line");
  }

  @Test
  void cityNamesComeFromConfElseFromTheSchools() {
    Policy p =
        AppConfig.fromString("")
            .policy()
            .resolve(Set.of("33"), Map.of("330100", "杭州", "419500", "豫东市"));
    assertEquals("杭州市", p.cityNames().get("330100"), "conf wins");
    assertEquals("豫东市", p.cityNames().get("419500"), "the extract fills a city conf lacks");
  }

  @Test
  void holidaysAreCheckedAtLoadAndHoldFromToInclusive() {
    Policy shipped = AppConfig.fromString("").policy();
    java.time.LocalDate last = java.time.LocalDate.of(2021, 10, 5);
    assertEquals(
        java.time.LocalDate.of(2021, 10, 1),
        shipped.holidayOn(last).orElseThrow().from(),
        "the sample's last day lies in the shipped National Day holiday");
    assertTrue(shipped.holidayOn(java.time.LocalDate.of(2021, 9, 30)).isEmpty());
    String h = "epiwatch.policy.holidays = [ { name = \"国庆\", from = \"%s\", to = \"%s\" %s } ]";
    Policy.Holiday one =
        AppConfig.fromString(String.format(h, "2021-10-01", "2021-10-07", ""))
            .policy()
            .holidays()
            .get(0);
    assertTrue(one.holds(java.time.LocalDate.of(2021, 10, 1)), "from is included");
    assertTrue(one.holds(java.time.LocalDate.of(2021, 10, 7)), "to is included");
    assertTrue(!one.holds(java.time.LocalDate.of(2021, 10, 8)));
    assertTrue(!one.holds(java.time.LocalDate.of(2021, 9, 30)));
    String m = error(String.format(h, "2021-10-07", "2021-10-01", ""));
    assertTrue(
        m.startsWith("Property 'epiwatch.policy.holidays[0].to' has illegal value: '2021-10-01'"),
        m);
    m = error(String.format(h, "2021-10-01", "2021-10-32", ""));
    assertTrue(m.startsWith("Property 'epiwatch.policy.holidays[0].to' has illegal value"), m);
    m = error(String.format(h, "2021-10-01", "2021-10-07", ", until = \"2021-10-09\""));
    assertTrue(m.contains("'epiwatch.policy.holidays[0].until' is not a known setting"), m);
    m = error("epiwatch.policy.holidays = [ { name = x, from = \"2021-10-01\" } ]");
    assertTrue(m.contains("'epiwatch.policy.holidays[0].to' is missing"), m);
  }

  @Test
  void termStartsAreCheckedAtLoadAndTheirWindowIsSMinusFourteenToSPlusSeven() {
    java.util.List<Policy.TermStart> shipped = AppConfig.fromString("").policy().termStarts();
    assertEquals(
        java.util.List.of("2021-autumn", "2021-national-day"),
        shipped.stream().map(Policy.TermStart::id).toList());
    assertTrue(
        shipped.stream().anyMatch(t -> t.appliesOn(java.time.LocalDate.of(2021, 10, 5))),
        "the sample's last day lies in a shipped term start's window");
    String term =
        "epiwatch.policy.term-starts = [ { id = t1, start = \"2021-10-08\", school-types = [%s] %s } ]";
    Policy.TermStart t =
        AppConfig.fromString(String.format(term, "primary, junior_high", ""))
            .policy()
            .termStarts()
            .get(0);
    java.time.LocalDate s = java.time.LocalDate.of(2021, 10, 8);
    assertEquals(14, t.lookbackDays(), "lookback-days defaults to 14");
    assertTrue(t.householdExposure(), "household-exposure defaults to on");
    assertTrue(t.districts().isEmpty() && t.grades().isEmpty());
    // boundaries: S-14 included, S-15 excluded; S+7 included, S+8 excluded
    assertTrue(t.appliesOn(s.minusDays(14)));
    assertTrue(!t.appliesOn(s.minusDays(15)));
    assertTrue(t.appliesOn(s.plusDays(7)) && !t.appliesOn(s.plusDays(8)));
    assertEquals(s.minusDays(3), t.lookbackTo(s.minusDays(3)));
    assertEquals(s, t.lookbackTo(s.plusDays(2)));
    assertTrue(!t.stillAwayEvaluatedOn(s.minusDays(2)) && t.stillAwayEvaluatedOn(s.minusDays(1)));

    String m = error(String.format(term, "primry", ""));
    assertTrue(
        m.startsWith(
            "Property 'epiwatch.policy.term-starts[0].school-types' has illegal value: 'primry', allowed options: [university,"),
        m);
    m = error(String.format(term, "primary", ", distrcts = [\"330106\"]"));
    assertTrue(m.contains("'epiwatch.policy.term-starts[0].distrcts' is not a known setting"), m);
    m = error(String.format(term, "primary", ", districts = [\"3301\"]"));
    assertTrue(
        m.startsWith(
            "Property 'epiwatch.policy.term-starts[0].districts' has illegal value: '3301'"),
        m);
    m = error(String.format(term, "primary", ", lookback-days = 0"));
    assertTrue(m.startsWith("Property 'epiwatch.policy.term-starts[0].lookback-days'"), m);
    m = error(term.replace("2021-10-08", "2021-10-32").formatted("primary", ""));
    assertTrue(
        m.startsWith("Property 'epiwatch.policy.term-starts[0].start' has illegal value"), m);
    m = error(term.replace("school-types = [%s] %s", "").replace(", }", " }"));
    assertTrue(m.contains("'epiwatch.policy.term-starts[0].school-types' is missing"), m);
  }

  @Test
  void focusAreasAndTheHomeCityAreCheckedAtLoad() {
    String area =
        "epiwatch.policy.focus-areas = [ { id = nj, name = \"南京市\", match = [%s], %s from = \"2021-07-20\" } ]";
    Policy p = AppConfig.fromString(String.format(area, "\"3201\", \"SG\"", "")).policy();
    Policy.FocusArea f = p.focusAreas().get(0);
    assertEquals(java.util.List.of("3201", "SG"), f.match());
    assertEquals(14, f.windowDays(), "window-days defaults to 14");
    assertEquals(
        java.time.LocalDate.of(2021, 9, 22), f.windowFrom(java.time.LocalDate.of(2021, 10, 5)));
    assertTrue(f.appliesOn(java.time.LocalDate.of(2021, 10, 5)) && f.to() == null);
    assertEquals(
        java.time.LocalDate.of(2021, 8, 1),
        AppConfig.fromString(String.format(area, "\"3201\"", "since = \"2021-08-01\","))
            .policy()
            .focusAreas()
            .get(0)
            .windowFrom(java.time.LocalDate.of(2021, 10, 5)));

    String m = error(String.format(area, "\"3201\"", "sinse = \"2021-08-01\","));
    assertTrue(
        m.contains("'epiwatch.policy.focus-areas[0].sinse' is not a known setting")
            && m.contains("since"),
        m);
    m = error(String.format(area, "\"3201\"", "since = \"2021-08-32\","));
    assertTrue(
        m.startsWith(
            "Property 'epiwatch.policy.focus-areas[0].since' has illegal value: '2021-08-32', allowed options: a date YYYY-MM-DD"),
        m);
    m = error(String.format(area, "\"南京\"", ""));
    assertTrue(
        m.startsWith("Property 'epiwatch.policy.focus-areas[0].match' has illegal value"), m);
    m = error(String.format(area, "\"3201\"", "to = \"2021-07-01\","));
    assertTrue(m.startsWith("Property 'epiwatch.policy.focus-areas[0].to' has illegal value"), m);

    assertNull(AppConfig.fromString("").policy().homeCity(), "unset: derived from the schools");
    m = error("epiwatch.policy.home-city = \"330100\"");
    assertTrue(m.startsWith("Property 'epiwatch.policy.home-city' has illegal value: '330100'"), m);
    m = error("epiwatch.policy.home-province = \"33\"\nepiwatch.policy.home-city = \"4101\"");
    assertTrue(m.startsWith("Property 'epiwatch.policy.home-city' has illegal value: '4101'"), m);
    assertEquals(
        "3301", AppConfig.fromString("").policy().resolveHomeCity(Set.of("3301")).homeCity());
    assertNull(
        AppConfig.fromString("").policy().resolveHomeCity(Set.of("3301", "3302")).homeCity(),
        "several cities, nothing set: no split");
  }

  @Test
  void theVaccinationFollowUpDaysDefaultToSevenAndAreCheckedAtLoad() {
    Policy.VaccinationFollowUp v = AppConfig.fromString("").policy().vaccination();
    assertEquals(new Policy.VaccinationFollowUp(7, 7), v);
    assertEquals(
        new Policy.VaccinationFollowUp(0, 14),
        AppConfig.fromString(
                "epiwatch.policy.vaccination { grace-days = 0, deadline-warning-days = 14 }")
            .policy()
            .vaccination());
    assertEquals(
        "Property 'epiwatch.policy.vaccination.grace-days' has illegal value: '-1', allowed options: an integer >= 0",
        error("epiwatch.policy.vaccination.grace-days = -1"));
    String m = error("epiwatch.policy.vaccination.grace-day = 3");
    assertTrue(
        m.contains("'epiwatch.policy.vaccination.grace-day' is not a known setting")
            && m.contains("deadline-warning-days"),
        m);
    m = error("epiwatch.policy.vaccination.deadline-warning-days = soon");
    assertTrue(m.contains("deadline-warning-days"), m);
  }
}
