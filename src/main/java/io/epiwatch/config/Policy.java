package io.epiwatch.config;

import com.typesafe.config.Config;
import java.time.LocalDate;
import java.time.LocalTime;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** The dated policy of data-contract section 3, typed and immutable. */
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
    List<VaccineProduct> vaccineProducts,
    Map<String, String> cityNames) {

  /** A value that holds from a date on, until the next entry's date. */
  public record Dated<T>(LocalDate from, T value) {}

  public record AgeBand(String band, int min, Integer max) {
    public boolean contains(int age) { return age >= min && (max == null || age <= max); }
  }

  public record Campaign(String id, String ageBand, int dose, LocalDate deadline, double targetRate) {}

  /**
   * One row of the dated cluster rule table (contract 4.4). symptomGroup and diagnosis, when
   * both given, match either; perSymptomGroup = count separately per symptom group.
   */
  public record ClusterRule(String rule, String scope, int window, int threshold,
      String symptomGroup, String diagnosis, boolean perSymptomGroup, LocalDate from, LocalDate to) {
    public boolean appliesOn(LocalDate d) {
      return !d.isBefore(from) && (to == null || !d.isAfter(to));
    }
  }

  public record EarsC2(boolean enabled, int baselineFrom, int baselineTo, int minBaselineDays,
      double sdFloor, double threshold) {}

  public record VaccineProduct(String product, int seriesDoses, int minIntervalDays, List<String> match) {}

  /** Cutoff in force on a date. */
  public LocalTime reportingCutoff(LocalDate d) {
    return reportingCutoffs.stream().filter(x -> !x.from().isAfter(d))
        .max(Comparator.comparing(Dated::from)).map(Dated::value)
        .orElseThrow(() -> new IllegalStateException("policy.reporting-cutoff: no entry in force on " + d));
  }

  public Optional<AgeBand> ageBandOf(int age) {
    return ageBands.stream().filter(b -> b.contains(age)).findFirst();
  }

  static Policy from(Config p) {
    List<Dated<LocalTime>> cutoffs = p.getConfigList("reporting-cutoff").stream()
        .map(c -> new Dated<>(LocalDate.parse(c.getString("from")), LocalTime.parse(c.getString("time"))))
        .toList();
    List<AgeBand> bands = p.getConfigList("age-bands").stream()
        .map(c -> new AgeBand(c.getString("band"), c.getInt("min"), c.hasPath("max") ? c.getInt("max") : null))
        .toList();
    List<Campaign> campaigns = p.getConfigList("campaigns").stream()
        .map(c -> new Campaign(c.getString("id"), c.getString("age-band"), c.getInt("dose"),
            LocalDate.parse(c.getString("deadline")), c.getDouble("target-rate")))
        .toList();
    Map<String, Integer> monitoring = new TreeMap<>();
    Config md = p.getConfig("monitoring-days");
    md.root().keySet().forEach(k -> monitoring.put(k, md.getInt(k)));
    Config cl = p.getConfig("cluster");
    List<ClusterRule> rules = cl.getConfigList("rules").stream()
        .map(c -> new ClusterRule(c.getString("rule"), c.getString("scope"), c.getInt("window"),
            c.getInt("threshold"), str(c, "symptom-group"), str(c, "diagnosis"),
            c.hasPath("per-symptom-group") && c.getBoolean("per-symptom-group"),
            LocalDate.parse(c.getString("from")), c.hasPath("to") ? LocalDate.parse(c.getString("to")) : null))
        .toList();
    Config e = cl.getConfig("ears-c2");
    EarsC2 ears = new EarsC2(e.getBoolean("enabled"), e.getInt("baseline-from"), e.getInt("baseline-to"),
        e.getInt("min-baseline-days"), e.getDouble("sd-floor"), e.getDouble("threshold"));
    List<VaccineProduct> products = p.getConfigList("vaccine-products").stream()
        .map(c -> new VaccineProduct(c.getString("product"), c.getInt("series-doses"),
            c.getInt("min-interval-days"), c.getStringList("match")))
        .toList();
    return new Policy(cutoffs, p.getString("home-province"), bands, p.getInt("vaccination-min-age"),
        campaigns, p.getDouble("lagging-threshold"), monitoring, p.getInt("exposure-window-days"),
        cl.getInt("quiet-gap-days"), rules, ears, products, cityNames(p));
  }

  private static Map<String, String> cityNames(Config p) {
    Map<String, String> m = new TreeMap<>();
    if (p.hasPath("city-names")) {
      Config c = p.getConfig("city-names");
      c.root().keySet().forEach(k -> m.put(k, c.getString("\"" + k + "\"")));
    }
    return m;
  }

  private static String str(Config c, String path) {
    return c.hasPath(path) ? c.getString(path) : null;
  }
}
