package io.epiwatch.ingest;

import static io.epiwatch.testing.DatasetAssert.row;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.epiwatch.catalog.TableId;
import io.epiwatch.catalog.TableSpec;
import io.epiwatch.catalog.Tables;
import io.epiwatch.catalog.Warehouse;
import io.epiwatch.common.ResidentId;
import io.epiwatch.config.AppConfig;
import io.epiwatch.contract.Sources;
import io.epiwatch.spark.JobContext;
import io.epiwatch.testing.DatasetAssert;
import io.epiwatch.testing.SparkExtension;
import io.epiwatch.testing.SparkTest;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@SparkTest
class IngestJobTest {
  static final String ID1 = ResidentId.build("330102", LocalDate.of(2008, 3, 1), 123);
  static final String ID2 = ResidentId.build("330105", LocalDate.of(2010, 7, 9), 456);
  static final String BAD_ID = ID1.substring(0, 17) + (ID1.charAt(17) == '0' ? '1' : '0');

  SparkSession spark;
  Path inbox;
  Warehouse wh;
  JobContext ctx;

  @BeforeEach
  void setUp(SparkSession spark) {
    this.spark = spark;
    inbox = SparkExtension.newFolder("inbox");
    Path warehouse = SparkExtension.newFolder("wh");
    AppConfig config =
        AppConfig.fromString("epiwatch.secret.value = \"test-secret\"")
            .withPaths(warehouse.toString(), inbox.toString(), null);
    ctx =
        JobContext.of(
            config,
            spark,
            LocalDate.of(2021, 10, 5),
            Clock.fixed(Instant.parse("2021-10-05T01:00:00Z"), ZoneId.of("Asia/Shanghai")));
    wh = ctx.warehouse();
  }

  void write(String source, String file, String text, Charset cs) throws Exception {
    Path dir = Files.createDirectories(inbox.resolve(source));
    Files.write(dir.resolve(file), text.getBytes(cs));
  }

  void schools() throws Exception {
    write(
        "schools",
        "s.csv",
        "学校标识码,学校名称,学校类型,区县代码,统计日期\n"
            + "3301020001,第一小学,小学,330102,2021-09-01\n"
            + "3301050002,第二中学,初中,330105,2021-09-01\n",
        StandardCharsets.UTF_8);
  }

  @Test
  void goodRowsLoadBadRowsAreQuarantinedWithEveryReasonAndTheManifestAddsUp() throws Exception {
    schools();
    write(
        "daily_reports",
        "d1.csv",
        " report_date ,school_code,submitted_at,students_expected,students_present,students_absent_illness,zero_report,note\n"
            + "2021-10-04,3301020001,2021-10-04 09:30,100,98,2,N,ok\n"
            + "2021/10/4,3301050002,20211004 x,100,101,-1,Y,\n"
            + "2021-10-09,9999999999,2021-10-04 09:00,10,5,9,maybe,\n"
            + "20211004,3301050002,2021-10-04 10:00:00,50,49,1,否,\n",
        StandardCharsets.UTF_8);

    IngestJob.IngestResult r = IngestJob.run(ctx, Optional.empty());

    DatasetAssert.assertRows(
        wh.read(TableId.bronze("daily_reports")),
        new String[] {
          "CAST(report_date AS STRING)",
          "school_code",
          "students_present",
          "zero_report",
          "source_line",
          "extra_columns['note']"
        },
        row("2021-10-04", "3301020001", 98, false, 2L, "ok"),
        row("2021-10-04", "3301050002", 49, false, 5L, ""));
    DatasetAssert.assertRows(
        wh.read(Tables.OPS_QUARANTINE.id()),
        new String[] {"source_line", "array_join(reasons, ',')"},
        row(3L, "BAD_DATE,NEGATIVE_COUNT,PRESENT_GT_EXPECTED,ABSENCES_GT_EXPECTED"),
        row(4L, "FUTURE_DATE,UNKNOWN_CODE,ABSENCES_GT_EXPECTED,UNKNOWN_SCHOOL"));
    Row q = wh.read(Tables.OPS_QUARANTINE.id()).filter("source_line = 3").first();
    assertTrue(
        q.<String>getList(q.fieldIndex("details"))
            .get(0)
            .contains("d1.csv:3 submitted_at(填报时间): '20211004 x'"));
    FileResultCheck.assertManifest(wh, "d1.csv", "loaded", 4, 2, 2);
    assertEquals(6L, r.rows("in"));
    // a first run creates each table with its first rows: one commit, the declaration's comments
    for (TableSpec t :
        List.of(
            Tables.bronze(Sources.DAILY_REPORTS),
            Tables.OPS_QUARANTINE,
            Tables.OPS_INGEST_MANIFEST))
      assertEquals(0L, wh.version(t.id()), t.id() + ": one commit");
    for (TableSpec t : List.of(Tables.bronze(Sources.DAILY_REPORTS), Tables.OPS_QUARANTINE))
      for (var f : t.schema().fields())
        assertEquals(
            f.getComment(),
            wh.read(t.id()).schema().apply(f.name()).getComment(),
            t.id() + "." + f.name());
  }

  @Test
  void aReturnBatchNeedsAKnownSchoolAndAGradeOfItsStudents() throws Exception {
    schools();
    write(
        "roster",
        "r.csv",
        "身份证号,姓名,人员类别,学校标识码,年级,班级,统计日期\n"
            + ID1
            + ",张三,学生,3301020001,二年级,1班,2021-09-01\n"
            + ID2
            + ",李四,教职工,3301050002,三年级,,2021-09-01\n",
        StandardCharsets.UTF_8);
    write(
        "return_batches",
        "b.csv",
        "学校标识码,年级,返校日期\n"
            + "3301020001,二年级,2021-10-12\n"
            // a grade no student of the school is in (a spelling the roster does not use)
            + "3301020001,2年级,2021-10-12\n"
            // the grade of a staff row only
            + "3301050002,三年级,2021-10-12\n"
            // a school of no schools row: its grade is unknown too
            + "9999999999,二年级,2021-10-12\n",
        StandardCharsets.UTF_8);

    IngestJob.run(ctx, Optional.empty());

    DatasetAssert.assertRows(
        wh.read(TableId.bronze("return_batches")),
        new String[] {"school_code", "grade", "CAST(batch_start_date AS STRING)"},
        row("3301020001", "二年级", "2021-10-12"));
    DatasetAssert.assertRows(
        wh.read(Tables.OPS_QUARANTINE.id()).filter("source = 'return_batches'"),
        new String[] {"source_line", "array_join(array_sort(reasons), ',')"},
        row(3L, "UNKNOWN_GRADE"),
        row(4L, "UNKNOWN_GRADE"),
        row(5L, "UNKNOWN_GRADE,UNKNOWN_SCHOOL"));
    FileResultCheck.assertManifest(wh, "b.csv", "loaded", 4, 1, 3);
  }

  @Test
  void gb18030AndBomFilesDecodeWithChineseHeadersAndAFileMissingARequiredColumnIsRejectedWhole()
      throws Exception {
    schools();
    write(
        "roster",
        "gbk.csv",
        "身份证号,姓名,人员类别,学校标识码,状态,统计日期\n" + ID1 + ",张小三,学生,3301020001,在籍,2021-09-01\n",
        Charset.forName("GB18030"));
    write(
        "roster",
        "bom.csv",
        "\uFEFFid_number,name,person_type,school_code,as_of\n"
            + ID2.toLowerCase()
            + ",李四,staff,3301050002,2021-09-01\n",
        StandardCharsets.UTF_8);
    write(
        "roster",
        "nohdr.csv",
        "身份证号,姓名,学校标识码\n" + ID1 + ",张小三,3301020001\n",
        StandardCharsets.UTF_8);

    IngestJob.run(ctx, Optional.empty());

    DatasetAssert.assertRows(
        wh.read(TableId.bronze("roster")),
        new String[] {"person_type", "status", "CAST(birth_date AS STRING)", "sex"},
        row("student", "active", "2008-03-01", "male"),
        row("staff", "active", "2010-07-09", "female"));
    DatasetAssert.assertRows(
        wh.read(new TableId("restricted", "person_identity")),
        new String[] {"id_number", "name"},
        row(ID1, "张小三"),
        row(ID2, "李四"));
    assertEquals(
        "rwx------",
        java.nio.file.attribute.PosixFilePermissions.toString(
            java.nio.file.Files.getPosixFilePermissions(
                java.nio.file.Path.of(wh.restrictedRoot()))),
        "identities readable by the jobs' account only");
    FileResultCheck.assertManifest(wh, "gbk.csv", "loaded", 1, 1, 0);
    Row m = wh.read(Tables.OPS_INGEST_MANIFEST.id()).filter("file LIKE '%nohdr.csv'").first();
    assertEquals("rejected", m.getString(m.fieldIndex("status")));
    assertTrue(
        m.getString(m.fieldIndex("message")).contains("person_type (人员类别), as_of (统计日期)"),
        m.getString(m.fieldIndex("message")));
    assertEquals(
        "GB18030",
        wh.read(Tables.OPS_INGEST_MANIFEST.id())
            .filter("file LIKE '%gbk.csv'")
            .first()
            .getAs("encoding"));
  }

  @Test
  void rerunSkipsIngestedFilesAndNoRawIdOrNameLeavesRestrictedStorage() throws Exception {
    schools();
    write(
        "absence_cases",
        "a.csv",
        "report_date,school_code,id_number,name,class_name,symptoms,diagnosis,followed_up\n"
            + "2021-10-04,3301020001,"
            + ID1
            + ",张小三,一(1)班,发热；咳嗽、rash,流感,是\n"
            + "2021-10-04,3301020001,"
            + BAD_ID
            + ",王五,一(1)班,发热,不明,否\n",
        StandardCharsets.UTF_8);
    IngestJob.run(ctx, Optional.empty());
    long version = wh.version(TableId.bronze("absence_cases"));
    assertEquals(0L, wh.version(Tables.RESTRICTED_PERSON_IDENTITY.id()), "created with its rows");

    IngestJob.IngestResult again = IngestJob.run(ctx, Optional.empty());

    assertTrue(again.files().isEmpty());
    assertEquals(version, wh.version(TableId.bronze("absence_cases")));
    DatasetAssert.assertRows(
        wh.read(TableId.bronze("absence_cases")),
        new String[] {"array_join(symptoms, ',')", "diagnosis", "followed_up"},
        row("fever,cough,rash", "influenza", true));
    DatasetAssert.assertRows(
        wh.read(Tables.OPS_QUARANTINE.id()),
        new String[] {"array_join(reasons, ',')"},
        row("INVALID_ID_CHECKSUM"));
    for (String layer : List.of("bronze", "ops")) {
      for (TableId t : wh.list(List.of(layer))) {
        Dataset<Row> df = wh.read(t);
        for (StructField f : df.schema().fields()) {
          if (f.dataType() != DataTypes.StringType) continue;
          long hits =
              df.filter(
                      df.col(f.name())
                          .contains(ID1.substring(6, 14))
                          .or(df.col(f.name()).contains("张小三"))
                          .or(df.col(f.name()).contains("王五"))
                          .or(df.col(f.name()).contains(BAD_ID.substring(6))))
                  .count();
          assertEquals(0L, hits, t + "." + f.name() + " holds a raw ID or name");
        }
      }
    }
    assertFalse(wh.list(List.of("restricted")).isEmpty());
  }

  @Test
  void xlsxLoadsWithRowNumbersAndAFileInNeitherEncodingIsRejected() throws Exception {
    schools();
    Path dir = Files.createDirectories(inbox.resolve("contraindications"));
    try (org.apache.poi.xssf.usermodel.XSSFWorkbook wb =
        new org.apache.poi.xssf.usermodel.XSSFWorkbook()) {
      var sheet = wb.createSheet("禁忌");
      String[][] cells = {
        {"身份证号", "学校标识码", "禁忌原因", "有效期至", "登记时间"},
        {ID1, "3301020001", "过敏", "", "2021-07-01 10:00"},
        {"123", "3301020001", "过敏", "", "2021-07-01 10:00"}
      };
      for (int r = 0; r < cells.length; r++) {
        var row = sheet.createRow(r);
        for (int c = 0; c < cells[r].length; c++) row.createCell(c).setCellValue(cells[r][c]);
      }
      var dateRow = sheet.createRow(3);
      dateRow.createCell(0).setCellValue(ID2);
      dateRow.createCell(1).setCellValue("3301020001");
      var valid = dateRow.createCell(3);
      valid.setCellValue(java.time.LocalDate.of(2022, 1, 31));
      var style = wb.createCellStyle();
      style.setDataFormat(wb.createDataFormat().getFormat("yyyy/m/d"));
      valid.setCellStyle(style);
      try (var out = Files.newOutputStream(dir.resolve("c.xlsx"))) {
        wb.write(out);
      }
    }
    // Bytes that are neither UTF-8 nor GB18030 (0x80 alone is invalid in both).
    Files.write(
        dir.resolve("broken.csv"),
        new byte[] {'a', ',', 'b', '\n', (byte) 0x80, (byte) 0xFF, '\n'});

    IngestJob.run(ctx, Optional.empty());

    DatasetAssert.assertRows(
        wh.read(TableId.bronze("contraindications")),
        new String[] {"source_line", "CAST(valid_until AS STRING)"},
        row(2L, null),
        row(4L, "2022-01-31"));
    DatasetAssert.assertRows(
        wh.read(Tables.OPS_QUARANTINE.id()),
        new String[] {"source_line", "array_join(reasons, ',')"},
        row(3L, "INVALID_ID_CHECKSUM"));
    Row broken = wh.read(Tables.OPS_INGEST_MANIFEST.id()).filter("file LIKE '%broken.csv'").first();
    assertEquals("rejected", broken.getAs("status"));
    assertTrue(
        ((String) broken.getAs("message")).contains("neither UTF-8 nor GB18030"),
        (String) broken.getAs("message"));
  }

  @Test
  void
      aHouseholdMemberWithoutASchoolLoadsUnderItsLinkedStudentOrStaffMemberAndIsQuarantinedWhenThatPersonIsUnknown()
          throws Exception {
    schools();
    String staff = ResidentId.build("330105", LocalDate.of(1985, 1, 2), 777);
    String relative = ResidentId.build("330105", LocalDate.of(1960, 5, 6), 888);
    String stranger = ResidentId.build("330106", LocalDate.of(2009, 9, 9), 999);
    write(
        "roster",
        "r.csv",
        "身份证号,姓名,人员类别,学校标识码,统计日期\n"
            + ID1
            + ",张小三,学生,3301020001,2021-09-01\n"
            + staff
            + ",王老师,教职工,3301050002,2021-09-01\n",
        StandardCharsets.UTF_8);
    // The former layout: linked_student_id, no type column.
    write(
        "travel_records",
        "t1.csv",
        "记录编号,身份证号,姓名,人员类别,关联学生身份证号,学校标识码,目的地代码,离开日期\n"
            + "H1,"
            + relative
            + ",李四,同住亲属,"
            + ID1
            + ",,110101,2021-09-20\n" // 2: linked student on the roster: loads
            + "H2,"
            + relative
            + ",李四,同住亲属,"
            + stranger
            + ",,110102,2021-09-20\n" // 3: linked student on no roster: LINKED_PERSON_UNKNOWN
            + "H3,"
            + relative
            + ",李四,同住亲属,"
            + stranger
            + ",3301020001,110103,2021-09-20\n" // 4: own school given: loads
            + "S1,"
            + ID2
            + ",李五,学生,,,110104,2021-09-20\n",
        StandardCharsets.UTF_8); // 5: a student without a school
    // The new layout: a staff member's relative; and a "student" link that is in fact a staff
    // member.
    write(
        "travel_records",
        "t2.csv",
        "记录编号,身份证号,姓名,人员类别,关联人员身份证号,关联人员类别,学校标识码,目的地代码,离开日期\n"
            + "H4,"
            + relative
            + ",李四,同住亲属,"
            + staff
            + ",教职工,,110105,2021-09-21\n"
            + "H5,"
            + relative
            + ",李四,同住亲属,"
            + staff
            + ",学生,,110106,2021-09-21\n",
        StandardCharsets.UTF_8);

    IngestJob.run(ctx, Optional.empty());

    DatasetAssert.assertRows(
        wh.read(Tables.OPS_QUARANTINE.id()).filter("source = 'travel_records'"),
        new String[] {
          "regexp_extract(source_file, '[^/]+$', 0)", "source_line", "array_join(reasons, ',')"
        },
        row("t1.csv", 3L, "LINKED_PERSON_UNKNOWN"),
        row("t1.csv", 5L, "MISSING_REQUIRED"),
        row("t2.csv", 3L, "LINKED_PERSON_UNKNOWN"));
    Row unknown =
        wh.read(Tables.OPS_QUARANTINE.id())
            .filter("source_line = 3 AND source_file LIKE '%t2.csv'")
            .first();
    assertEquals(
        "LINKED_PERSON_UNKNOWN "
            + inbox.toUri().toString().replace("file:///", "file:/")
            + "travel_records/t2.csv:3 "
            + "linked_person_id(关联人员身份证号): the linked student is on no loaded roster, and school_code(学校标识码) is empty: "
            + "the school this household member counts under is unknown",
        unknown.<String>getList(unknown.fieldIndex("details")).get(0));

    io.epiwatch.silver.TransformJob.run(ctx);
    DatasetAssert.assertRows(
        wh.read(Tables.SILVER_TRAVEL_RECORDS.id()),
        new String[] {"record_key", "person_type", "school_code", "attributed_school_code"},
        row("H1", "household", null, "3301020001"),
        row("H3", "household", "3301020001", "3301020001"),
        row("H4", "household", null, "3301050002"));
  }

  /** Manifest assertions shared by the tests. */
  static final class FileResultCheck {
    static void assertManifest(
        Warehouse wh, String file, String status, long in, long loaded, long quarantined) {
      DatasetAssert.assertRows(
          wh.read(Tables.OPS_INGEST_MANIFEST.id()).filter("file LIKE '%" + file + "'"),
          new String[] {"status", "rows_in", "rows_loaded", "rows_quarantined"},
          row(status, in, loaded, quarantined));
    }
  }
}
