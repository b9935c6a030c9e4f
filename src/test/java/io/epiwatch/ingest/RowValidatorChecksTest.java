package io.epiwatch.ingest;

import static io.epiwatch.ingest.RowValidatorTest.ID1;
import static io.epiwatch.ingest.RowValidatorTest.REPORT;
import static io.epiwatch.ingest.RowValidatorTest.validate;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.epiwatch.contract.Sources;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The cell checks and row rules of the validation engine, each message as written to quarantine and
 * in the order found: the columns in declaration order, then the row rules in theirs (plain JUnit,
 * no Spark session).
 */
class RowValidatorChecksTest {
  static final String AT = "/inbox/f.csv:";

  /** A daily report that passes every check, in the order of {@link RowValidatorTest#REPORT}. */
  static final String[] GOOD =
      "2021-10-04|3301020001|2021-10-04 09:00|100|98|1|1|10|0|0|0|0|N|王老师".split("\\|");

  /** {@link #GOOD} at a line with some cells replaced, by column name, validated. */
  static RowValidatorTest.Result report(long line, Map<String, String> cells) {
    String[] r = GOOD.clone();
    cells.forEach((column, value) -> r[List.of(REPORT).indexOf(column)] = value);
    return validate(Sources.DAILY_REPORTS, REPORT, line, r);
  }

  static final String[] TRAVEL = {
    "record_id",
    "id_number",
    "name",
    "person_type",
    "school_code",
    "destination_code",
    "abroad",
    "departure_date",
    "return_date",
    "nucleic_test_result"
  };

  @Test
  void everyFaultyCellOfADailyReportIsNamedInColumnOrder() {
    RowValidatorTest.Result r =
        report(
            7,
            Map.of(
                "report_date", "2021-13-01", // no such month
                "school_code", "33010", // not 10 digits
                "submitted_at", "2099-01-01 08:00", // after the run date 2021-10-05
                "students_expected", "abc",
                "students_present", "-3",
                "students_absent_illness", "1.5",
                "students_absent_other", "", // optional, empty: no finding
                "zero_report", "maybe"));
    assertEquals(
        List.of("BAD_DATE", "UNKNOWN_CODE", "FUTURE_DATE", "BAD_NUMBER", "NEGATIVE_COUNT"),
        r.reasons(),
        "each code once, in the order first found");
    assertEquals(
        List.of(
            "BAD_DATE "
                + AT
                + "7 report_date(报告日期): '2021-13-01' is not a date (yyyy-MM-dd, yyyy/M/d or yyyyMMdd)",
            "UNKNOWN_CODE " + AT + "7 school_code(学校标识码): '33010' is not 10 digits",
            "FUTURE_DATE "
                + AT
                + "7 submitted_at(填报时间): 2099-01-01 08:00 is after the run date 2021-10-05",
            "BAD_NUMBER " + AT + "7 students_expected(应到学生数): 'abc' is not a whole number",
            "NEGATIVE_COUNT " + AT + "7 students_present(实到学生数): -3 is negative",
            "BAD_NUMBER " + AT + "7 students_absent_illness(因病缺勤学生数): '1.5' is not a whole number",
            "UNKNOWN_CODE "
                + AT
                + "7 zero_report(零报告): 'maybe' is not a yes/no value (是/否, Y/N, 1/0, true/false)"),
        r.details());
  }

  @Test
  void theRowRulesOfADailyReportCompareTheCountsWithTheExpectedStudents() {
    RowValidatorTest.Result r =
        report(
            8,
            Map.of(
                "students_expected",
                "10",
                "students_present",
                "11",
                "students_absent_illness",
                "1",
                "students_absent_other",
                "0"));
    assertEquals(
        List.of(
            "PRESENT_GT_EXPECTED "
                + AT
                + "8 students_present(实到学生数) 11 > students_expected(应到学生数) 10",
            "ABSENCES_GT_EXPECTED " + AT + "8 present + absences 12 > students_expected(应到学生数) 10"),
        r.details());
  }

  @Test
  void aTravelRecordsIdCodesDatesAndDestinationAreCheckedAndIdentityCellsMasked() {
    String badId = ID1.substring(0, 17) + (ID1.charAt(17) == '0' ? '1' : '0');
    RowValidatorTest.Result r =
        validate(
            Sources.TRAVEL_RECORDS,
            TRAVEL,
            9,
            "R1",
            badId,
            "张三",
            "学生",
            "3301020001",
            "us", // a country code, upper-cased, but abroad says no
            "否",
            "2021-09-20",
            "2021-09-10",
            "阳性;x");
    assertEquals(
        List.of(
            "INVALID_ID_CHECKSUM "
                + AT
                + "9 id_number(身份证号): '330102********"
                + badId.substring(14)
                + "' is not a valid resident ID (GB 11643 check digit)",
            "UNKNOWN_CODE "
                + AT
                + "9 nucleic_test_result(核酸结果): '阳性;x' is not one of [negative, positive, pending]",
            "RETURN_BEFORE_DEPARTURE "
                + AT
                + "9 return_date(返回日期) 2021-09-10 is before departure_date(离开日期) 2021-09-20",
            "UNKNOWN_CODE "
                + AT
                + "9 destination_code(目的地代码) 'US' does not fit abroad(是否境外)=false"
                + " (abroad: ISO country code; domestic: division code)"),
        r.details());
    assertEquals(
        "R1,330102********"
            + badId.substring(14)
            + ",张*,学生,3301020001,us,否,2021-09-20,2021-09-10,阳性;x",
        r.raw());

    RowValidatorTest.Result u =
        validate(
            Sources.TRAVEL_RECORDS,
            TRAVEL,
            10,
            "R2",
            ID1,
            "张三",
            "学生",
            "3301020001",
            "2099-1-1",
            "是",
            "20991001",
            "",
            "");
    assertEquals(
        List.of(
            "UNKNOWN_CODE "
                + AT
                + "10 destination_code(目的地代码): '2099-1-1' is neither a division code nor a country code",
            "FUTURE_DATE "
                + AT
                + "10 departure_date(离开日期): 2099-10-01 is after the run date 2021-10-05"),
        u.details());
  }
}
