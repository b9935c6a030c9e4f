package io.epiwatch.brief;

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
 * @param date last return (monitoring), report date (absence) or signal date (signal); null when
 *     unknown
 */
public record FollowUpItem(
    Section section,
    String name,
    String school,
    String cls,
    String category,
    boolean inMonitoring,
    boolean missingTest,
    LocalDate date) {

  /**
   * The lists, in order: persons with a case signal; persons in monitoring or missing a test;
   * illness absences not followed up.
   */
  public enum Section {
    SIGNAL,
    MONITORING,
    ABSENCE;

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
        lastReturn);
  }

  /** An illness absence of the day whose cause was not followed up. */
  public static FollowUpItem notFollowedUp(
      String name, String school, String cls, LocalDate reportDate) {
    return new FollowUpItem(Section.ABSENCE, name, school, cls, null, false, false, reportDate);
  }

  /** A person with a case signal of the last 14 days (a covid19 episode, a positive test). */
  public static FollowUpItem signal(
      String name, String school, String cls, String signalType, LocalDate signalDate) {
    return new FollowUpItem(
        Section.SIGNAL, name, school, cls, signalType, false, false, signalDate);
  }
}
