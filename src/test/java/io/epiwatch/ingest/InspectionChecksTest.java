package io.epiwatch.ingest;

import static io.epiwatch.ingest.RowValidatorTest.validate;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.epiwatch.contract.Sources;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The ingest checks of inspections and findings rows (docs/rules.md §2.11): the seed's Chinese
 * words for mode, scope, category and severity, a training institution without a school, a deadline
 * that is future by nature (plain JUnit; run date 2021-10-05, Asia/Shanghai). The checks against
 * the inspection are the metrics stage's (InspectionsTest).
 */
class InspectionChecksTest {
  static final String[] INSPECTION = {
    "检查编号", "检查日期", "督导组", "检查方式", "检查类别", "区县代码", "学校标识码", "机构名称", "填报时间"
  };
  static final String[] FINDING = {
    "问题编号", "检查编号", "问题类别", "问题等级", "问题描述", "整改期限", "整改完成日期", "复核人", "填报时间"
  };

  private static Object cell(RowValidatorTest.Result r, String source, String column) {
    return r.row()
        .get(RowValidator.stagingSchema(Sources.byName(source).orElseThrow()).fieldIndex(column));
  }

  @Test
  void theSeedsWordsForModeAndScope() {
    String[][] words = {
      {"常规检查", "疫情防控", "routine", "epidemic"},
      {"暗访", "安全", "unannounced", "safety"},
      {"自查", "疫情防控", "self_check", "epidemic"},
      {"复查", "安全", "review", "safety"},
      {"暗访暗查", "校外培训机构", "unannounced", "training_institution"}
    };
    for (String[] w : words) {
      boolean institution = w[3].equals("training_institution");
      RowValidatorTest.Result r =
          validate(
              Sources.INSPECTIONS,
              INSPECTION,
              2,
              "DC-1",
              "2021-10-01",
              "第一督导组",
              w[0],
              w[1],
              "330106",
              institution ? "" : "3301060001",
              institution ? "某培训机构" : "",
              "2021-10-01 18:00");
      assertEquals(List.of(), r.reasons(), String.join(",", w));
      assertEquals(w[2], cell(r, "inspections", "mode"));
      assertEquals(w[3], cell(r, "inspections", "scope"));
    }
  }

  @Test
  void anUnknownModeAndAFutureInspectionAreQuarantined() {
    RowValidatorTest.Result r =
        validate(
            Sources.INSPECTIONS,
            INSPECTION,
            3,
            "DC-2",
            "2021-10-06",
            "",
            "抽查",
            "安全",
            "330106",
            "3301060001",
            "",
            "");
    assertEquals(List.of("FUTURE_DATE", "UNKNOWN_CODE"), r.reasons().stream().sorted().toList());
  }

  @Test
  void aFindingWithChineseCategoryAndSeverityAndAFutureDeadlineLoads() {
    RowValidatorTest.Result r =
        validate(
            Sources.FINDINGS,
            FINDING,
            2,
            "WT-1",
            "DC-1",
            "实验室危化品",
            "高",
            "危化品台账不全",
            "2021-10-20",
            "",
            "张三",
            "2021-10-01 18:00");
    assertEquals(List.of(), r.reasons());
    assertEquals("lab_chemicals", cell(r, "findings", "category"));
    assertEquals("high", cell(r, "findings", "severity"));
  }

  @Test
  void aFutureRectificationIsQuarantined() {
    RowValidatorTest.Result r =
        validate(
            Sources.FINDINGS,
            FINDING,
            3,
            "WT-2",
            "DC-1",
            "消防",
            "中",
            "",
            "2021-10-20",
            "2021-10-07",
            "",
            "");
    assertEquals(List.of("FUTURE_DATE"), r.reasons());
  }
}
