package io.epiwatch.ingest;

import static io.epiwatch.ingest.RowValidatorTest.validate;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.epiwatch.contract.Sources;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The checks of a safety_incidents row (docs/rules.md §2.13): counts >= 0, reported_at not before
 * the incident's day, the Chinese type names (plain JUnit; run date 2021-10-05, Asia/Shanghai).
 */
class SafetyIncidentChecksTest {
  static final String[] HEADER = {
    "incident_id",
    "incident_date",
    "school_code",
    "district_code",
    "incident_type",
    "on_campus",
    "deaths",
    "injured",
    "students_involved",
    "reported_at",
    "submitted_at"
  };

  @Test
  void aGoodRowPassesWithItsChineseTypeAndNoSchool() {
    RowValidatorTest.Result r =
        validate(
            Sources.SAFETY_INCIDENTS,
            HEADER,
            2,
            "AQ-1",
            "2021-07-12",
            "",
            "330106",
            "溺亡",
            "否",
            "1",
            "0",
            "1",
            "2021-07-12 18:00",
            "2021-07-12 18:30");
    assertEquals(List.of(), r.reasons());
    assertEquals(
        "drowning",
        r.row()
            .get(RowValidator.stagingSchema(Sources.SAFETY_INCIDENTS).fieldIndex("incident_type")));
  }

  @Test
  void aNegativeCountIsQuarantinedAsNegativeCount() {
    RowValidatorTest.Result r =
        validate(
            Sources.SAFETY_INCIDENTS,
            HEADER,
            3,
            "AQ-2",
            "2021-09-01",
            "",
            "330106",
            "food_safety",
            "是",
            "0",
            "-2",
            "9",
            "2021-09-01 12:00",
            "");
    assertEquals(List.of("NEGATIVE_COUNT"), r.reasons());
    assertEquals(
        List.of("NEGATIVE_COUNT /inbox/f.csv:3 injured(受伤人数): -2 is negative"), r.details());
  }

  @Test
  void aReportBeforeTheIncidentsDayIsQuarantinedButOneOnTheSameDayIsNot() {
    RowValidatorTest.Result before =
        validate(
            Sources.SAFETY_INCIDENTS,
            HEADER,
            4,
            "AQ-3",
            "2021-09-02",
            "",
            "330106",
            "traffic",
            "",
            "0",
            "1",
            "1",
            "2021-09-01 23:59",
            "");
    assertEquals(List.of("REPORTED_BEFORE_INCIDENT"), before.reasons());
    RowValidatorTest.Result sameDay =
        validate(
            Sources.SAFETY_INCIDENTS,
            HEADER,
            5,
            "AQ-3",
            "2021-09-02",
            "",
            "330106",
            "traffic",
            "",
            "0",
            "1",
            "1",
            "2021-09-02 00:00",
            "");
    assertEquals(List.of(), sameDay.reasons());
  }
}
