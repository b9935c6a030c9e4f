package io.epiwatch.brief;

import io.epiwatch.common.VaccinationStatus;
import java.time.LocalDate;
import java.util.Locale;

/**
 * One line of the follow-up list, typed: {@link FollowUpList} builds it from silver, and {@link
 * FollowUpDocuments} turns it into the PDF and the workbook (no string protocol between them).
 *
 * @param section which list the line is on
 * @param name masked name (张*三); null when the person has no identity row
 * @param school school name (its code when the school has no name)
 * @param cls grade and class, space-separated; null or blank when unknown
 * @param category exposure category of a person in health monitoring (abroad, high, ...), or the
 *     signal type of a case signal (line_list_covid19, test_positive); null otherwise
 * @param inMonitoring the person is in health monitoring
 * @param missingTest the person returned without a nucleic test dated on or after the return
 * @param date last return (monitoring), report date (absence), signal date (signal), due date of
 *     the next dose or end of an expiring contraindication (vaccination); null when unknown or none
 * @param vaccination the vaccination follow-up status (section VACCINATION only, else null)
 * @param alertId the alert a person is counted in (section ALERT only, else null): printed so that
 *     responses can be recorded against it
 * @param stay the stay of a student on campus (section CAMPUS_STAY only, else null)
 * @param district the district (6-digit code) of the school, which decides the district's list the
 *     line is on; null when the school is not in silver.schools
 */
public record FollowUpItem(
    Section section,
    String name,
    String school,
    String cls,
    String category,
    boolean inMonitoring,
    boolean missingTest,
    LocalDate date,
    Vaccination vaccination,
    String alertId,
    Stay stay,
    String district) {

  /**
   * The lists, in order: persons with a case signal; persons in monitoring or missing a test;
   * illness absences not followed up; persons with a vaccination to follow up; persons counted in
   * an active cluster alert; potential contacts (classmates) of the persons with a case signal;
   * persons whose return at a term start is deferred (暂缓返校); students staying on campus on D
   * (留校学生).
   */
  public enum Section {
    SIGNAL,
    MONITORING,
    ABSENCE,
    VACCINATION,
    ALERT,
    CONTACT,
    DEFERRAL,
    CAMPUS_STAY;

    /** The key of the section's title in the texts (followup.section.monitoring, ...). */
    public String key() {
      return "followup.section." + name().toLowerCase(Locale.ROOT);
    }
  }

  /**
   * A person in health monitoring (of that exposure category), or without a test after return, or
   * both.
   */
  public static FollowUpItem monitoring(
      String name,
      String school,
      String cls,
      String category,
      boolean inMonitoring,
      boolean missingTest,
      LocalDate lastReturn) {
    return new FollowUpItem(
        Section.MONITORING,
        name,
        school,
        cls,
        inMonitoring ? category : null,
        inMonitoring,
        missingTest,
        lastReturn,
        null,
        null,
        null,
        null);
  }

  /** An illness absence of the day whose cause was not followed up. */
  public static FollowUpItem notFollowedUp(
      String name, String school, String cls, LocalDate reportDate) {
    return new FollowUpItem(
        Section.ABSENCE, name, school, cls, null, false, false, reportDate, null, null, null, null);
  }

  /**
   * A vaccination status to act on (docs/rules.md §4.8).
   *
   * @param status one of {@link VaccinationStatus#listedStatuses()}
   * @param dose the dose number due (due, overdue); null otherwise
   * @param daysOverdue days since the due date (overdue); null otherwise
   */
  public record Vaccination(VaccinationStatus status, Integer dose, Integer daysOverdue) {
    /** The status in the language of the texts: 第2剂逾期8天, ... */
    String label(java.util.ResourceBundle b) {
      return new java.text.MessageFormat(b.getString("vaxstatus." + status.code()), Locale.ROOT)
          .format(new Object[] {dose == null ? "" : dose, daysOverdue == null ? "" : daysOverdue});
    }
  }

  /**
   * A person with a vaccination to follow up (due date: of the dose, or the contraindication's
   * end).
   */
  public static FollowUpItem vaccination(
      String name, String school, String cls, Vaccination status, LocalDate dueDate) {
    return new FollowUpItem(
        Section.VACCINATION,
        name,
        school,
        cls,
        null,
        false,
        false,
        dueDate,
        status,
        null,
        null,
        null);
  }

  /** A person with a case signal of the last 14 days (a covid19 episode, a positive test). */
  public static FollowUpItem signal(
      String name, String school, String cls, String signalType, LocalDate signalDate) {
    return ofSignal(Section.SIGNAL, name, school, cls, signalType, signalDate);
  }

  /**
   * A classmate of a person with a case signal of the last 14 days (of the linked student for a
   * household member): the signal's type and date.
   */
  public static FollowUpItem contact(
      String name, String school, String cls, String signalType, LocalDate signalDate) {
    return ofSignal(Section.CONTACT, name, school, cls, signalType, signalDate);
  }

  /** A line of a signal's section (the person, or a contact): its type and date. */
  private static FollowUpItem ofSignal(
      Section section,
      String name,
      String school,
      String cls,
      String signalType,
      LocalDate signalDate) {
    return new FollowUpItem(
        section, name, school, cls, signalType, false, false, signalDate, null, null, null, null);
  }

  /**
   * A person counted in an active cluster alert (gold.alert_cases), with the alert's rule and id.
   */
  public static FollowUpItem alertCase(
      String name, String school, String cls, String rule, String alertId, LocalDate onset) {
    return new FollowUpItem(
        Section.ALERT, name, school, cls, rule, false, false, onset, null, alertId, null, null);
  }

  /**
   * A person whose return at a term start is deferred, or whose trip is to be verified
   * (docs/rules.md §4.11).
   *
   * @param reasons the {@link io.epiwatch.common.DeferralReason} codes, comma-separated
   * @param mayReturn the earliest day the person may return; null when unknown (a trip without a
   *     return date)
   */
  public static FollowUpItem deferral(
      String name, String school, String cls, String reasons, LocalDate mayReturn) {
    return new FollowUpItem(
        Section.DEFERRAL,
        name,
        school,
        cls,
        reasons,
        false,
        false,
        mayReturn,
        null,
        null,
        null,
        null);
  }

  /**
   * A student's stay on campus on D (docs/rules.md §4.12).
   *
   * @param dormitory as the school reported it; null when not given
   * @param to the last day; null = open-ended
   * @param guardianContact the guardian was contacted
   * @param illOrSignal an illness absence or a case signal of the student dated D
   */
  public record Stay(
      String dormitory,
      LocalDate from,
      LocalDate to,
      boolean guardianContact,
      boolean illOrSignal) {}

  /** A student on campus on D (section CAMPUS_STAY); the date printed is the stay's last day. */
  public static FollowUpItem campusStay(String name, String school, String cls, Stay stay) {
    return new FollowUpItem(
        Section.CAMPUS_STAY,
        name,
        school,
        cls,
        null,
        false,
        false,
        stay.to(),
        null,
        null,
        stay,
        null);
  }

  /** The same line, on the list of this district. */
  public FollowUpItem inDistrict(String districtCode) {
    return new FollowUpItem(
        section,
        name,
        school,
        cls,
        category,
        inMonitoring,
        missingTest,
        date,
        vaccination,
        alertId,
        stay,
        districtCode);
  }
}
