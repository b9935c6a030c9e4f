package io.epiwatch.silver;

import static io.epiwatch.silver.BronzeRows.cols;
import static io.epiwatch.silver.BronzeRows.d;
import static io.epiwatch.silver.BronzeRows.ts;
import static io.epiwatch.testing.DatasetAssert.assertRows;
import static io.epiwatch.testing.DatasetAssert.row;

import io.epiwatch.config.AppConfig;
import io.epiwatch.contract.Sources;
import io.epiwatch.testing.SparkTest;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * One test per silver rule of issue 4 and docs/rules.md §2, §7, on tiny literal bronze frames (no
 * Delta).
 */
@SparkTest
class SilverRulesTest {
  static final String A = "3301000001";
  static final String B = "3301000002";

  @Test
  void lateCorrectionSupersedesEarlierReportAndKeepsFirstSubmission(SparkSession spark) {
    Dataset<Row> bronze =
        BronzeRows.of(
            spark,
            Sources.DAILY_REPORTS,
            cols(
                "report_date",
                "school_code",
                "submitted_at",
                "students_expected",
                "students_absent_illness",
                "zero_report",
                "source_file",
                "source_line"),
            new Object[] {d("2021-09-01"), A, ts("2021-09-01 09:30"), 100, 0, true, "a.csv", 2L},
            new Object[] {
              d("2021-09-01"), A, ts("2021-09-08 16:00"), 100, 3, true, "b.csv", 2L
            }, // a week late
            new Object[] {d("2021-09-01"), B, ts("2021-09-01 11:00"), 50, 1, false, "a.csv", 3L});

    assertRows(
        DailyReportsSilver.build(bronze),
        cols(
            "school_code",
            "submitted_at",
            "first_submitted_at",
            "versions",
            "students_absent_illness",
            "zero_report_contradiction",
            "source_file"),
        row(A, ts("2021-09-08 16:00"), ts("2021-09-01 09:30"), 2, 3, true, "b.csv"),
        row(B, ts("2021-09-01 11:00"), ts("2021-09-01 11:00"), 1, 1, false, "a.csv"));
  }

  @Test
  void withoutSubmissionTimeTheLaterFileInByteOrderThenTheLaterLineWins(SparkSession spark) {
    Dataset<Row> bronze =
        BronzeRows.of(
            spark,
            Sources.CONTRAINDICATIONS,
            cols("person_key", "school_code", "reason", "source_file", "source_line"),
            new Object[] {"p1", A, "first", "Z.csv", 9L},
            new Object[] {"p1", A, "second", "a.csv", 2L}, // 'a' (0x61) > 'Z' (0x5A) in byte order
            new Object[] {"p2", A, "line2", "a.csv", 2L},
            new Object[] {"p2", A, "line3", "a.csv", 3L});

    assertRows(
        ContraindicationsSilver.build(bronze),
        cols("person_key", "reason"),
        row("p1", "second"),
        row("p2", "line3"));
  }

  @Test
  void theLatestResponsePerAlertWinsWhateverTheCaseOfItsId(SparkSession spark) {
    Dataset<Row> bronze =
        BronzeRows.of(
            spark,
            Sources.ALERT_RESPONSES,
            cols("alert_id", "verified", "reported_to_cdc_at", "submitted_at", "source_file"),
            new Object[] {"ab12cd34ef56ab78", "pending", null, ts("2021-09-12 18:00"), "a.csv"},
            // the same alert, its id upper-cased by a spreadsheet, verified and reported later
            new Object[] {
              " AB12CD34EF56AB78 ",
              "verified",
              ts("2021-09-13 08:00"),
              ts("2021-09-13 08:30"),
              "b.csv"
            },
            new Object[] {"0123456789abcdef", "discarded", null, ts("2021-09-13 09:00"), "b.csv"});

    assertRows(
        AlertResponsesSilver.build(bronze),
        cols("alert_id", "verified", "reported_to_cdc_at", "source_file"),
        row("ab12cd34ef56ab78", "verified", ts("2021-09-13 08:00"), "b.csv"),
        row("0123456789abcdef", "discarded", null, "b.csv"));
  }

  @Test
  void expiredContraindicationIsKeptWithItsValidUntil(SparkSession spark) {
    Dataset<Row> bronze =
        BronzeRows.of(
            spark,
            Sources.CONTRAINDICATIONS,
            cols("person_key", "school_code", "reason", "valid_until", "recorded_at"),
            new Object[] {"p1", A, "fever", d("2021-06-30"), ts("2021-06-01 10:00")},
            new Object[] {"p2", A, "allergy", null, ts("2021-05-01 10:00")},
            new Object[] {"p3", A, "old", d("2021-01-31"), ts("2021-01-01 10:00")},
            new Object[] {"p3", A, "renewed", d("2021-12-31"), ts("2021-08-01 10:00")});

    assertRows(
        ContraindicationsSilver.build(bronze),
        cols("person_key", "reason", "valid_until"),
        row("p1", "fever", d("2021-06-30")),
        row("p2", "allergy", null),
        row("p3", "renewed", d("2021-12-31")));
  }

  @Test
  void symptomGroupFirstMatchWins(SparkSession spark) {
    Dataset<Row> bronze =
        BronzeRows.of(
            spark,
            Sources.ABSENCE_CASES,
            cols("report_date", "school_code", "person_key", "symptoms"),
            new Object[] {d("2021-09-01"), A, "p1", List.of("fever", "rash", "vomiting")},
            new Object[] {d("2021-09-01"), A, "p2", List.of("fever", "vomiting", "cough")},
            new Object[] {d("2021-09-01"), A, "p3", List.of("cough", "fever")},
            new Object[] {d("2021-09-01"), A, "p4", List.of("fever", "headache")},
            new Object[] {d("2021-09-01"), A, "p5", List.of("runny_nose")},
            new Object[] {d("2021-09-01"), A, "p6", List.of("fatigue")},
            new Object[] {d("2021-09-01"), A, "p7", null},
            // the WS/T 772 symptoms: parotitis and conjunctivitis right after rash
            new Object[] {d("2021-09-01"), A, "p8", List.of("fever", "parotid_swelling")},
            new Object[] {d("2021-09-01"), A, "p9", List.of("rash", "parotid_swelling")},
            new Object[] {
              d("2021-09-01"), A, "p10", List.of("conjunctival_congestion", "fever", "cough")
            },
            new Object[] {
              d("2021-09-01"), A, "p11", List.of("parotid_swelling", "conjunctival_congestion")
            },
            new Object[] {d("2021-09-01"), A, "p12", List.of("abdominal_pain", "dizziness")},
            new Object[] {d("2021-09-01"), A, "p13", List.of("jaundice")});

    assertRows(
        AbsenceCasesSilver.build(bronze),
        cols("person_key", "symptom_group"),
        row("p1", "rash"),
        row("p2", "gi"),
        row("p3", "ili"),
        row("p4", "fever"),
        row("p5", "respiratory"),
        row("p6", "other"),
        row("p7", "other"),
        row("p8", "parotitis"),
        row("p9", "rash"),
        row("p10", "conjunctivitis"),
        row("p11", "parotitis"),
        row("p12", "other"),
        row("p13", "other"));
  }

  @Test
  void schoolMovingDistrictOpensNewRowAndSchoolAbsentFromLaterSnapshotIsClosed(SparkSession spark) {
    String[] c = cols("school_code", "school_name", "school_type", "district_code", "as_of");
    Dataset<Row> bronze =
        BronzeRows.of(
            spark,
            Sources.SCHOOLS,
            c,
            new Object[] {A, "一中", "senior_high", "330102", d("2021-09-01")},
            new Object[] {B, "二小", "primary", "330105", d("2021-09-01")},
            new Object[] {A, "一中", "senior_high", "330102", d("2021-10-01")},
            new Object[] {B, "二小", "primary", "330105", d("2021-10-01")},
            new Object[] {A, "一中", "senior_high", "330110", d("2021-11-01")}); // A moves; B closes

    assertRows(
        SchoolsDimension.build(bronze),
        cols("school_code", "district_code", "city_code", "valid_from", "valid_to", "is_current"),
        row(A, "330102", "330100", d("2021-09-01"), d("2021-11-01"), false),
        row(A, "330110", "330100", d("2021-11-01"), null, true),
        row(B, "330105", "330100", d("2021-09-01"), d("2021-11-01"), false));
  }

  @Test
  void rosterPersonMissingFromTheSchoolsLaterSnapshotIsKeptWithEndDate(SparkSession spark) {
    String[] c = cols("person_key", "person_type", "school_code", "grade", "status", "as_of");
    Dataset<Row> bronze =
        BronzeRows.of(
            spark,
            Sources.ROSTER,
            c,
            new Object[] {"s1", "student", A, "1", "active", d("2021-09-01")},
            new Object[] {"s2", "student", A, "1", "active", d("2021-09-01")},
            new Object[] {"t1", "staff", B, null, "active", d("2021-09-01")},
            new Object[] {"s1", "student", A, "1", "active", d("2021-10-01")}, // s2 left A
            new Object[] {
              "s2", "student", B, "2", "active", d("2021-10-15")
            }); // B's own later snapshot: t1 left, s2 joined

    assertRows(
        RosterDimension.build(bronze),
        cols("person_key", "school_code", "valid_from", "valid_to", "is_current"),
        row("s1", A, d("2021-09-01"), null, true),
        row("s2", A, d("2021-09-01"), d("2021-10-01"), false),
        row("t1", B, d("2021-09-01"), d("2021-10-15"), false),
        row("s2", B, d("2021-10-15"), null, true));
  }

  @Test
  void riskAreaReGradedLiftedAndReAnnounced(SparkSession spark) {
    String[] c = cols("area_code", "risk_level", "effective_from", "effective_to", "announced_at");
    Dataset<Row> bronze =
        BronzeRows.of(
            spark,
            Sources.RISK_AREAS,
            c,
            new Object[] {"330102001", "medium", d("2021-08-01"), null, ts("2021-07-31 20:00")},
            new Object[] {
              "330102001", "high", d("2021-08-05"), null, ts("2021-08-04 20:00")
            }, // re-graded
            new Object[] {
              "330102001", "high", d("2021-08-05"), d("2021-08-20"), ts("2021-08-20 20:00")
            }, // lifted (latest wins)
            new Object[] {
              "330102001", "medium", d("2021-09-10"), null, ts("2021-09-09 20:00")
            }, // re-announced
            new Object[] {
              "420100", "high", d("2021-08-01"), d("2021-08-31"), ts("2021-07-31 20:00")
            },
            new Object[] {
              "420100", "medium", d("2021-08-10"), null, ts("2021-08-09 20:00")
            }); // before the announced end

    assertRows(
        RiskAreasSilver.build(bronze),
        cols("area_code", "risk_level", "period_from", "period_to", "effective_to", "is_current"),
        row("330102001", "medium", d("2021-08-01"), d("2021-08-04"), null, false),
        row("330102001", "high", d("2021-08-05"), d("2021-08-20"), d("2021-08-20"), false),
        row("330102001", "medium", d("2021-09-10"), null, null, true),
        row("420100", "high", d("2021-08-01"), d("2021-08-09"), d("2021-08-31"), false),
        row("420100", "medium", d("2021-08-10"), null, null, true));
  }

  @Test
  void vaccineProductsSeriesAndDoseFlags(SparkSession spark) {
    String[] c =
        cols(
            "person_key",
            "school_code",
            "dose_number",
            "vaccination_date",
            "vaccine_product",
            "manufacturer");
    Dataset<Row> bronze =
        BronzeRows.of(
            spark,
            Sources.VACCINATIONS,
            c,
            new Object[] {"p1", A, 1, d("2021-07-01"), "新冠病毒灭活疫苗(Vero细胞)", "北京科兴中维"},
            new Object[] {"p1", A, 2, d("2021-07-15"), "coronavac", null}, // 14 days < 21
            new Object[] {"p2", A, 1, d("2021-07-01"), "克威莎", "康希诺"}, // one-dose product
            new Object[] {"p3", A, 2, d("2021-08-01"), "BBIBP-CorV", null}, // no dose 1
            new Object[] {"p4", A, 1, d("2021-07-01"), "ZF2001", null},
            new Object[] {"p4", A, 2, d("2021-07-29"), "ZF2001", null}, // exactly 28 days: fine
            new Object[] {"p4", A, 3, d("2021-08-26"), "ZF2001", null},
            new Object[] {"x9", A, 1, d("2021-07-01"), "unknown brand", null});
    Dataset<Row> roster =
        spark.createDataFrame(
            List.of(row("p1"), row("p2"), row("p3"), row("p4")),
            org.apache.spark.sql.types.StructType.fromDDL("person_key STRING"));

    Dataset<Row> doses =
        VaccinationsSilver.build(
            bronze, roster, AppConfig.fromString("").policy().vaccineProducts());

    assertRows(
        doses.selectExpr(
            "person_key",
            "dose_number",
            "product",
            "series_doses",
            "min_interval_days",
            "array_join(flags, ',') AS f"),
        cols("person_key", "dose_number", "product", "series_doses", "min_interval_days", "f"),
        row("p1", 1, "inactivated_sinovac", 2, 21, ""),
        row("p1", 2, "inactivated_sinovac", 2, 21, "INTERVAL_TOO_SHORT"),
        row("p2", 1, "ad5_ncov", 1, 0, ""),
        row("p3", 2, "inactivated_bbibp", 2, 21, "MISSING_PRIOR_DOSE"),
        row("p4", 1, "zf2001", 3, 28, ""),
        row("p4", 2, "zf2001", 3, 28, ""),
        row("p4", 3, "zf2001", 3, 28, ""),
        row("x9", 1, null, null, null, "NOT_ON_ROSTER"));
    assertRows(
        DataQualityFlags.ofDoses(doses),
        cols("flag", "source", "record_key", "business_date"),
        row("INTERVAL_TOO_SHORT", "vaccinations", "p1|2", d("2021-07-15")),
        row("MISSING_PRIOR_DOSE", "vaccinations", "p3|2", d("2021-08-01")),
        row("NOT_ON_ROSTER", "vaccinations", "x9|1", d("2021-07-01")));
  }

  @Test
  void householdMemberCountsUnderTheSchoolOfTheLinkedStudentEvenAfterTheStudentLeft(
      SparkSession spark) {
    String[] c =
        cols(
            "record_id",
            "person_key",
            "person_type",
            "linked_person_key",
            "school_code",
            "destination_code",
            "departure_date",
            "return_date",
            "submitted_at");
    Dataset<Row> bronze =
        TravelSilver.withRecordKey(
            BronzeRows.of(
                spark,
                Sources.TRAVEL_RECORDS,
                c,
                new Object[] {
                  "R1",
                  "h1",
                  "household",
                  "s1",
                  A,
                  "110101",
                  d("2021-08-01"),
                  d("2021-08-05"),
                  ts("2021-08-06 08:00")
                },
                new Object[] {
                  "R1",
                  "h1",
                  "household",
                  "s1",
                  A,
                  "110101",
                  d("2021-08-01"),
                  d("2021-08-07"),
                  ts("2021-08-08 08:00")
                },
                new Object[] {
                  null,
                  "h2",
                  "household",
                  "s2",
                  A,
                  "JP",
                  d("2021-08-01"),
                  null,
                  ts("2021-08-02 08:00")
                },
                new Object[] {
                  null,
                  "t1",
                  "staff",
                  null,
                  B,
                  "420100",
                  d("2021-08-03"),
                  d("2021-08-04"),
                  ts("2021-08-05 08:00")
                },
                // a staff member's relative reported without a school: counts under the staff
                // member's school
                new Object[] {
                  "R3",
                  "h3",
                  "household",
                  "t1",
                  null,
                  "420100",
                  d("2021-08-03"),
                  d("2021-08-04"),
                  ts("2021-08-05 08:00")
                }));
    Dataset<Row> roster =
        spark.createDataFrame(
            List.of(
                row(
                    "s1",
                    "student",
                    B,
                    d("2021-03-01"),
                    d("2021-09-01"),
                    false), // s1 left B on 2021-09-01
                row("s2", "student", A, d("2021-03-01"), d("2021-06-01"), false),
                row(
                    "s2",
                    "student",
                    B,
                    d("2021-06-01"),
                    null,
                    true), // s2 moved to B: current row wins
                row("t1", "staff", A, d("2021-03-01"), null, true)),
            org.apache.spark.sql.types.StructType.fromDDL(
                "person_key STRING, person_type STRING, school_code STRING, valid_from DATE, valid_to DATE, is_current BOOLEAN"));

    assertRows(
        TravelSilver.build(bronze, roster),
        cols("record_key", "return_date", "school_code", "attributed_school_code"),
        row("R1", d("2021-08-07"), A, B),
        row("h2|2021-08-01|JP", null, A, B),
        row("t1|2021-08-03|420100", d("2021-08-04"), B, B),
        row("R3", d("2021-08-04"), null, A));
  }

  @Test
  void zeroReportContradictionAndLineListCountMismatchAreFlagged(SparkSession spark) {
    Dataset<Row> reports =
        DailyReportsSilver.build(
            BronzeRows.of(
                spark,
                Sources.DAILY_REPORTS,
                cols(
                    "report_date",
                    "school_code",
                    "submitted_at",
                    "students_absent_illness",
                    "staff_absent_illness",
                    "fever_cases",
                    "zero_report"),
                new Object[] {
                  d("2021-09-01"), A, ts("2021-09-01 09:00"), 0, 0, 1, true
                }, // zero report with a fever case
                new Object[] {
                  d("2021-09-01"), B, ts("2021-09-01 09:00"), 2, 1, 0, false
                }, // 3 absent, 2 listed
                new Object[] {
                  d("2021-09-02"), B, ts("2021-09-02 09:00"), 1, 0, 0, false
                })); // 1 absent, 1 listed
    Dataset<Row> cases =
        AbsenceCasesSilver.build(
            BronzeRows.of(
                spark,
                Sources.ABSENCE_CASES,
                cols("report_date", "school_code", "person_key"),
                new Object[] {d("2021-09-01"), B, "p1"},
                new Object[] {d("2021-09-01"), B, "p2"},
                new Object[] {d("2021-09-02"), B, "p1"}));

    assertRows(
        DataQualityFlags.ofReports(reports, cases),
        cols("flag", "record_key", "business_date", "school_code", "detail"),
        row(
            "ZERO_REPORT_CONTRADICTION",
            "2021-09-01|" + A,
            d("2021-09-01"),
            A,
            "zero report with illness absences 0, fever 1, suspected 0, confirmed 0"),
        row(
            "LINE_LIST_COUNT_MISMATCH",
            "2021-09-01|" + B,
            d("2021-09-01"),
            B,
            "summary illness absences 3 but 2 line-list rows"));
  }
}
