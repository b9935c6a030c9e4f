package io.epiwatch.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.epiwatch.common.PersonKeys;
import io.epiwatch.common.ResidentId;
import io.epiwatch.contract.BronzeSchema;
import io.epiwatch.contract.SourceSpec;
import io.epiwatch.contract.Sources;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** The validation engine on single records (plain JUnit, no Spark session). */
class RowValidatorTest {
  static final String ID1 = ResidentId.build("330102", LocalDate.of(2008, 3, 1), 123);
  static final PersonKeys KEYS = new PersonKeys("test-secret".getBytes(StandardCharsets.UTF_8));
  static final RowValidator.Lineage LIN =
      new RowValidator.Lineage(
          "/inbox/f.csv", "abc", "b1", Timestamp.valueOf("2021-10-05 09:00:00"));

  /** The reasons, details and raw line of one validated record. */
  record Result(List<String> reasons, List<String> details, String raw, Row row, SourceSpec spec) {
    Object value(String column) {
      return row.get(BronzeSchema.of(spec).fieldIndex(column));
    }
  }

  static Result validate(SourceSpec spec, String[] header, long line, String... cells) {
    RowValidator v =
        new RowValidator(spec, ZoneId.of("Asia/Shanghai"), LocalDate.of(2021, 10, 5), KEYS);
    Row r =
        v.validate(
            LIN,
            RowValidator.HeaderMap.of(spec, header),
            new ParsedFile.Rec(line, cells, String.join(",", cells)));
    int n = BronzeSchema.of(spec).size();
    return new Result(
        List.of((String[]) r.get(n)),
        List.of((String[]) r.get(n + 1)),
        r.getString(n + 2),
        r,
        spec);
  }

  static final String[] REPORT = {
    "report_date",
    "school_code",
    "submitted_at",
    "students_expected",
    "students_present",
    "students_absent_illness",
    "students_absent_other",
    "staff_expected",
    "staff_absent_illness",
    "fever_cases",
    "suspected_cases",
    "confirmed_cases",
    "zero_report",
    "reporter"
  };

  @Test
  void aRowWithMoreOrFewerFieldsThanTheHeaderIsQuarantinedAsFieldCountAndNothingElse() {
    Result extra =
        validate(
            Sources.DAILY_REPORTS,
            REPORT,
            3,
            "2021-10-04",
            "3301020001",
            "2021-10-04 09:00",
            "100",
            "98",
            "1",
            "1",
            "10",
            "0",
            "0",
            "0",
            "0",
            "N",
            "王老师",
            "extra1",
            "extra2");
    assertEquals(List.of("FIELD_COUNT"), extra.reasons());
    assertEquals(
        "FIELD_COUNT /inbox/f.csv:3 has 16 field(s), the header has 14 (an unquoted comma in a value?); the row is not loaded",
        extra.details().get(0));
    assertEquals(null, extra.value("students_expected"));

    Result cut =
        validate(
            Sources.DAILY_REPORTS,
            REPORT,
            4,
            "2021-10-04",
            "3301020001",
            "2021-10-04 09:00",
            "100",
            "98");
    assertEquals(List.of("FIELD_COUNT"), cut.reasons());
    assertTrue(
        cut.details().get(0).contains(":4 has 5 field(s), the header has 14"),
        cut.details().get(0));

    Result ok =
        validate(
            Sources.DAILY_REPORTS,
            REPORT,
            2,
            "2021-10-04",
            "3301020001",
            "2021-10-04 09:00",
            "100",
            "98",
            "1",
            "1",
            "10",
            "0",
            "0",
            "0",
            "0",
            "N",
            "");
    assertEquals(List.of(), ok.reasons());
    assertEquals(98, ok.value("students_present"));
  }

  @Test
  void identityCellsThatMayHaveShiftedAreMaskedInTheRawLineOfAFieldCountRow() {
    String[] header = {"id_number", "name", "person_type", "school_code", "as_of"};
    // An unquoted comma inside the name: every field after it moves one place right.
    Result r =
        validate(Sources.ROSTER, header, 7, ID1, "张", "小三", "学生", "3301020001", "2021-09-01");
    assertEquals(List.of("FIELD_COUNT"), r.reasons());
    assertEquals(
        ID1.substring(0, 6) + "********" + ID1.substring(14) + ",*,小*,学生,3301020001,2021-09-01",
        r.raw());
    assertFalse(r.raw().contains(ID1));
  }

  @Test
  void aVeryLongRawLineIsCutInQuarantine() {
    String big = "x".repeat(RowValidator.RAW_LIMIT * 2);
    Result r =
        validate(
            Sources.DAILY_REPORTS,
            REPORT,
            2,
            "2021-10-04",
            "3301020001",
            "2021-10-04 09:00",
            "abc",
            "98",
            "1",
            "1",
            "10",
            "0",
            "0",
            "0",
            "0",
            "N",
            big);
    assertEquals(List.of("BAD_NUMBER"), r.reasons());
    assertTrue(
        r.raw().endsWith("(cut: " + (big.length() + 63) + " characters in all)"),
        r.raw().substring(RowValidator.RAW_LIMIT));
  }

  static final String[] OLD_TRAVEL = {
    "record_id",
    "id_number",
    "name",
    "person_type",
    "关联学生身份证号",
    "school_code",
    "destination_code",
    "departure_date"
  };
  static final String[] NEW_TRAVEL = {
    "记录编号", "身份证号", "姓名", "人员类别", "关联人员身份证号", "关联人员类别", "学校标识码", "目的地代码", "离开日期"
  };
  static final String ID2 = ResidentId.build("330105", LocalDate.of(1980, 7, 9), 456);

  @Test
  void aHouseholdMemberNeedsALinkedPersonButNoSchoolAndOthersNeedASchool() {
    // The former column name: the link is to a student; no school of its own is fine.
    Result household =
        validate(
            Sources.TRAVEL_RECORDS,
            OLD_TRAVEL,
            2,
            "R1",
            ID2,
            "李四",
            "同住亲属",
            ID1,
            "",
            "110101",
            "2021-09-20");
    assertEquals(List.of(), household.reasons());
    assertEquals("student", household.value("linked_person_type"));
    assertEquals(KEYS.key("resident", ID1), household.value("linked_person_key"));
    assertEquals(null, household.value("school_code"));

    // The new columns: a relative of a staff member.
    Result ofStaff =
        validate(
            Sources.TRAVEL_RECORDS,
            NEW_TRAVEL,
            3,
            "R2",
            ID2,
            "李四",
            "同住亲属",
            ID1,
            "教职工",
            "",
            "110101",
            "2021-09-20");
    assertEquals(List.of(), ofStaff.reasons());
    assertEquals("staff", ofStaff.value("linked_person_type"));

    Result student =
        validate(
            Sources.TRAVEL_RECORDS,
            OLD_TRAVEL,
            4,
            "R3",
            ID1,
            "张三",
            "学生",
            "",
            "",
            "110101",
            "2021-09-20");
    assertEquals(List.of("MISSING_REQUIRED"), student.reasons());
    assertEquals(
        "MISSING_REQUIRED /inbox/f.csv:4 school_code(学校标识码): required for a student (only a household member may leave it empty)",
        student.details().get(0));

    Result unlinked =
        validate(
            Sources.TRAVEL_RECORDS,
            NEW_TRAVEL,
            5,
            "R4",
            ID2,
            "李四",
            "同住亲属",
            "",
            "",
            "3301020001",
            "110101",
            "2021-09-20");
    assertEquals(List.of("MISSING_REQUIRED"), unlinked.reasons());
    assertTrue(
        unlinked
            .details()
            .get(0)
            .contains("linked_person_id(关联人员身份证号): required for a household member"));

    Result badType =
        validate(
            Sources.TRAVEL_RECORDS,
            NEW_TRAVEL,
            6,
            "R5",
            ID2,
            "李四",
            "同住亲属",
            ID1,
            "邻居",
            "",
            "110101",
            "2021-09-20");
    assertEquals(List.of("UNKNOWN_CODE"), badType.reasons());
  }
}
