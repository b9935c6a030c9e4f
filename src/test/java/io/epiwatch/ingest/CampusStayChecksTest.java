package io.epiwatch.ingest;

import static io.epiwatch.ingest.RowValidatorTest.validate;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.epiwatch.common.ResidentId;
import io.epiwatch.contract.Sources;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The ingest checks of campus_stays rows (docs/rules.md §2.12): the approval words, the defaults of
 * approved and guardian contact, an open-ended stay, a start after the run date, and BAD_DATE for
 * stay_to before stay_from (plain JUnit; run date 2021-10-05). UNKNOWN_PERSON needs bronze.roster
 * and is checked by IngestJob (the sample's planted row, DailyJobIT).
 */
class CampusStayChecksTest {
  static final String[] HEADER = {
    "学校标识码", "身份证号", "证件类型", "姓名", "年级", "班级", "宿舍", "留校原因", "申请时间", "学校审批", "审批人", "留校开始日期",
    "留校结束日期", "已联系监护人", "填报时间"
  };
  static final String ID = ResidentId.build("330106", LocalDate.of(2010, 5, 6), 123);

  private static RowValidatorTest.Result stay(
      String approved, String from, String to, String guardian) {
    return validate(
        Sources.CAMPUS_STAYS,
        HEADER,
        4,
        "3301060001",
        ID,
        "",
        "张三",
        "五年级",
        "2班",
        "3号楼201",
        "家长在外地务工",
        "2021-09-28 10:00",
        approved,
        "王老师",
        from,
        to,
        guardian,
        "2021-09-29 18:00");
  }

  @Test
  void approvalWordsDefaultsAndDates() {
    String[][] words = {
      {"是", "yes"}, {"已审批", "yes"}, {"否", "no"}, {"未审批", "no"}, {"待审批", "pending"}, {"", "pending"}
    };
    for (String[] w : words) {
      RowValidatorTest.Result r = stay(w[0], "2021-10-01", "", "");
      assertEquals(List.of(), r.reasons(), w[0]);
      assertEquals(w[1], r.value("approved"), w[0]);
      assertEquals(null, r.value("stay_to"), "empty = open-ended");
      assertEquals(false, r.value("guardian_contact_ok"), "empty = no contact recorded");
    }
    // a stay starting after the run date is not FUTURE_DATE; stay_to = stay_from is fine
    RowValidatorTest.Result later = stay("待审批", "2021-10-08", "2021-10-08", "是");
    assertEquals(List.of(), later.reasons());
    assertEquals(Date.valueOf("2021-10-08"), later.value("stay_from"));
    assertEquals(true, later.value("guardian_contact_ok"));
  }

  @Test
  void stayToBeforeStayFromIsBadDateNamingFileLineAndColumns() {
    RowValidatorTest.Result r = stay("是", "2021-10-05", "2021-10-04", "是");
    assertEquals(List.of("BAD_DATE"), r.reasons());
    String detail = r.details().get(0);
    assertTrue(detail.startsWith("BAD_DATE "), detail);
    assertTrue(detail.contains(":4 "), detail);
    assertTrue(
        detail.contains("stay_to(留校结束日期) 2021-10-04 is before stay_from(留校开始日期) 2021-10-05"),
        detail);
  }
}
