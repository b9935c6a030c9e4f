package io.epiwatch.bench;

import static io.epiwatch.testing.Frames.cols;
import static io.epiwatch.testing.Frames.d;
import static io.epiwatch.testing.Frames.ts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.epiwatch.catalog.TableSpec;
import io.epiwatch.catalog.TableWriter;
import io.epiwatch.catalog.Tables;
import io.epiwatch.catalog.Warehouse;
import io.epiwatch.config.AppConfig;
import io.epiwatch.gold.MetricsJob;
import io.epiwatch.spark.JobContext;
import io.epiwatch.testing.Frames;
import io.epiwatch.testing.SparkExtension;
import io.epiwatch.testing.SparkTest;
import java.nio.file.Path;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * The benchmark's DuckDB peer computes the same gold as our metrics stage (issue 8). The fixture is
 * silver written by hand, small but touching every rule that could tell the two apart: two cities
 * (province rows), a school that moves district and one that closes, the cutoff exactly and one
 * second late, a missing report, expected 0 and a null count, a class cluster and an hfmd pair, an
 * EARS spike, ages on the band edges, 1-, 2- and 3-dose series, a booster, a dose 2 without dose 1,
 * valid and expired contraindications, direct and possible risk-area trips, abroad, household
 * members and trips after the run date. DuckDbPeerIT does the same over the shipped sample.
 */
@SparkTest
class DuckDbPeerTest {
  static final LocalDate RUN_DATE = LocalDate.of(2021, 9, 12);
  static final String A = "3301020001";
  static final String B = "3301020002";
  static final String C = "3302030003";
  static final String D = "3302030004";

  @Test
  void duckDbComputesTheSameGoldAsOurMetricsStageForEveryTable(SparkSession spark) {
    Path work = SparkExtension.newFolder("duckdb-peer");
    AppConfig config =
        AppConfig.fromString("")
            .withPaths(work.resolve("warehouse").toString(), null, work.resolve("out").toString());
    JobContext ctx =
        JobContext.of(
            config,
            spark,
            RUN_DATE,
            Clock.fixed(Instant.parse("2021-09-12T02:00:00Z"), ZoneId.of("Asia/Shanghai")));
    writeSilver(spark, ctx.warehouse());
    MetricsJob.MetricsResult ours = MetricsJob.run(ctx);
    assertEquals(
        new java.util.TreeSet<>(Tables.GOLD.stream().map(t -> t.id().name()).toList()),
        new java.util.TreeSet<>(ours.metricSeconds().keySet()),
        "MetricsJob times every gold table");

    DuckDbPeer.PeerResult peer = DuckDbPeer.run(ctx, work.resolve("peer"));

    List<String> setupAndMetrics = new ArrayList<>(List.of(DuckDbPeer.SETUP));
    Tables.GOLD_METRICS.forEach(t -> setupAndMetrics.add(t.id().name()));
    assertEquals(
        setupAndMetrics, List.copyOf(peer.metricSeconds().keySet()), "one timed block per metric");
    assertEquals(Runtime.getRuntime().availableProcessors(), peer.threads());
    assertEquals(Tables.GOLD_METRICS.size(), peer.tables().size());
    StringBuilder differences = new StringBuilder();
    for (DuckDbPeer.TableComparison t : peer.tables()) {
      assertTrue(
          t.rowsOurs() > 0,
          t.table() + ": the fixture yields rows, so the comparison means something");
      if (t.mismatches() > 0) {
        differences
            .append(t.table())
            .append(": ")
            .append(t.onlyOurs())
            .append(" row(s) only ours, ")
            .append(t.onlyDuckDb())
            .append(" only DuckDB's\n  ")
            .append(String.join("\n  ", t.examples()))
            .append('\n');
      }
    }
    assertEquals("", differences.toString(), "DuckDB's gold differs from ours");
    // the fixture reaches the branches it was built for
    assertTrue(
        ctx.warehouse().read(Tables.GOLD_DISTRICT_EARS.id()).filter("z IS NOT NULL").count() > 0,
        "district EARS: days with enough baseline days, so z is compared too");
    Dataset<Row> g = ctx.warehouse().read(Tables.GOLD_ATTENDANCE.id());
    assertEquals(
        1L,
        g.filter("org_level = 'province' AND report_date = DATE'2021-09-12'").count(),
        "two cities: a province row");
    Set<String> rules =
        new TreeSet<>(
            ctx.warehouse()
                .read(Tables.GOLD_CLUSTER_ALERTS.id())
                .select("rule")
                .as(Encoders.STRING())
                .collectAsList());
    assertEquals(
        Set.of(
            "class_3day",
            "class_same_day",
            "class_rate",
            "dorm_same_day",
            "school_disease",
            "school_ears_c2"),
        rules);
  }

  // ---------------------------------------------------------------- the silver fixture

  /**
   * School A's 一年级1班 on the roster: ten pupils, so the class cluster's three ILI cases of 09-10 are
   * 30 % (class_rate); a1..a3, whose case rows name no dormitory, share dormitory 1号楼101 on the
   * roster (dorm_same_day through the roster's dormitory).
   */
  static Dataset<Row> boarders(SparkSession spark) {
    List<Object[]> rows = new ArrayList<>();
    for (int i = 1; i <= 10; i++) {
      String key = i <= 5 ? "a" + i : "a" + (i + 5);
      rows.add(
          new Object[] {
            key,
            A,
            "student",
            "一年级",
            "1班",
            i <= 3 ? "1号楼101" : null,
            d("2015-03-01"),
            "active",
            d("2021-09-01"),
            null,
            true
          });
    }
    return Frames.of(
        spark,
        Tables.SILVER_ROSTER.schema(),
        cols(
            "person_key",
            "school_code",
            "person_type",
            "grade",
            "class_name",
            "dormitory",
            "birth_date",
            "status",
            "valid_from",
            "valid_to",
            "is_current"),
        rows.toArray(Object[][]::new));
  }

  static void writeSilver(SparkSession spark, Warehouse wh) {
    new TableWriter(wh)
        .overwrite(
            Tables.SILVER_SCHOOLS,
            Frames.of(
                spark,
                Tables.SILVER_SCHOOLS.schema(),
                cols(
                    "school_code",
                    "school_name",
                    "school_type",
                    "district_code",
                    "district_name",
                    "city_code",
                    "valid_from",
                    "valid_to",
                    "is_current"),
                new Object[] {
                  A, "甲校", "primary", "330102", "上城区", "330100", d("2021-09-01"), null, true
                },
                new Object[] {
                  B,
                  "乙校",
                  "junior_high",
                  "330102",
                  "上城区",
                  "330100",
                  d("2021-09-01"),
                  d("2021-09-03"),
                  false
                },
                new Object[] {
                  B, "乙校", "junior_high", "330105", "拱墅区", "330100", d("2021-09-03"), null, true
                },
                new Object[] {
                  C, "丙校", "senior_high", "330203", null, "330200", d("2021-09-01"), null, true
                },
                new Object[] {
                  D,
                  "丁校",
                  "primary",
                  "330203",
                  null,
                  "330200",
                  d("2021-09-01"),
                  d("2021-09-04"),
                  false
                }));

    List<Object[]> reports = new ArrayList<>();
    for (LocalDate day = LocalDate.of(2021, 9, 1);
        !day.isAfter(RUN_DATE.plusDays(1));
        day = day.plusDays(1)) {
      int n = day.getDayOfMonth();
      int spike = n == 11 ? 15 : n == 12 ? 16 : 2 + n % 2;
      String aTime = n == 2 ? "10:00:00" : n == 3 ? "10:00:01" : "08:30:00";
      reports.add(report(day, A, aTime, 100, spike, 0, n == 5));
      if (n != 6)
        reports.add(report(day, B, "09:00:00", n == 4 ? 0 : 50, n == 4 ? 0 : 1, 0, false));
      reports.add(
          report(
              day,
              C,
              n == 7 ? "11:20:00" : "07:45:00",
              80,
              n == 9 ? null : n % 3,
              n % 4 == 0 ? 1 : 0,
              n % 3 == 0));
      if (n <= 3 || n == 5) reports.add(report(day, D, "09:10:00", 40, 1, 0, false));
    }
    new TableWriter(wh)
        .overwrite(
            Tables.SILVER_DAILY_REPORTS,
            Frames.of(
                spark,
                Tables.SILVER_DAILY_REPORTS.schema(),
                cols(
                    "report_date",
                    "school_code",
                    "submitted_at",
                    "first_submitted_at",
                    "versions",
                    "students_expected",
                    "students_present",
                    "students_absent_illness",
                    "students_absent_other",
                    "staff_expected",
                    "staff_absent_illness",
                    "fever_cases",
                    "zero_report"),
                reports.toArray(Object[][]::new)));

    String[] c =
        cols(
            "report_date",
            "school_code",
            "person_key",
            "person_type",
            "grade",
            "class_name",
            "onset_date",
            "symptom_group",
            "diagnosis",
            "followed_up");
    new TableWriter(wh)
        .overwrite(
            Tables.SILVER_ABSENCE_CASES,
            Frames.of(
                spark,
                Tables.SILVER_ABSENCE_CASES.schema(),
                c,
                // class cluster: 3 on 09-10 (class_same_day), 5 within 09-10..09-12 (class_3day)
                new Object[] {
                  d("2021-09-10"),
                  A,
                  "a1",
                  "student",
                  "一年级",
                  "1班",
                  d("2021-09-10"),
                  "ili",
                  "influenza",
                  true
                },
                new Object[] {
                  d("2021-09-10"),
                  A,
                  "a2",
                  "student",
                  "一年级",
                  "1班",
                  d("2021-09-10"),
                  "ili",
                  "influenza",
                  false
                },
                new Object[] {
                  d("2021-09-10"),
                  A,
                  "a3",
                  "student",
                  "一年级",
                  "1班",
                  d("2021-09-10"),
                  "ili",
                  null,
                  null
                },
                new Object[] {
                  d("2021-09-11"),
                  A,
                  "a4",
                  "student",
                  "一年级",
                  "1班",
                  d("2021-09-11"),
                  "ili",
                  "common_cold",
                  true
                },
                new Object[] {
                  d("2021-09-12"),
                  A,
                  "a5",
                  "student",
                  "一年级",
                  "1班",
                  d("2021-09-12"),
                  "ili",
                  "unknown",
                  true
                },
                new Object[] {
                  d("2021-09-11"), A, "s1", "staff", null, null, null, "fever", null, false
                },
                // hfmd pair in one class of C (school_disease, class scope), a third case in
                // another class
                new Object[] {
                  d("2021-09-02"),
                  C,
                  "c1",
                  "student",
                  "二年级",
                  "3班",
                  d("2021-09-02"),
                  "rash",
                  "hfmd",
                  true
                },
                new Object[] {
                  d("2021-09-05"),
                  C,
                  "c2",
                  "student",
                  "二年级",
                  "3班",
                  d("2021-09-05"),
                  "rash",
                  "hfmd",
                  true
                },
                new Object[] {
                  d("2021-09-01"),
                  C,
                  "c3",
                  "student",
                  "二年级",
                  "4班",
                  d("2021-08-31"),
                  "rash",
                  "hfmd",
                  false
                },
                new Object[] {
                  d("2021-09-05"),
                  B,
                  "b1",
                  "student",
                  "初一",
                  "2班",
                  d("2021-09-04"),
                  "gi",
                  "norovirus",
                  true
                },
                new Object[] {
                  d("2021-09-13"),
                  B,
                  "b2",
                  "student",
                  "初一",
                  "2班",
                  d("2021-09-13"),
                  "gi",
                  "norovirus",
                  true
                }));

    String[] r =
        cols(
            "person_key",
            "school_code",
            "person_type",
            "grade",
            "class_name",
            "birth_date",
            "status",
            "valid_from",
            "valid_to",
            "is_current");
    new TableWriter(wh)
        .overwrite(
            Tables.SILVER_ROSTER,
            Frames.of(
                    spark,
                    Tables.SILVER_ROSTER.schema(),
                    r,
                    new Object[] {
                      "r1",
                      A,
                      "student",
                      "六年级",
                      "1班",
                      d("2009-09-12"),
                      "active",
                      d("2021-09-01"),
                      null,
                      true
                    },
                    new Object[] {
                      "r2",
                      A,
                      "student",
                      "六年级",
                      "1班",
                      d("2009-09-13"),
                      "active",
                      d("2021-09-01"),
                      null,
                      true
                    },
                    new Object[] {
                      "r3",
                      A,
                      "student",
                      "六年级",
                      "2班",
                      d("2006-02-28"),
                      "active",
                      d("2021-09-01"),
                      null,
                      true
                    },
                    new Object[] {
                      "r4",
                      A,
                      "student",
                      "六年级",
                      "2班",
                      d("2005-09-30"),
                      "active",
                      d("2021-09-01"),
                      null,
                      true
                    },
                    new Object[] {
                      "r5",
                      A,
                      "staff",
                      null,
                      null,
                      d("1980-01-31"),
                      "active",
                      d("2021-09-01"),
                      null,
                      true
                    },
                    new Object[] {
                      "r6",
                      A,
                      "student",
                      "六年级",
                      "2班",
                      d("2008-01-01"),
                      "left",
                      d("2021-09-01"),
                      null,
                      true
                    },
                    new Object[] {
                      "r7",
                      C,
                      "student",
                      "高一",
                      "3班",
                      d("2008-08-31"),
                      "active",
                      d("2021-09-01"),
                      null,
                      true
                    },
                    new Object[] {
                      "r8",
                      C,
                      "student",
                      "高一",
                      "3班",
                      d("2007-01-01"),
                      "active",
                      d("2021-09-01"),
                      null,
                      true
                    },
                    new Object[] {
                      "r9",
                      C,
                      "contractor",
                      null,
                      null,
                      d("1955-05-05"),
                      "active",
                      d("2021-09-01"),
                      null,
                      true
                    },
                    new Object[] {
                      "r10",
                      B,
                      "student",
                      "初一",
                      "2班",
                      d("2006-06-06"),
                      "active",
                      d("2021-09-01"),
                      null,
                      true
                    },
                    new Object[] {
                      "r11",
                      D,
                      "student",
                      "三年级",
                      "1班",
                      d("2008-03-03"),
                      "active",
                      d("2021-09-01"),
                      null,
                      true
                    },
                    new Object[] {
                      "r12",
                      A,
                      "student",
                      "六年级",
                      "1班",
                      d("2008-12-31"),
                      "active",
                      d("2021-09-01"),
                      d("2021-09-05"),
                      false
                    },
                    new Object[] {
                      "r12",
                      C,
                      "student",
                      "高一",
                      "4班",
                      d("2008-12-31"),
                      "active",
                      d("2021-09-05"),
                      null,
                      true
                    },
                    new Object[] {
                      "r13", C, "staff", null, null, null, "active", d("2021-09-01"), null, true
                    })
                .unionByName(boarders(spark)));

    String[] v =
        cols(
            "person_key",
            "school_code",
            "person_type",
            "dose_number",
            "vaccination_date",
            "product",
            "series_doses");
    new TableWriter(wh)
        .overwrite(
            Tables.SILVER_VACCINATIONS,
            Frames.of(
                spark,
                Tables.SILVER_VACCINATIONS.schema(),
                v,
                new Object[] {"r1", A, "student", 1, d("2021-08-20"), "inactivated_sinovac", 2},
                new Object[] {"r1", A, "student", 2, d("2021-09-10"), "inactivated_sinovac", 2},
                new Object[] {"r3", A, "student", 1, d("2021-08-01"), "ad5_ncov", 1},
                new Object[] {"r3", A, "student", 2, d("2021-09-05"), "inactivated_bbibp", 2},
                new Object[] {"r4", A, "student", 1, d("2021-07-01"), "zf2001", 3},
                new Object[] {"r4", A, "student", 2, d("2021-08-01"), "zf2001", 3},
                new Object[] {"r4", A, "student", 3, d("2021-09-11"), "zf2001", 3},
                new Object[] {"r10", B, "student", 2, d("2021-09-01"), "inactivated_wibp", 2},
                new Object[] {"r7", C, "student", 1, d("2021-08-01"), "inactivated_sinovac", 2},
                new Object[] {"r8", C, "student", 1, d("2021-09-20"), "inactivated_sinovac", 2},
                new Object[] {"r5", A, "staff", 1, d("2021-06-01"), "inactivated_bbibp", 2},
                new Object[] {"r9", C, "contractor", 1, d("2021-06-01"), "inactivated_bbibp", 2},
                new Object[] {"r9", C, "contractor", 2, d("2021-07-01"), "inactivated_bbibp", 2},
                new Object[] {"r12", C, "student", 1, d("2021-09-01"), null, null},
                new Object[] {
                  "stranger", C, "student", 1, d("2021-09-01"), "inactivated_sinovac", 2
                }));

    new TableWriter(wh)
        .overwrite(
            Tables.SILVER_CONTRAINDICATIONS,
            Frames.of(
                spark,
                Tables.SILVER_CONTRAINDICATIONS.schema(),
                cols("person_key", "school_code", "reason", "valid_until", "recorded_at"),
                new Object[] {"r7", C, "过敏", null, ts("2021-08-01 10:00")},
                new Object[] {"r8", C, "发热", d("2021-09-01"), ts("2021-08-20 10:00")},
                new Object[] {"r4", A, "过敏", null, ts("2021-09-20 10:00")}));

    // the optional source never arrived: its silver table exists empty, as the silver stage
    // creates it
    new TableWriter(wh)
        .overwrite(
            Tables.SILVER_SAFETY_INCIDENTS,
            new TableWriter(wh).empty(Tables.SILVER_SAFETY_INCIDENTS));

    new TableWriter(wh)
        .overwrite(
            Tables.SILVER_RISK_AREAS,
            Frames.of(
                spark,
                Tables.SILVER_RISK_AREAS.schema(),
                cols("area_code", "risk_level", "effective_from", "period_from", "period_to"),
                new Object[] {"310115", "high", d("2021-09-05"), d("2021-09-05"), null},
                new Object[] {
                  "420100", "medium", d("2021-08-01"), d("2021-08-01"), d("2021-08-31")
                },
                new Object[] {
                  "330106003", "high", d("2021-09-08"), d("2021-09-08"), d("2021-09-10")
                },
                new Object[] {"110105", "low", d("2021-09-01"), d("2021-09-01"), null}));

    String[] t =
        cols(
            "record_key",
            "person_key",
            "person_type",
            "linked_person_key",
            "school_code",
            "attributed_school_code",
            "destination_code",
            "abroad",
            "departure_date",
            "return_date",
            "approved",
            "nucleic_test_date");
    new TableWriter(wh)
        .overwrite(
            Tables.SILVER_TRAVEL_RECORDS,
            Frames.of(
                spark,
                Tables.SILVER_TRAVEL_RECORDS.schema(),
                t,
                new Object[] {
                  "t1",
                  "r1",
                  "student",
                  null,
                  A,
                  A,
                  "310115",
                  false,
                  d("2021-09-06"),
                  d("2021-09-08"),
                  "yes",
                  d("2021-09-08")
                },
                new Object[] {
                  "t2",
                  "r3",
                  "student",
                  null,
                  A,
                  A,
                  "330106",
                  false,
                  d("2021-09-09"),
                  d("2021-09-09"),
                  "pending",
                  null
                },
                new Object[] {
                  "t3", "r5", "staff", null, A, A, "JP", true, d("2021-09-01"), null, "yes", null
                },
                new Object[] {
                  "t4",
                  "r7",
                  "student",
                  null,
                  C,
                  C,
                  "440300",
                  false,
                  d("2021-08-20"),
                  d("2021-08-25"),
                  "yes",
                  d("2021-08-26")
                },
                new Object[] {
                  "t5",
                  "r7",
                  "student",
                  null,
                  C,
                  C,
                  "330200",
                  false,
                  d("2021-09-10"),
                  d("2021-09-11"),
                  "no",
                  d("2021-09-10")
                },
                new Object[] {
                  "t6",
                  "h1",
                  "household",
                  "r10",
                  null,
                  B,
                  "310115",
                  false,
                  d("2021-09-11"),
                  d("2021-09-13"),
                  "yes",
                  null
                },
                new Object[] {
                  "t7",
                  "r8",
                  "student",
                  null,
                  C,
                  C,
                  "310115",
                  false,
                  d("2021-09-13"),
                  null,
                  "yes",
                  null
                },
                new Object[] {
                  "t8",
                  "r9",
                  "contractor",
                  null,
                  C,
                  C,
                  "330203",
                  false,
                  d("2021-09-05"),
                  d("2021-09-06"),
                  null,
                  d("2021-09-06")
                },
                new Object[] {
                  "t9",
                  "r12",
                  "student",
                  null,
                  C,
                  C,
                  "420100",
                  false,
                  d("2021-08-25"),
                  d("2021-09-02"),
                  "yes",
                  d("2021-09-03")
                }));
  }

  static Object[] report(
      LocalDate day,
      String school,
      String time,
      int expected,
      Integer illness,
      int staffIllness,
      boolean zero) {
    Timestamp first = ts(day + " " + time);
    Timestamp latest = illness != null && illness > 10 ? ts(day + " 17:00:00") : first;
    int absent = illness == null ? 0 : illness;
    return new Object[] {
      Date.valueOf(day),
      school,
      latest,
      first,
      latest.equals(first) ? 1 : 2,
      expected,
      Math.max(0, expected - absent - 1),
      illness,
      expected > 0 ? 1 : 0,
      10,
      staffIllness,
      illness == null ? 0 : illness / 2,
      zero
    };
  }

  @Test
  void comparisonNamesTheKeyAndTheDifferingValueAndToleratesRoundingOnly() {
    TableSpec spec = Tables.GOLD_ATTENDANCE;
    List<Object> ours =
        row(
            spec,
            "report_date",
            LocalDate.of(2021, 9, 1),
            "org_level",
            "school",
            "org_code",
            "3301020001",
            "students_expected",
            100L,
            "illness_absence_rate",
            0.03);
    List<Object> rounded = set(spec, ours, "illness_absence_rate", 0.03 * (1 + 1e-12));
    List<Object> changed = set(spec, ours, "students_expected", 99L);
    List<Object> other = set(spec, ours, "org_code", "3301020002");

    DuckDbPeer.TableComparison same =
        DuckDbPeer.compareRows(spec, List.of(ours, other), List.of(other, rounded), 0.1);
    assertEquals(0, same.mismatches(), same.examples().toString());

    DuckDbPeer.TableComparison diff =
        DuckDbPeer.compareRows(spec, List.of(ours, other), List.of(changed, other, other), 0.1);
    assertEquals(1, diff.onlyOurs());
    assertEquals(2, diff.onlyDuckDb(), "a changed row and a duplicated one");
    assertEquals(2, diff.examples().size(), diff.examples().toString());
    assertTrue(
        diff.examples()
            .get(0)
            .startsWith(
                "key [2021-09-01, school, 3301020001]: students_expected ours=100 duckdb=99"),
        diff.examples().get(0));
    assertTrue(
        diff.examples()
            .get(1)
            .startsWith(
                "only duckdb: {report_date=2021-09-01, org_level=school, org_code=3301020002"),
        diff.examples().get(1));

    List<Object> off = set(spec, ours, "illness_absence_rate", 0.0301);
    assertEquals(2, DuckDbPeer.compareRows(spec, List.of(ours), List.of(off), 0.1).mismatches());
  }

  @Test
  void goldSqlHasASetupBlockAndOneBlockPerGoldTableWithTheRunDateSubstituted() {
    List<DuckDbPeer.Block> blocks =
        DuckDbPeer.blocks(DuckDbPeer.goldSql(), LocalDate.of(2021, 10, 5));
    List<String> expected = new ArrayList<>(List.of(DuckDbPeer.SETUP));
    Tables.GOLD_METRICS.forEach(t -> expected.add(t.id().name()));
    assertEquals(expected, blocks.stream().map(DuckDbPeer.Block::name).toList());
    for (DuckDbPeer.Block b : blocks) {
      assertFalse(b.statements().isEmpty(), b.name());
      for (String s : b.statements())
        assertFalse(s.contains("${"), b.name() + ": unsubstituted parameter in " + s);
    }
    for (TableSpec t : Tables.GOLD_METRICS) {
      DuckDbPeer.Block b =
          blocks.stream().filter(x -> x.name().equals(t.id().name())).findFirst().orElseThrow();
      assertTrue(
          b.statements().stream()
              .anyMatch(s -> s.startsWith("CREATE OR REPLACE TABLE gold_" + t.id().name() + " AS")),
          t.id() + ": its block creates gold_" + t.id().name());
    }
  }

  /** A row of the table's columns in declared order, the named ones set, the rest null. */
  static List<Object> row(TableSpec spec, Object... namesAndValues) {
    List<Object> r = new ArrayList<>(Arrays.asList(new Object[spec.columnNames().length]));
    for (int i = 0; i < namesAndValues.length; i += 2)
      r = set(spec, r, (String) namesAndValues[i], namesAndValues[i + 1]);
    return r;
  }

  static List<Object> set(TableSpec spec, List<Object> r, String column, Object value) {
    List<Object> copy = new ArrayList<>(r);
    copy.set(Arrays.asList(spec.columnNames()).indexOf(column), value);
    return copy;
  }
}
