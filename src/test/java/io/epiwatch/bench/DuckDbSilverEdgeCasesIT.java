package io.epiwatch.bench;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.epiwatch.testing.SparkExtension;
import io.epiwatch.testing.SparkTest;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Stream;
import org.apache.poi.ss.usermodel.CellStyle;
import org.apache.poi.ss.usermodel.Sheet;
import org.apache.poi.xssf.usermodel.XSSFWorkbook;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * The DuckDB peer against the Spark pipeline on rows aimed at the rules
 * (src/test/resources/bench/edge-inbox, plus an XLSX written here) with the sample's schools:
 * resubmissions within a file, date, timestamp and count spellings, every reason code, vocabulary
 * spellings, GB18030 and BOM files, an unknown column, a rejected file, a copy of a file (same
 * SHA-256), a third schools snapshot, a roster snapshot replacing a school's, composite travel
 * keys, risk periods cut by the next one, dose flags, campus stays (resubmissions, stay_to before
 * stay_from, students of no roster row of the school). An IT: a second Spark run costs about a
 * minute.
 */
@SparkTest
class DuckDbSilverEdgeCasesIT {
  private static final Path SAMPLE = Path.of("data-sample/inbox").toAbsolutePath();
  private static final Path EDGE = Path.of("src/test/resources/bench/edge-inbox").toAbsolutePath();

  @Test
  void everySilverTableMatchesTheSparkPipelineOnEdgeCases(SparkSession spark)
      throws IOException, SQLException {
    Path inbox = SparkExtension.newFolder("edge-inbox");
    copyTree(SAMPLE.resolve("schools"), inbox.resolve("schools"));
    copyTree(EDGE, inbox);
    writeContraindicationsXlsx(inbox.resolve("contraindications").resolve("zz-edge.xlsx"));
    List<String> problems = SilverComparison.compareOn(spark, inbox);
    assertTrue(problems.isEmpty(), String.join("\n", problems));
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        Path target = to.resolve(from.relativize(f).toString());
        Files.createDirectories(target.getParent());
        Files.copy(f, target);
      }
    }
  }

  /**
   * Contraindications as XLSX: latest recorded_at wins over a later line; NULL recorded_at sorts
   * last; a date cell.
   */
  private static void writeContraindicationsXlsx(Path file) throws IOException {
    Object[][] rows = {
      {"身份证号", "证件类型", "学校标识码", "禁忌原因", "有效期至", "登记时间"},
      {"330102201003050114", "", "3330102001", "过敏史", "", "2021-09-05 10:00"},
      {"330102201003050114", "", "3330102001", "发热", LocalDate.of(2021, 9, 30), "2021-09-01 10:00"},
      {"330102201104060215", "", "3330102001", "其他", "", ""},
      {"330102201104060215", "", "3330102001", "过敏史", "2021/12/31", "2021-09-01 10:00"}
    };
    Files.createDirectories(file.getParent());
    try (XSSFWorkbook wb = new XSSFWorkbook();
        OutputStream out = Files.newOutputStream(file)) {
      Sheet sheet = wb.createSheet();
      CellStyle dateStyle = wb.createCellStyle();
      dateStyle.setDataFormat(wb.getCreationHelper().createDataFormat().getFormat("yyyy-mm-dd"));
      for (int r = 0; r < rows.length; r++) {
        org.apache.poi.ss.usermodel.Row row = sheet.createRow(r);
        for (int c = 0; c < rows[r].length; c++) {
          if (rows[r][c] instanceof LocalDate d) {
            row.createCell(c).setCellValue(d);
            row.getCell(c).setCellStyle(dateStyle);
          } else {
            row.createCell(c).setCellValue((String) rows[r][c]);
          }
        }
      }
      wb.write(out);
    }
  }
}
