package io.epiwatch.common;

/**
 * Why a row was quarantined: the codes stored in {@code ops.quarantine.reasons} (docs/rules.md
 * §1.3, §1.4). A row gets every reason that applies.
 */
public enum ReasonCode implements Coded {
  MISSING_REQUIRED("a required cell is empty (or a household travel row lacks its linked ID)"),
  BAD_DATE(
      "a date or timestamp cell is not an accepted form or not a real date/time; findings: a deadline or rectified_date before the date of its inspection (checked by the metrics stage); campus_stays: stay_to before stay_from"),
  BAD_NUMBER("a count cell is not a whole number (or is too large)"),
  NEGATIVE_COUNT("a count cell is below 0"),
  UNKNOWN_CODE("a value outside the column's vocabulary or a malformed code"),
  INVALID_ID_CHECKSUM("a resident ID that is malformed or has a wrong check character"),
  UNKNOWN_SCHOOL("a well-formed school_code in no loaded row of bronze.schools"),
  FUTURE_DATE("an event date after the run date"),
  PRESENT_GT_EXPECTED("daily_reports: students_present > students_expected"),
  ABSENCES_GT_EXPECTED("daily_reports: present + absences > students_expected"),
  RETURN_BEFORE_DEPARTURE("travel_records: return_date < departure_date"),
  LINKED_PERSON_UNKNOWN(
      "a household travel row without school_code whose linked person is on no roster row"),
  FIELD_COUNT("a CSV record whose number of fields differs from the header's"),
  REPORTED_BEFORE_INCIDENT("safety_incidents: the date of reported_at is before incident_date"),
  UNKNOWN_ALERT(
      "alert_responses: an alert_id in no alert of gold.cluster_alerts (checked by the metrics stage)"),
  UNKNOWN_INSPECTION(
      "findings: an inspection_id in no row of silver.inspections (checked by the metrics stage)"),
  UNKNOWN_PERSON(
      "campus_stays: the student (id_type, id_number) is on no loaded roster row of that school_code as a student"),
  UNKNOWN_GRADE(
      "return_batches: no student of that school_code is in that grade on a loaded roster row");

  private final String meaning;

  ReasonCode(String meaning) {
    this.meaning = meaning;
  }

  /** The stored code: the constant's name. */
  @Override
  public String code() {
    return name();
  }

  /** One line saying when the reason is raised. */
  public String meaning() {
    return meaning;
  }

  public static ReasonCode of(String code) {
    return Coded.of(ReasonCode.class, code);
  }
}
