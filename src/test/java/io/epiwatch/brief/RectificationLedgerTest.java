package io.epiwatch.brief;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.epiwatch.common.FindingCategory;
import io.epiwatch.common.FindingStatus;
import io.epiwatch.common.InspectionMode;
import io.epiwatch.common.Severity;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.time.LocalDate;
import java.util.List;
import org.apache.poi.xssf.usermodel.XSSFSheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.junit.jupiter.api.Test;

/** The 整改台账 workbook (docs/rules.md §4.10): overdue first, longest delay first; Chinese words. */
class RectificationLedgerTest {
  static RectificationLedger.Entry entry(
      String id, String school, FindingStatus status, Integer days, String deadline) {
    return new RectificationLedger.Entry(
        id,
        "DC-1",
        LocalDate.of(2021, 9, 20),
        InspectionMode.UNANNOUNCED,
        "上城区",
        school,
        FindingCategory.LAB_CHEMICALS,
        Severity.HIGH,
        "危化品台账不全",
        LocalDate.parse(deadline),
        status,
        days,
        "第一督导组");
  }

  @Test
  void overdueFirstLongestDelayFirstInChinese() throws Exception {
    List<RectificationLedger.Entry> entries =
        List.of(
            entry("F3", "某培训机构", FindingStatus.OPEN, null, "2021-10-20"),
            entry("F1", "甲校", FindingStatus.OVERDUE, 1, "2021-10-04"),
            entry("F5", "乙校", FindingStatus.OVERDUE, 51, "2021-08-15"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    RectificationLedger.write(entries, "zh", out);
    try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
      XSSFSheet s = wb.getSheetAt(0);
      assertEquals("整改台账", s.getSheetName());
      assertEquals("问题编号", s.getRow(0).getCell(0).getStringCellValue());
      assertEquals("逾期天数", s.getRow(0).getCell(12).getStringCellValue());
      assertEquals("F5", s.getRow(1).getCell(0).getStringCellValue());
      assertEquals("F1", s.getRow(2).getCell(0).getStringCellValue());
      assertEquals("F3", s.getRow(3).getCell(0).getStringCellValue());
      assertEquals("暗访", s.getRow(1).getCell(3).getStringCellValue());
      assertEquals("实验室危化品", s.getRow(1).getCell(7).getStringCellValue());
      assertEquals("高", s.getRow(1).getCell(8).getStringCellValue());
      assertEquals("逾期未整改", s.getRow(1).getCell(11).getStringCellValue());
      assertEquals("51", s.getRow(1).getCell(12).getStringCellValue());
      assertEquals("未整改", s.getRow(3).getCell(11).getStringCellValue());
      assertEquals("", s.getRow(3).getCell(12).getStringCellValue());
      assertEquals(4, s.getPhysicalNumberOfRows());
    }
  }

  @Test
  void anEmptyLedgerIsAHeaderOnly() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    RectificationLedger.write(List.of(), "en", out);
    try (XSSFWorkbook wb = new XSSFWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
      assertEquals("Rectification ledger", wb.getSheetAt(0).getSheetName());
      assertEquals(1, wb.getSheetAt(0).getPhysicalNumberOfRows());
    }
  }
}
