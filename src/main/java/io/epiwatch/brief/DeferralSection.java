package io.epiwatch.brief;

import io.epiwatch.common.DeferralReason;
import io.epiwatch.common.OrgLevel;
import java.text.MessageFormat;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * The briefing's section 暂缓返校 (docs/rules.md §4.11), pure: from the rows of gold.return_deferrals
 * of D, per term start in its window, the scope's totals (roster, deferred by person type, expected
 * to return), the deferred by reason (a person with several reasons counts under each), the persons
 * to verify (risk_area_review), one line per district with someone deferred, and the schools that
 * may not open (school_in_risk_area). Null when no term start's window holds D: the section is then
 * not shown.
 */
final class DeferralSection {
  private DeferralSection() {}

  /**
   * @param rows gold.return_deferrals as of D (district and city rows; school rows of
   *     school_in_risk_area)
   * @param total the rows of the scope itself (the city, or the district)
   * @param inside the organisations inside the scope (a district of the city, a school of the
   *     district or of the city)
   */
  static String text(
      List<Briefing.Deferral> rows,
      Predicate<Briefing.Org> total,
      Predicate<Briefing.Org> inside,
      ResourceBundle b) {
    Map<String, List<Briefing.Deferral>> byTerm = new TreeMap<>();
    for (Briefing.Deferral r : rows)
      byTerm.computeIfAbsent(r.termId(), k -> new ArrayList<>()).add(r);
    if (byTerm.isEmpty()) return null;
    boolean en = "en".equals(b.getLocale().getLanguage());
    List<String> lines = new ArrayList<>();
    byTerm.values().stream()
        .sorted(
            java.util.Comparator.comparing(
                t -> t.stream().map(Briefing.Deferral::termStart).min(LocalDate::compareTo).get()))
        .forEach(term -> lines.addAll(term(term, total, inside, b, en)));
    return String.join("\n", lines);
  }

  private static List<String> term(
      List<Briefing.Deferral> rows,
      Predicate<Briefing.Org> total,
      Predicate<Briefing.Org> inside,
      ResourceBundle b,
      boolean en) {
    List<String> lines = new ArrayList<>();
    Briefing.Deferral first = rows.get(0);
    List<Briefing.Deferral> own = rows.stream().filter(r -> total.test(r.org())).toList();
    long roster = 0;
    long deferred = 0;
    long expected = 0;
    Map<String, Long> byType = new LinkedHashMap<>();
    for (String t : List.of("student", "staff", "contractor")) byType.put(t, 0L);
    for (Briefing.Deferral r : own) {
      if (!r.reason().equals(io.epiwatch.gold.ReturnDeferrals.ALL)) continue;
      roster += nz(r.roster());
      deferred += nz(r.deferred());
      expected += nz(r.expectedReturning());
      byType.merge(r.personType(), nz(r.deferred()), Long::sum);
    }
    List<String> types = new ArrayList<>();
    byType.forEach(
        (t, n) -> {
          if (n > 0) types.add(f(b, "deferral.personType", b.getString("personType." + t), n));
        });
    lines.add(
        f(
            b,
            "deferral.term",
            first.termId(),
            // a term started in batches has one S per batch (return_batches): each is named
            rows.stream()
                .map(Briefing.Deferral::termStart)
                .distinct()
                .sorted()
                .map(x -> date(x, en))
                .collect(java.util.stream.Collectors.joining(sep(en))),
            roster,
            deferred,
            types.isEmpty()
                ? ""
                : (en ? " (" : "（") + String.join(sep(en), types) + (en ? ")" : "）"),
            expected));
    lines.add(f(b, "deferral.reasons", reasons(own, b, en)));
    long review = count(own, DeferralReason.RISK_AREA_REVIEW);
    if (review > 0) lines.add(f(b, "deferral.review", review));
    rows.stream()
        .filter(
            r ->
                r.org().level() == OrgLevel.DISTRICT
                    && inside.test(r.org())
                    && r.reason().equals(io.epiwatch.gold.ReturnDeferrals.ALL))
        .map(Briefing.Deferral::org)
        .distinct()
        .sorted(java.util.Comparator.comparing(Briefing.Org::code))
        .forEach(
            o -> {
              List<Briefing.Deferral> district =
                  rows.stream().filter(r -> r.org().equals(o)).toList();
              long n =
                  district.stream()
                      .filter(r -> r.reason().equals(io.epiwatch.gold.ReturnDeferrals.ALL))
                      .mapToLong(r -> nz(r.deferred()))
                      .sum();
              if (n > 0)
                lines.add(f(b, "deferral.district", o.name(), n, reasons(district, b, en)));
            });
    List<String> schools =
        rows.stream()
            .filter(
                r ->
                    r.org().level() == OrgLevel.SCHOOL
                        && inside.test(r.org())
                        && r.reason().equals(DeferralReason.SCHOOL_IN_RISK_AREA.code())
                        && r.persons() > 0)
            .map(r -> r.org().name())
            .distinct()
            .sorted()
            .toList();
    lines.add(
        schools.isEmpty()
            ? b.getString("deferral.noClosedSchools")
            : f(b, "deferral.closedSchools", schools.size(), String.join(sep(en), schools)));
    return lines;
  }

  /** "14天内境外旅居史 2 人、…" of the deferring reasons with persons, or 无. */
  private static String reasons(List<Briefing.Deferral> rows, ResourceBundle b, boolean en) {
    List<String> parts = new ArrayList<>();
    for (DeferralReason r : DeferralReason.values()) {
      if (!r.defers()) continue;
      long n = count(rows, r);
      if (n > 0) parts.add(f(b, "deferral.reasonCount", b.getString("deferral." + r.code()), n));
    }
    return parts.isEmpty() ? b.getString("deferral.noReason") : String.join(sep(en), parts);
  }

  private static long count(List<Briefing.Deferral> rows, DeferralReason reason) {
    return rows.stream()
        .filter(r -> r.reason().equals(reason.code()) && r.org().level() != OrgLevel.SCHOOL)
        .mapToLong(Briefing.Deferral::persons)
        .sum();
  }

  private static String date(LocalDate d, boolean en) {
    return en ? d.toString() : d.getMonthValue() + "月" + d.getDayOfMonth() + "日";
  }

  private static String sep(boolean en) {
    return en ? ", " : "、";
  }

  private static long nz(Long v) {
    return v == null ? 0 : v;
  }

  private static String f(ResourceBundle b, String key, Object... args) {
    return new MessageFormat(b.getString(key), Locale.ROOT).format(args);
  }
}
