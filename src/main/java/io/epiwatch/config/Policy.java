package io.epiwatch.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import io.epiwatch.common.Coded;
import io.epiwatch.common.ExposureCategory;
import io.epiwatch.common.RuleMeasure;
import io.epiwatch.common.RuleScope;
import io.epiwatch.common.SymptomGroup;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The dated policy, typed, validated at load and immutable. Values the data can decide (home
 * province, city names) may be left unset; {@link #resolve} fills them from the schools.
 *
 * @param homeProvince first two digits of the home province's division codes; null until {@link
 *     #resolve} derives it from the schools (when not configured)
 * @param monitoringDays exposure category code ({@link ExposureCategory#code}) -> days, one entry
 *     per category
 * @param cityNames city code -> name: the conf map, plus (after {@link #resolve}) names from the
 *     schools extract for cities the map lacks
 * @param homeCity first four digits of the home city's division codes; null until {@link
 *     #resolveHomeCity} derives it from the schools (when not configured), and null after it when
 *     the schools span several cities (then in_province is not split into in_city / out_of_city)
 * @param inCityMonitoringDays monitoring days after an in_province trip that stayed within the home
 *     city (不离市); the in_province days apply to the rest
 * @param focusAreas events watched beside the official risk areas (gold.exposure_by_area)
 * @param termStarts the term starts whose deferred returns are computed (gold.return_deferrals)
 * @param holidays the school holidays: the briefing's 留校学生 section shows on their days
 */
public record Policy(
    List<Dated<LocalTime>> reportingCutoffs,
    String homeProvince,
    List<AgeBand> ageBands,
    int vaccinationMinAge,
    List<Campaign> campaigns,
    double laggingThreshold,
    Map<String, Integer> monitoringDays,
    int exposureWindowDays,
    int quietGapDays,
    List<ClusterRule> clusterRules,
    EarsC2 earsC2,
    DistrictEars districtEars,
    List<VaccineProduct> vaccineProducts,
    Map<String, String> cityNames,
    String homeCity,
    int inCityMonitoringDays,
    List<FocusArea> focusAreas,
    VaccinationFollowUp vaccination,
    List<TermStart> termStarts,
    List<Holiday> holidays) {

  /**
   * A school holiday (docs/rules.md §4.12, conf {@code policy.holidays}): {@code from} .. {@code
   * to}, both days included; on its days the briefing shows the students staying on campus.
   */
  public record Holiday(String name, LocalDate from, LocalDate to) {
    /** Whether D lies in [from, to]. */
    public boolean holds(LocalDate d) {
      return !d.isBefore(from) && !d.isAfter(to);
    }
  }

  /** The holiday holding D (the first in conf order when several overlap), if any. */
  public java.util.Optional<Holiday> holidayOn(LocalDate d) {
    return holidays.stream().filter(h -> h.holds(d)).findFirst();
  }

  /** A value that holds from a date on, until the next entry's date. */
  public record Dated<T>(LocalDate from, T value) {}

  public record AgeBand(String band, int min, Integer max) {
    public boolean contains(int age) {
      return age >= min && (max == null || age <= max);
    }
  }

  public record Campaign(
      String id, String ageBand, int dose, LocalDate deadline, double targetRate) {}

  /**
   * One row of the dated cluster rule table (docs/rules.md §4.4). symptomGroup and diagnosis, when
   * both given, match either; perSymptomGroup = count separately per symptom group. measure
   * persons: threshold is a whole number of persons; measure rate: threshold is a fraction in (0,
   * 1] of the unit's denominator and the persons must also reach minPersons (ignored for persons).
   */
  public record ClusterRule(
      String rule,
      RuleScope scope,
      int window,
      double threshold,
      SymptomGroup symptomGroup,
      String diagnosis,
      boolean perSymptomGroup,
      LocalDate from,
      LocalDate to,
      RuleMeasure measure,
      int minPersons) {
    public boolean appliesOn(LocalDate d) {
      return !d.isBefore(from) && (to == null || !d.isAfter(to));
    }
  }

  public record EarsC2(
      boolean enabled,
      int baselineFrom,
      int baselineTo,
      int minBaselineDays,
      double sdFloor,
      double threshold) {}

  /**
   * EARS-C2 per district and symptom group on the daily rate per 1,000 expected students
   * (docs/rules.md §4.4.2, conf {@code policy.cluster.district-ears}, gold.district_ears): the
   * baseline is the rates of days t - baselineFrom .. t - baselineTo, at least minBaselineDays of
   * them; z = (x - mean) / max(sd, sdFloor) (per-1,000 units); level warning when z &gt; warning,
   * alert when z &gt; alert.
   */
  public record DistrictEars(
      boolean enabled,
      int baselineFrom,
      int baselineTo,
      int minBaselineDays,
      double sdFloor,
      double warning,
      double alert,
      int minCases) {}

  public record VaccineProduct(
      String product, int seriesDoses, int minIntervalDays, List<String> match) {}

  /**
   * An event watched beside the official risk areas (docs/rules.md §4.6.1): a trip counts when its
   * destination code starts with one of {@code match} (division-code prefixes or ISO 3166 alpha-2
   * country codes) and its stay overlaps [since, D], or the last windowDays days when since is
   * null. The area is shown on the days from..to (to null = open).
   */
  public record FocusArea(
      String id,
      String name,
      List<String> match,
      LocalDate since,
      int windowDays,
      LocalDate from,
      LocalDate to) {
    public FocusArea {
      match = List.copyOf(match);
    }

    public boolean appliesOn(LocalDate d) {
      return !d.isBefore(from) && (to == null || !d.isAfter(to));
    }

    /** First day of the window on D: since, else D - windowDays + 1. */
    public LocalDate windowFrom(LocalDate d) {
      return since != null ? since : d.minusDays(windowDays - 1L);
    }
  }

  /**
   * A term start (docs/rules.md §4.11, conf {@code policy.term-starts}): the schools of the given
   * types (and districts; every district when empty) open on {@code start} (S); their active roster
   * persons (students of the given grades only, when grades are given) are checked for a deferred
   * return on every day of [S - lookbackDays, S + daysAfter].
   *
   * @param householdExposure a household member's abroad or risk-area stay defers the linked
   *     student
   */
  public record TermStart(
      String id,
      LocalDate start,
      List<String> schoolTypes,
      List<String> districts,
      List<String> grades,
      int lookbackDays,
      int daysAfter,
      boolean householdExposure) {
    public TermStart {
      schoolTypes = List.copyOf(schoolTypes);
      districts = List.copyOf(districts);
      grades = List.copyOf(grades);
    }

    /** First day of the evaluation window and of the look-back: S - lookbackDays. */
    public LocalDate windowFrom() {
      return start.minusDays(lookbackDays);
    }

    /** Last day of the evaluation window: S + daysAfter. */
    public LocalDate windowTo() {
      return start.plusDays(daysAfter);
    }

    /** Whether D lies in [S - lookbackDays, S + daysAfter] (outside it nothing is computed). */
    public boolean appliesOn(LocalDate d) {
      return !d.isBefore(windowFrom()) && !d.isAfter(windowTo());
    }

    /** Last day of the look-back on D: min(S, D). */
    public LocalDate lookbackTo(LocalDate d) {
      return d.isBefore(start) ? d : start;
    }

    /** still_away is evaluated from S - 1 on. */
    public boolean stillAwayEvaluatedOn(LocalDate d) {
      return !d.isBefore(start.minusDays(1));
    }
  }

  /** The term starts whose window holds D. */
  public List<TermStart> termStartsOn(LocalDate d) {
    return termStarts.stream().filter(t -> t.appliesOn(d)).toList();
  }

  /**
   * The follow-up of vaccinations (docs/rules.md §4.8), conf {@code policy.vaccination}.
   *
   * @param graceDays a dose due more than this many days before D is overdue (else due)
   * @param deadlineWarningDays a campaign whose deadline is at most this many days after D (or
   *     past) puts the persons of its band who lack its dose at risk
   */
  public record VaccinationFollowUp(int graceDays, int deadlineWarningDays) {}

  /** Cutoff in force on a date. */
  public LocalTime reportingCutoff(LocalDate d) {
    return reportingCutoffs.stream()
        .filter(x -> !x.from().isAfter(d))
        .max(Comparator.comparing(Dated::from))
        .map(Dated::value)
        .orElseThrow(
            () -> new IllegalStateException("policy.reporting-cutoff: no entry in force on " + d));
  }

  public Optional<AgeBand> ageBandOf(int age) {
    return ageBands.stream().filter(b -> b.contains(age)).findFirst();
  }

  // ------------------------------------------------------------------ vocabularies of the policy

  /** Exposure category codes (monitoring-days keys), highest first: {@link ExposureCategory}. */
  public static final List<String> EXPOSURE_CATEGORIES = Coded.codes(ExposureCategory.class);

  /** Scope codes of a cluster rule: {@link RuleScope}. */
  public static final List<String> RULE_SCOPES = Coded.codes(RuleScope.class);

  public static final List<String> RULE_MEASURES = Coded.codes(RuleMeasure.class);

  /** Symptom group codes of the line list, first match wins: {@link SymptomGroup}. */
  public static final List<String> SYMPTOM_GROUPS = Coded.codes(SymptomGroup.class);

  /** Diagnosis codes of the line list (the diagnosis vocabulary of the absence_cases source). */
  public static final List<String> DIAGNOSES = io.epiwatch.contract.Sources.DIAGNOSIS.codes();

  /** The rule name the EARS-C2 alerts carry; a configured rule may not take it. */
  public static final String EARS_RULE = "school_ears_c2";

  static final String ROOT = "epiwatch.policy";

  /**
   * Reads and validates the policy block: every key must be known, every value in its range and
   * every name (category, scope, symptom group, diagnosis, age band) one of the allowed ones. A
   * mistake is an {@link IllegalArgumentException} naming the setting and what is allowed, never a
   * silent default. home-province may be left unset (derived from the schools, see {@link
   * #resolve}).
   */
  static Policy from(Config p) {
    try {
      return read(p);
    } catch (ConfigException e) {
      throw new IllegalArgumentException(ROOT + ": " + e.getMessage(), e);
    }
  }

  private static Policy read(Config p) {
    keys(
        p,
        ROOT,
        "reporting-cutoff",
        "city-names",
        "home-province",
        "age-bands",
        "vaccination-min-age",
        "campaigns",
        "lagging-threshold",
        "monitoring-days",
        "exposure-window-days",
        "cluster",
        "vaccine-products",
        "home-city",
        "in-city-monitoring-days",
        "focus-areas",
        "vaccination",
        "term-starts",
        "holidays");
    List<? extends Config> cutoffList = p.getConfigList("reporting-cutoff");
    if (cutoffList.isEmpty())
      throw illegal(
          ROOT + ".reporting-cutoff",
          "[]",
          "at least one { from = \"YYYY-MM-DD\", time = \"HH:MM\" }");
    List<Dated<LocalTime>> cutoffs = new ArrayList<>();
    for (int i = 0; i < cutoffList.size(); i++) {
      Config c = cutoffList.get(i);
      String at = ROOT + ".reporting-cutoff[" + i + "]";
      keys(c, at, "from", "time");
      cutoffs.add(new Dated<>(date(c, at, "from"), time(c, at, "time")));
    }

    List<? extends Config> bandList = p.getConfigList("age-bands");
    if (bandList.isEmpty())
      throw illegal(
          ROOT + ".age-bands", "[]", "at least one { band = NAME, min = AGE[, max = AGE] }");
    List<AgeBand> bands = new ArrayList<>();
    for (int i = 0; i < bandList.size(); i++) {
      Config c = bandList.get(i);
      String at = ROOT + ".age-bands[" + i + "]";
      keys(c, at, "band", "min", "max");
      AgeBand b =
          new AgeBand(
              nonBlank(c, at, "band"),
              atLeast(c, at, "min", 0),
              c.hasPath("max") ? c.getInt("max") : null);
      if (b.max() != null && b.max() < b.min()) {
        throw illegal(
            at + ".max",
            String.valueOf(b.max()),
            "an age >= min (" + b.min() + "); a band with max < min matches nobody");
      }
      for (AgeBand o : bands) {
        if (o.band().equals(b.band()))
          throw illegal(at + ".band", b.band(), "a name not used by another band");
        boolean overlap =
            (o.max() == null || b.min() <= o.max()) && (b.max() == null || o.min() <= b.max());
        if (overlap) {
          throw illegal(
              at,
              b.band() + " (" + b.min() + ".." + (b.max() == null ? "" : b.max()) + ")",
              "ages not covered by band "
                  + o.band()
                  + " ("
                  + o.min()
                  + ".."
                  + (o.max() == null ? "" : o.max())
                  + "): bands must not overlap");
        }
      }
      bands.add(b);
    }
    List<String> bandNames = bands.stream().map(AgeBand::band).toList();
    int minAge = atLeast(p, ROOT, "vaccination-min-age", 0);

    List<? extends Config> campaignList = p.getConfigList("campaigns");
    List<Campaign> campaigns = new ArrayList<>();
    for (int i = 0; i < campaignList.size(); i++) {
      Config c = campaignList.get(i);
      String at = ROOT + ".campaigns[" + i + "]";
      keys(c, at, "id", "age-band", "dose", "deadline", "target-rate");
      String id = nonBlank(c, at, "id");
      if (campaigns.stream().anyMatch(x -> x.id().equals(id)))
        throw illegal(at + ".id", id, "an id not used by another campaign");
      String band = oneOf(c, at, "age-band", bandNames);
      double target = c.getDouble("target-rate");
      if (!(target > 0 && target <= 1))
        throw illegal(at + ".target-rate", String.valueOf(target), "a fraction in (0, 1]");
      campaigns.add(
          new Campaign(id, band, atLeast(c, at, "dose", 1), date(c, at, "deadline"), target));
    }
    double lagging = p.getDouble("lagging-threshold");
    if (!(lagging > 0 && lagging <= 1))
      throw illegal(ROOT + ".lagging-threshold", String.valueOf(lagging), "a fraction in (0, 1]");

    Config md = p.getConfig("monitoring-days");
    keys(md, ROOT + ".monitoring-days", EXPOSURE_CATEGORIES.toArray(String[]::new));
    Map<String, Integer> monitoring = new TreeMap<>();
    for (String k : EXPOSURE_CATEGORIES) {
      if (!md.hasPath(k)) throw missing(ROOT + ".monitoring-days." + k, EXPOSURE_CATEGORIES);
      monitoring.put(k, atLeast(md, ROOT + ".monitoring-days", k, 0));
    }
    int window = atLeast(p, ROOT, "exposure-window-days", 1);

    Config cl = p.getConfig("cluster");
    String clAt = ROOT + ".cluster";
    keys(cl, clAt, "quiet-gap-days", "rules", "ears-c2", "district-ears");
    List<? extends Config> ruleList = cl.getConfigList("rules");
    List<ClusterRule> rules = new ArrayList<>();
    for (int i = 0; i < ruleList.size(); i++) {
      Config c = ruleList.get(i);
      String at = clAt + ".rules[" + i + "]";
      keys(
          c,
          at,
          "rule",
          "scope",
          "window",
          "threshold",
          "per-symptom-group",
          "symptom-group",
          "diagnosis",
          "from",
          "to",
          "measure",
          "min-persons");
      String rule = nonBlank(c, at, "rule");
      if (!rule.matches("[a-z0-9_]+") || rule.equals(EARS_RULE)) {
        throw illegal(
            at + ".rule",
            rule,
            "a name of lower-case letters, digits and '_' other than " + EARS_RULE);
      }
      SymptomGroup group =
          c.hasPath("symptom-group")
              ? SymptomGroup.of(oneOf(c, at, "symptom-group", SYMPTOM_GROUPS))
              : null;
      String diagnosis = c.hasPath("diagnosis") ? oneOf(c, at, "diagnosis", DIAGNOSES) : null;
      LocalDate from = date(c, at, "from");
      LocalDate to = c.hasPath("to") ? date(c, at, "to") : null;
      if (to != null && to.isBefore(from))
        throw illegal(at + ".to", to.toString(), "a date on or after 'from' (" + from + ")");
      RuleMeasure measure =
          c.hasPath("measure")
              ? RuleMeasure.of(oneOf(c, at, "measure", RULE_MEASURES))
              : RuleMeasure.PERSONS;
      double threshold;
      if (measure == RuleMeasure.RATE) {
        threshold = c.getDouble("threshold");
        if (!(threshold > 0 && threshold <= 1))
          throw illegal(
              at + ".threshold",
              String.valueOf(threshold),
              "a fraction > 0 and <= 1 (measure = rate)");
      } else {
        threshold = atLeast(c, at, "threshold", 1);
      }
      int minPersons = c.hasPath("min-persons") ? atLeast(c, at, "min-persons", 1) : 3;
      rules.add(
          new ClusterRule(
              rule,
              RuleScope.of(oneOf(c, at, "scope", RULE_SCOPES)),
              atLeast(c, at, "window", 1),
              threshold,
              group,
              diagnosis,
              c.hasPath("per-symptom-group") && c.getBoolean("per-symptom-group"),
              from,
              to,
              measure,
              minPersons));
    }
    Config e = cl.getConfig("ears-c2");
    String eAt = clAt + ".ears-c2";
    keys(
        e,
        eAt,
        "enabled",
        "baseline-from",
        "baseline-to",
        "min-baseline-days",
        "sd-floor",
        "threshold");
    int[] baseline = baseline(e, eAt);
    int bFrom = baseline[0], bTo = baseline[1], minDays = baseline[2];
    double sdFloor = e.getDouble("sd-floor");
    if (!(sdFloor > 0)) throw illegal(eAt + ".sd-floor", String.valueOf(sdFloor), "a number > 0");
    double threshold = e.getDouble("threshold");
    if (!(threshold > 0))
      throw illegal(eAt + ".threshold", String.valueOf(threshold), "a number > 0");
    EarsC2 ears = new EarsC2(e.getBoolean("enabled"), bFrom, bTo, minDays, sdFloor, threshold);
    DistrictEars districtEars =
        districtEars(cl.getConfig("district-ears"), clAt + ".district-ears");

    List<? extends Config> productList = p.getConfigList("vaccine-products");
    List<VaccineProduct> products = new ArrayList<>();
    for (int i = 0; i < productList.size(); i++) {
      Config c = productList.get(i);
      String at = ROOT + ".vaccine-products[" + i + "]";
      keys(c, at, "product", "series-doses", "min-interval-days", "match");
      String product = nonBlank(c, at, "product");
      if (products.stream().anyMatch(x -> x.product().equals(product)))
        throw illegal(at + ".product", product, "a name not used by another product");
      List<String> match = c.getStringList("match");
      if (match.isEmpty() || match.stream().anyMatch(String::isBlank)) {
        throw illegal(
            at + ".match",
            String.valueOf(match),
            "a list of non-empty strings found in vaccine_product or manufacturer");
      }
      products.add(
          new VaccineProduct(
              product,
              atLeast(c, at, "series-doses", 1),
              atLeast(c, at, "min-interval-days", 0),
              match));
    }

    Config vf = p.getConfig("vaccination");
    String vfAt = ROOT + ".vaccination";
    keys(vf, vfAt, "grace-days", "deadline-warning-days");
    VaccinationFollowUp followUp =
        new VaccinationFollowUp(
            atLeast(vf, vfAt, "grace-days", 0), atLeast(vf, vfAt, "deadline-warning-days", 0));

    String home = null;
    if (p.hasPath("home-province")) {
      home = p.getString("home-province").trim();
      if (!home.matches("\\d{2}")) {
        throw illegal(
            ROOT + ".home-province",
            home,
            "two digits (the first two of the schools' district codes), or unset to derive it from the schools");
      }
    }
    String city = null;
    if (p.hasPath("home-city")) {
      city = p.getString("home-city").trim();
      if (!city.matches("\\d{4}")) {
        throw illegal(
            ROOT + ".home-city",
            city,
            "four digits (the first four of the schools' district codes), or unset to derive it from the schools");
      }
      if (home != null && !city.startsWith(home)) {
        throw illegal(
            ROOT + ".home-city",
            city,
            "a city of the home province " + home + " (" + ROOT + ".home-province)");
      }
    }
    return new Policy(
        cutoffs,
        home,
        bands,
        minAge,
        campaigns,
        lagging,
        monitoring,
        window,
        atLeast(cl, clAt, "quiet-gap-days", 1),
        rules,
        ears,
        districtEars,
        products,
        cityNames(p),
        city,
        atLeast(p, ROOT, "in-city-monitoring-days", 0),
        focusAreas(p),
        followUp,
        termStarts(p),
        holidays(p));
  }

  /**
   * policy.holidays: a name, from and to dates, to on or after from; an unknown key or a missing
   * value is an error naming the setting.
   */
  private static List<Holiday> holidays(Config p) {
    List<Holiday> out = new ArrayList<>();
    if (!p.hasPath("holidays")) return out;
    List<? extends Config> list = p.getConfigList("holidays");
    for (int i = 0; i < list.size(); i++) {
      Config c = list.get(i);
      String at = ROOT + ".holidays[" + i + "]";
      keys(c, at, "name", "from", "to");
      for (String k : List.of("name", "from", "to"))
        if (!c.hasPath(k)) throw missing(at + "." + k, "name, from and to (dates YYYY-MM-DD)");
      String name = nonBlank(c, at, "name");
      LocalDate from = date(c, at, "from");
      LocalDate to = date(c, at, "to");
      if (to.isBefore(from))
        throw illegal(at + ".to", to.toString(), "a date on or after 'from' (" + from + ")");
      out.add(new Holiday(name, from, to));
    }
    return List.copyOf(out);
  }

  /**
   * policy.term-starts: ids unique, start parsed, school types of the schools vocabulary, districts
   * 6-digit codes, lookback and days after whole days.
   */
  private static List<TermStart> termStarts(Config p) {
    List<TermStart> out = new ArrayList<>();
    if (!p.hasPath("term-starts")) return out;
    List<? extends Config> list = p.getConfigList("term-starts");
    List<String> types = io.epiwatch.contract.Sources.SCHOOL_TYPE.codes();
    for (int i = 0; i < list.size(); i++) {
      Config c = list.get(i);
      String at = ROOT + ".term-starts[" + i + "]";
      keys(
          c,
          at,
          "id",
          "start",
          "school-types",
          "districts",
          "grades",
          "lookback-days",
          "days-after",
          "household-exposure");
      String id = id(c, at, out.stream().map(TermStart::id).toList(), "term start");
      if (!c.hasPath("school-types")) throw missing(at + ".school-types", types);
      List<String> schoolTypes =
          c.getStringList("school-types").stream().map(String::trim).toList();
      if (schoolTypes.isEmpty()) throw illegal(at + ".school-types", "[]", types);
      for (String t : schoolTypes)
        if (!types.contains(t)) throw illegal(at + ".school-types", t, types);
      List<String> districts =
          c.hasPath("districts")
              ? c.getStringList("districts").stream().map(String::trim).toList()
              : List.of();
      for (String dc : districts)
        if (!dc.matches("\\d{6}"))
          throw illegal(at + ".districts", dc, "6-digit district codes (absent = every district)");
      List<String> grades =
          c.hasPath("grades")
              ? c.getStringList("grades").stream().map(String::trim).toList()
              : List.of();
      if (grades.stream().anyMatch(String::isEmpty))
        throw illegal(at + ".grades", String.valueOf(grades), "grades as the roster spells them");
      int lookback = c.hasPath("lookback-days") ? atLeast(c, at, "lookback-days", 1) : 14;
      int after = c.hasPath("days-after") ? atLeast(c, at, "days-after", 0) : 7;
      boolean household = !c.hasPath("household-exposure") || c.getBoolean("household-exposure");
      out.add(
          new TermStart(
              id,
              date(c, at, "start"),
              schoolTypes,
              districts,
              grades,
              lookback,
              after,
              household));
    }
    return List.copyOf(out);
  }

  /** policy.focus-areas: ids unique, match prefixes well-formed, dates parsed, to >= from. */
  private static List<FocusArea> focusAreas(Config p) {
    List<FocusArea> out = new ArrayList<>();
    if (!p.hasPath("focus-areas")) return out;
    List<? extends Config> list = p.getConfigList("focus-areas");
    for (int i = 0; i < list.size(); i++) {
      Config c = list.get(i);
      String at = ROOT + ".focus-areas[" + i + "]";
      keys(c, at, "id", "name", "match", "since", "window-days", "from", "to");
      String id = id(c, at, out.stream().map(FocusArea::id).toList(), "focus area");
      List<String> match = c.getStringList("match").stream().map(String::trim).toList();
      if (match.isEmpty()
          || match.stream().anyMatch(m -> !m.matches("\\d{2,12}") && !m.matches("[A-Z]{2}"))) {
        throw illegal(
            at + ".match",
            String.valueOf(match),
            "a non-empty list of division-code prefixes (2 to 12 digits) or ISO 3166 alpha-2 country codes (e.g. \"3201\", \"SG\")");
      }
      LocalDate from = date(c, at, "from");
      LocalDate to = c.hasPath("to") ? date(c, at, "to") : null;
      if (to != null && to.isBefore(from))
        throw illegal(at + ".to", to.toString(), "a date on or after 'from' (" + from + ")");
      LocalDate since = c.hasPath("since") ? date(c, at, "since") : null;
      if (since != null && to != null && since.isAfter(to))
        throw illegal(at + ".since", since.toString(), "a date on or before 'to' (" + to + ")");
      int window = c.hasPath("window-days") ? atLeast(c, at, "window-days", 1) : 14;
      out.add(new FocusArea(id, nonBlank(c, at, "name"), match, since, window, from, to));
    }
    return List.copyOf(out);
  }

  private static Map<String, String> cityNames(Config p) {
    Map<String, String> m = new TreeMap<>();
    if (p.hasPath("city-names")) {
      Config c = p.getConfig("city-names");
      for (String k : c.root().keySet()) {
        if (!k.matches("\\d{4}00")) {
          throw illegal(
              ROOT + ".city-names",
              k,
              "6-digit city codes: the first four digits of a district code followed by 00");
        }
        String name = c.getString("\"" + k + "\"").trim();
        if (name.isEmpty())
          throw illegal(ROOT + ".city-names.\"" + k + "\"", "", "the city's name");
        m.put(k, name);
      }
    }
    return m;
  }

  // ------------------------------------------------------------------ derived from the data

  /**
   * This policy with the values the data decides filled in: the home province from the provinces of
   * the schools (first two digits of their district codes) unless set, and names of cities the conf
   * map lacks from the schools' city_name column (the conf map wins).
   *
   * @param schoolProvinces the distinct provinces of silver.schools
   * @param dataCityNames city code -> name from the schools extract (may be empty)
   * @throws IllegalArgumentException a configured home province that matches none of the schools,
   *     or schools of several provinces with none configured
   */
  public Policy resolve(Set<String> schoolProvinces, Map<String, String> dataCityNames) {
    String home = homeProvince;
    if (home != null) {
      if (!schoolProvinces.isEmpty() && !schoolProvinces.contains(home)) {
        throw illegal(
            ROOT + ".home-province",
            home,
            new TreeSet<>(schoolProvinces)
                + " (the provinces of the schools' district codes); or leave it unset to derive it from the schools");
      }
    } else if (schoolProvinces.size() > 1) {
      throw new IllegalArgumentException(
          "Property '"
              + ROOT
              + ".home-province' is not set and the schools span several provinces "
              + new TreeSet<>(schoolProvinces)
              + ": set it to the one whose trips count as in_province");
    } else if (schoolProvinces.size() == 1) {
      home = schoolProvinces.iterator().next();
    }
    Map<String, String> names = new TreeMap<>(dataCityNames);
    names.putAll(cityNames);
    return withDerived(home, Map.copyOf(names), homeCity);
  }

  /**
   * This policy with the home city the data decides: the configured one, which must be the city of
   * at least one school; else, when every school lies in one city, that city; else (schools of
   * several cities, nothing set) none, and in_province is not split.
   *
   * @param schoolCities the distinct first four digits of the schools' district codes
   * @throws IllegalArgumentException a configured home city that matches none of the schools
   */
  public Policy resolveHomeCity(Set<String> schoolCities) {
    String city = homeCity;
    if (city != null) {
      if (!schoolCities.isEmpty() && !schoolCities.contains(city)) {
        throw illegal(
            ROOT + ".home-city",
            city,
            new TreeSet<>(schoolCities)
                + " (the cities of the schools' district codes, first four digits); or leave it unset to derive it from the schools");
      }
    } else if (schoolCities.size() == 1) {
      city = schoolCities.iterator().next();
    }
    return withDerived(homeProvince, cityNames, city);
  }

  /** This policy with the settings the data decides replaced; every other value kept. */
  private Policy withDerived(String province, Map<String, String> names, String city) {
    return new Policy(
        reportingCutoffs,
        province,
        ageBands,
        vaccinationMinAge,
        campaigns,
        laggingThreshold,
        monitoringDays,
        exposureWindowDays,
        quietGapDays,
        clusterRules,
        earsC2,
        districtEars,
        vaccineProducts,
        names,
        city,
        inCityMonitoringDays,
        focusAreas,
        vaccination,
        termStarts,
        holidays);
  }

  /**
   * policy.cluster.district-ears: the baseline days as for ears-c2, then 0 &lt; warning &lt; alert.
   */
  private static DistrictEars districtEars(Config e, String at) {
    keys(
        e,
        at,
        "enabled",
        "baseline-from",
        "baseline-to",
        "min-baseline-days",
        "sd-floor",
        "warning",
        "alert",
        "min-cases");
    int[] baseline = baseline(e, at);
    int bFrom = baseline[0], bTo = baseline[1], minDays = baseline[2];
    double sdFloor = e.getDouble("sd-floor");
    if (!(sdFloor > 0))
      throw illegal(at + ".sd-floor", String.valueOf(sdFloor), "a number > 0 (per 1,000 students)");
    double warning = e.getDouble("warning");
    if (!(warning > 0)) throw illegal(at + ".warning", String.valueOf(warning), "a number > 0");
    double alert = e.getDouble("alert");
    if (!(alert > warning))
      throw illegal(at + ".alert", String.valueOf(alert), "a number > warning (" + warning + ")");
    int minCases = atLeast(e, at, "min-cases", 1);
    return new DistrictEars(
        e.getBoolean("enabled"), bFrom, bTo, minDays, sdFloor, warning, alert, minCases);
  }

  // ------------------------------------------------------------------ helpers

  /**
   * An EARS baseline of a block at {@code at}: baseline-from, baseline-to and min-baseline-days,
   * checked (1 <= to <= from; at least 1 and at most the days t-from..t-to).
   */
  private static int[] baseline(Config e, String at) {
    int to = atLeast(e, at, "baseline-to", 1);
    int from = atLeast(e, at, "baseline-from", to);
    int minDays = atLeast(e, at, "min-baseline-days", 1);
    if (minDays > from - to + 1) {
      throw illegal(
          at + ".min-baseline-days",
          String.valueOf(minDays),
          "at most " + (from - to + 1) + " (the days t-" + from + "..t-" + to + ")");
    }
    return new int[] {from, to, minDays};
  }

  /** "Property '{}' has illegal value: '{}', allowed options: {}". */
  static IllegalArgumentException illegal(String property, String value, Object allowed) {
    return new IllegalArgumentException(
        "Property '"
            + property
            + "' has illegal value: '"
            + value
            + "', allowed options: "
            + allowed);
  }

  private static IllegalArgumentException missing(String property, Object allowed) {
    return new IllegalArgumentException(
        "Property '" + property + "' is missing, required options: " + allowed);
  }

  /** Every key of the object must be one of the known ones. */
  private static void keys(Config c, String at, String... known) {
    List<String> allowed = List.of(known);
    for (String k : c.root().keySet()) {
      if (!allowed.contains(k)) {
        throw new IllegalArgumentException(
            "Property '" + at + "." + k + "' is not a known setting, allowed options: " + allowed);
      }
    }
  }

  private static String oneOf(Config c, String at, String key, List<String> allowed) {
    String v = c.getString(key).trim();
    if (!allowed.contains(v)) throw illegal(at + "." + key, v, allowed);
    return v;
  }

  /** The id of a list entry: lower-case letters, digits, '-' and '_', not among {@code taken}. */
  private static String id(Config c, String at, List<String> taken, String what) {
    String id = nonBlank(c, at, "id");
    if (!id.matches("[a-z0-9_-]+"))
      throw illegal(at + ".id", id, "a name of lower-case letters, digits, '-' and '_'");
    if (taken.contains(id)) throw illegal(at + ".id", id, "an id not used by another " + what);
    return id;
  }

  private static String nonBlank(Config c, String at, String key) {
    String v = c.getString(key).trim();
    if (v.isEmpty()) throw illegal(at + "." + key, v, "a non-empty name");
    return v;
  }

  private static int atLeast(Config c, String at, String key, int min) {
    int v = c.getInt(key);
    if (v < min) throw illegal(at + "." + key, String.valueOf(v), "an integer >= " + min);
    return v;
  }

  private static LocalDate date(Config c, String at, String key) {
    return parsed(c, at, key, LocalDate::parse, "a date YYYY-MM-DD");
  }

  private static LocalTime time(Config c, String at, String key) {
    return parsed(c, at, key, LocalTime::parse, "a local time HH:MM");
  }

  private static <T> T parsed(
      Config c,
      String at,
      String key,
      java.util.function.Function<String, T> parse,
      String expected) {
    String v = c.getString(key);
    try {
      return parse.apply(v);
    } catch (DateTimeParseException e) {
      throw illegal(at + "." + key, v, expected);
    }
  }
}
