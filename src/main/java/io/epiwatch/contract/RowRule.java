package io.epiwatch.contract;

/** Checks across columns of one row (docs/rules.md §2, §7), each with the reason code it raises. */
public enum RowRule {
  /** daily_reports: students_present <= students_expected. */
  PRESENT_GT_EXPECTED,
  /** daily_reports: present + absent_illness + absent_other <= expected. */
  ABSENCES_GT_EXPECTED,
  /** travel_records: return_date >= departure_date. */
  RETURN_BEFORE_DEPARTURE,
  /**
   * travel_records: linked_person_id is required when person_type = household (MISSING_REQUIRED).
   */
  HOUSEHOLD_NEEDS_LINKED_PERSON,
  /**
   * travel_records: school_code is required for students, staff and contractors (MISSING_REQUIRED);
   * a household member without one counts under its linked person's roster school, and is
   * LINKED_PERSON_UNKNOWN when that person is on no roster (checked by IngestJob against
   * bronze.roster).
   */
  SCHOOL_REQUIRED_UNLESS_HOUSEHOLD,
  /**
   * travel_records: an abroad trip has a 2-letter country code, a domestic one a division code
   * (UNKNOWN_CODE).
   */
  DESTINATION_MATCHES_ABROAD,
  /** safety_incidents: the date of reported_at >= incident_date (REPORTED_BEFORE_INCIDENT). */
  REPORTED_BEFORE_INCIDENT,
  /** campus_stays: stay_to >= stay_from when stay_to is given (BAD_DATE, as findings' dates). */
  STAY_TO_BEFORE_FROM
}
