package io.epiwatch.common;

import java.text.MessageFormat;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Vaccination follow-up status of a person aged at or above the vaccination minimum age on a date
 * (docs/rules.md §4.8, gold.vaccination_followup.status). For an eligible person the first six
 * statuses, in declaration order, are the rules: first match wins, and exactly one applies. The
 * last two are the persons coverage leaves out for a contraindication valid on the date. The
 * Chinese label is the follow-up list's (reports/briefing_zh.properties {@code vaxstatus.<code>}; a
 * test keeps them equal): {0} = the dose number due, {1} = days since its due date.
 */
public enum VaccinationStatus implements Coded {
  /** A dose k &gt; 1 recorded without dose k-1: the record needs fixing first. */
  RECORD_GAP("记录缺剂次", true, true),
  /** No dose 1 dated on or before the date. */
  NEVER_VACCINATED("应种未种", true, true),
  /** The next dose of the series is due more than grace-days ago. */
  OVERDUE("第{0}剂逾期{1}天", true, true),
  /** The next dose of the series fell due within the last grace-days days (or today). */
  DUE("第{0}剂待种", true, true),
  /** The next dose of the series is due after the date. */
  SCHEDULED("第{0}剂未到期", true, false),
  /** The primary series is complete. */
  COMPLETED("已完成全程", true, false),
  /** A contraindication valid on the date that does not expire within the look-ahead. */
  CONTRAINDICATED("接种禁忌", false, false),
  /** A contraindication valid on the date whose valid_until falls in [date, date + 14]. */
  CONTRAINDICATION_EXPIRING("禁忌将到期", false, true);

  /** A contraindication expiring within this many days of the date is listed (D..D+14). */
  public static final int EXPIRING_WITHIN_DAYS = 14;

  private final String label;
  private final boolean eligible;
  private final boolean listed;

  VaccinationStatus(String label, boolean eligible, boolean listed) {
    this.label = label;
    this.eligible = eligible;
    this.listed = listed;
  }

  /** The Chinese label pattern ({0} dose due, {1} days since its due date). */
  public String label() {
    return label;
  }

  /** The Chinese label with the dose number due and the days since its due date filled in. */
  public String label(Integer dose, Integer daysOverdue) {
    return new MessageFormat(label, Locale.ROOT)
        .format(new Object[] {dose == null ? "" : dose, daysOverdue == null ? "" : daysOverdue});
  }

  /** A status of a coverage-eligible person: these six add up to eligible. */
  public boolean eligible() {
    return eligible;
  }

  /** The follow-up list names persons with this status. */
  public boolean listed() {
    return listed;
  }

  /** The statuses the follow-up list names, in rule order. */
  public static List<VaccinationStatus> listedStatuses() {
    return Arrays.stream(values()).filter(VaccinationStatus::listed).toList();
  }

  public static VaccinationStatus of(String code) {
    return Coded.of(VaccinationStatus.class, code);
  }
}
