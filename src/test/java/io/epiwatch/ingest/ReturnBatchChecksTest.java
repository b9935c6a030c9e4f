package io.epiwatch.ingest;

import static io.epiwatch.ingest.RowValidatorTest.validate;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.epiwatch.contract.Sources;
import java.sql.Date;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The ingest checks of return_batches rows (docs/rules.md §2.14): the three columns are required,
 * the batch date is a date but never FUTURE_DATE (batches are announced ahead), the school code's
 * form (plain JUnit; run date 2021-10-05). UNKNOWN_SCHOOL and UNKNOWN_GRADE need bronze.schools and
 * bronze.roster and are checked by IngestJob (IngestJobTest).
 */
class ReturnBatchChecksTest {
  static final String[] HEADER = {"学校标识码", "年级", "返校日期"};

  private static RowValidatorTest.Result batch(String school, String grade, String date) {
    return validate(Sources.RETURN_BATCHES, HEADER, 2, school, grade, date);
  }

  @Test
  void aBatchAnnouncedAheadLoadsWithItsValues() {
    RowValidatorTest.Result r = batch("3301020001", " 二年级 ", "2021/10/20");
    assertEquals(List.of(), r.reasons(), "a date after the run date is not FUTURE_DATE");
    assertEquals("二年级", r.value("grade"));
    assertEquals(Date.valueOf("2021-10-20"), r.value("batch_start_date"));
    assertEquals(
        List.of(),
        validate(
                Sources.RETURN_BATCHES,
                new String[] {"school_code", "grade", "batch_start_date"},
                2,
                "3301020001",
                "二年级",
                "20211020")
            .reasons(),
        "English headers");
  }

  @Test
  void everyColumnIsRequiredAndChecked() {
    assertEquals(List.of("MISSING_REQUIRED"), batch("3301020001", "", "2021-10-20").reasons());
    assertEquals(List.of("MISSING_REQUIRED"), batch("3301020001", "二年级", "").reasons());
    assertEquals(List.of("MISSING_REQUIRED"), batch("", "二年级", "2021-10-20").reasons());
    assertEquals(List.of("BAD_DATE"), batch("3301020001", "二年级", "2021-02-30").reasons());
    assertEquals(List.of("UNKNOWN_CODE"), batch("330102001", "二年级", "2021-10-20").reasons());
  }
}
