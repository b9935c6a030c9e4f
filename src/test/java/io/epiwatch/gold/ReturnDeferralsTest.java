package io.epiwatch.gold;

import static io.epiwatch.testing.Frames.cols;
import static io.epiwatch.testing.Frames.d;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.epiwatch.catalog.Tables;
import io.epiwatch.config.AppConfig;
import io.epiwatch.config.Policy;
import io.epiwatch.testing.Frames;
import io.epiwatch.testing.SparkTest;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * docs/rules.md §4.11: the reasons of a term start S = 2021-10-08 (window 09-24 .. 10-15), each
 * edge case one roster person of a primary school A (district 330102) or B (district 330105, a
 * medium-risk area on D).
 */
@SparkTest
class ReturnDeferralsTest {
  static final LocalDate S = LocalDate.of(2021, 10, 8);
  static Policy policy;
  static Dataset<Row> schools;
  static Dataset<Row> roster;
  static Dataset<Row> trips;
  static Dataset<Row> areas;
  static Dataset<Row> cases;

  @BeforeAll
  static void fixtures(SparkSession spark) {
    schools =
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
                "valid_from"),
            new Object[] {
              "3301020001", "甲校", "primary", "330102", "上城区", "330100", d("2021-09-01")
            },
            new Object[] {
              "3301050002", "乙校", "primary", "330105", "拱墅区", "330100", d("2021-09-01")
            },
            // a university: not of the term start's school types
            new Object[] {
              "3301060003", "丙大学", "university", "330106", "西湖区", "330100", d("2021-09-01")
            });
    Object[][] people = {
      {"in14", "student"}, // risk-area stay ending on S-14: deferred
      {"out15", "student"}, // the same ending on S-15: not
      {"monBefore", "student"}, // monitoring ends the day before S: not
      {"monOn", "student"}, // monitoring ends on S: deferred
      {"away", "staff"}, // departed 10-03, no return: still_away from S-1 on
      {"sick", "student"}, // fever, onset 09-30, not followed up: deferred
      {"cleared", "student"}, // cough, onset 09-30, a later row followed up common_cold: not
      {"linked", "student"}, // household member back from abroad: deferred
      {"classmate", "student"}, // same class as linked: not
      {"review", "student"}, // possible match only: listed, not deferred
    };
    Object[][] rows = new Object[people.length + 2][];
    for (int i = 0; i < people.length; i++)
      rows[i] =
          new Object[] {
            people[i][0], "3301020001", people[i][1], "一年级", "1班", "active", d("2021-09-01")
          };
    rows[people.length] =
        new Object[] {"b1", "3301050002", "student", "一年级", "1班", "active", d("2021-09-01")};
    rows[people.length + 1] =
        new Object[] {"u1", "3301060003", "student", null, null, "active", d("2021-09-01")};
    roster =
        Frames.of(
            spark,
            Tables.SILVER_ROSTER.schema(),
            cols(
                "person_key",
                "school_code",
                "person_type",
                "grade",
                "class_name",
                "status",
                "valid_from"),
            rows);
    areas =
        Frames.of(
            spark,
            Tables.SILVER_RISK_AREAS.schema(),
            cols("area_code", "risk_level", "period_from", "period_to"),
            new Object[] {"420102", "medium", d("2021-09-01"), null},
            new Object[] {"310115001", "high", d("2021-09-01"), null},
            new Object[] {"330105", "medium", d("2021-10-01"), null});
    String[] c =
        cols(
            "record_key",
            "person_key",
            "person_type",
            "linked_person_key",
            "attributed_school_code",
            "destination_code",
            "abroad",
            "departure_date",
            "return_date");
    trips =
        Frames.of(
            spark,
            Tables.SILVER_TRAVEL_RECORDS.schema(),
            c,
            // medium direct, back on S-14 (= 09-24): S - return = 14, monitoring (14) over on S
            new Object[] {
              "t1",
              "in14",
              "student",
              null,
              "3301020001",
              "420102003",
              false,
              d("2021-09-20"),
              d("2021-09-24")
            },
            // the same, back on S-15
            new Object[] {
              "t2",
              "out15",
              "student",
              null,
              "3301020001",
              "420102003",
              false,
              d("2021-09-20"),
              d("2021-09-23")
            },
            // out of province (7 days), back S-7 = 10-01: monitoring 10-01 .. 10-07
            new Object[] {
              "t3",
              "monBefore",
              "student",
              null,
              "3301020001",
              "320102",
              false,
              d("2021-09-28"),
              d("2021-10-01")
            },
            // back S-6 = 10-02: monitoring 10-02 .. 10-08 = S
            new Object[] {
              "t4",
              "monOn",
              "student",
              null,
              "3301020001",
              "320102",
              false,
              d("2021-09-28"),
              d("2021-10-02")
            },
            // in province, still away
            new Object[] {
              "t5", "away", "staff", null, "3301020001", "330106", false, d("2021-10-03"), null
            },
            // household member of 'linked', abroad, back 09-30
            new Object[] {
              "t6",
              "h1",
              "household",
              "linked",
              "3301020001",
              "SG",
              true,
              d("2021-09-20"),
              d("2021-09-30")
            },
            // 310115 contains the high area 310115001: possible; back on S-14, monitoring over on S
            new Object[] {
              "t7",
              "review",
              "student",
              null,
              "3301020001",
              "310115",
              false,
              d("2021-09-20"),
              d("2021-09-24")
            });
    cases =
        Frames.of(
            spark,
            Tables.SILVER_ABSENCE_CASES.schema(),
            cols(
                "report_date",
                "school_code",
                "person_key",
                "onset_date",
                "symptoms",
                "diagnosis",
                "followed_up"),
            new Object[] {
              d("2021-10-01"),
              "3301020001",
              "sick",
              d("2021-09-30"),
              List.of("fever"),
              "unknown",
              false
            },
            new Object[] {
              d("2021-10-01"),
              "3301020001",
              "cleared",
              d("2021-09-30"),
              List.of("cough"),
              "unknown",
              false
            },
            new Object[] {
              d("2021-10-03"),
              "3301020001",
              "cleared",
              d("2021-09-30"),
              List.of("cough"),
              "common_cold",
              true
            });
    Policy shipped =
        AppConfig.fromString(
                "epiwatch.policy.term-starts = [ { id = t, start = \"2021-10-08\", school-types = [primary] } ]")
            .policy();
    policy = DataPolicy.resolve(schools, shipped);
  }

  private static ReturnDeferrals.Inputs in() {
    return new ReturnDeferrals.Inputs(schools, roster, trips, areas, cases);
  }

  /** {@link ReturnDeferrals#persons} of D's groups, as the metrics job derives them (not kept). */
  private static Dataset<Row> persons(ReturnDeferrals.Inputs in, Policy policy, LocalDate d) {
    return ReturnDeferrals.persons(in, groups(in, policy, d), policy, d);
  }

  /** {@link ReturnDeferrals#deferrals} of D's groups and the given persons. */
  private static Dataset<Row> deferrals(
      ReturnDeferrals.Inputs in, Dataset<Row> persons, Policy policy, LocalDate d) {
    return ReturnDeferrals.deferrals(in, groups(in, policy, d), persons, policy, d);
  }

  private static List<ReturnDeferrals.Group> groups(
      ReturnDeferrals.Inputs in, Policy policy, LocalDate d) {
    return ReturnDeferrals.groups(in, policy, d, java.util.function.UnaryOperator.identity());
  }

  /** person -> reasons on D. */
  private static Map<String, TreeSet<String>> reasons(LocalDate d) {
    Map<String, TreeSet<String>> out = new TreeMap<>();
    for (Row r : persons(in(), policy, d).collectAsList())
      out.computeIfAbsent(r.getAs("person_key"), k -> new TreeSet<>()).add(r.getAs("reason"));
    return out;
  }

  @Test
  void eachEdgeCaseOnTheSampleDay() {
    Map<String, TreeSet<String>> r = reasons(LocalDate.of(2021, 10, 5));
    assertEquals(
        Map.of(
            "in14", new TreeSet<>(List.of("risk_area_14d")),
            "monOn", new TreeSet<>(List.of("in_monitoring_at_start")),
            "sick", new TreeSet<>(List.of("symptoms_14d")),
            "linked", new TreeSet<>(List.of("household_exposure")),
            "review", new TreeSet<>(List.of("risk_area_review")),
            "b1", new TreeSet<>(List.of("school_in_risk_area"))),
        r,
        "S-14 in, S-15 out; monitoring ending on S in, the day before out; no still_away before"
            + " S-1; the cleared case and the classmate and the household member not listed; the"
            + " university not of the term start");
  }

  @Test
  void anOngoingTripDefersFromSMinusOne() {
    assertTrue(!reasons(S.minusDays(2)).containsKey("away"));
    assertEquals(Set("still_away"), reasons(S.minusDays(1)).get("away"));
  }

  @Test
  void theEarliestReturnOfAReason() {
    Map<String, java.sql.Date> until = new TreeMap<>();
    for (Row r : persons(in(), policy, S.minusDays(1)).collectAsList())
      until.put(r.getAs("person_key") + ":" + r.getAs("reason"), r.getAs("until"));
    assertEquals(d("2021-10-09"), until.get("monOn:in_monitoring_at_start"), "return + 7");
    assertEquals(d("2021-10-14"), until.get("sick:symptoms_14d"), "onset + 14");
    assertEquals(d("2021-10-28"), until.get("linked:household_exposure"), "return + 28");
    assertEquals(null, until.get("away:still_away"), "no return date: unknown");
  }

  @Test
  void goldCountsDeferredPersonsOnceAndNothingOutsideTheWindow() {
    List<Row> school =
        deferrals(
                in(),
                persons(in(), policy, LocalDate.of(2021, 10, 5)),
                policy,
                LocalDate.of(2021, 10, 5))
            .filter("org_code = '3301020001' AND person_type = 'student' AND reason = 'all'")
            .collectAsList();
    assertEquals(1, school.size());
    Row all = school.get(0);
    // 9 students at A; in14, monOn, sick, linked deferred (review is not)
    assertEquals(9L, (long) all.getAs("roster"));
    assertEquals(4L, (long) all.getAs("deferred"));
    assertEquals(5L, (long) all.getAs("expected_returning"));
    Row district =
        deferrals(
                in(),
                persons(in(), policy, LocalDate.of(2021, 10, 5)),
                policy,
                LocalDate.of(2021, 10, 5))
            .filter(
                "org_level = 'city' AND person_type = 'student' AND reason = 'school_in_risk_area'")
            .first();
    assertEquals(1L, (long) district.getAs("schools"), "school B may not open");
    assertTrue(
        deferrals(in(), persons(in(), policy, S.minusDays(15)), policy, S.minusDays(15)).isEmpty(),
        "S-15: no rows");
    assertTrue(
        !deferrals(in(), persons(in(), policy, S.minusDays(14)), policy, S.minusDays(14)).isEmpty(),
        "S-14: rows");
  }

  @Test
  void withoutTheHouseholdSwitchTheLinkedStudentIsNotDeferred() {
    Policy off =
        DataPolicy.resolve(
            schools,
            AppConfig.fromString(
                    "epiwatch.policy.term-starts = [ { id = t, start = \"2021-10-08\", school-types = [primary], household-exposure = false } ]")
                .policy());
    assertTrue(
        persons(in(), off, LocalDate.of(2021, 10, 5)).filter("person_key = 'linked'").isEmpty());
  }

  @Test
  void twoGradeBatchesWithTheirOwnStartDates() {
    // 一年级 back on 10-08, 二年级 (nobody in the fixture) on 10-20: on 10-07 both windows hold D;
    // the late batch checks its grade's students only, and the school's staff
    Policy batches =
        DataPolicy.resolve(
            schools,
            AppConfig.fromString(
                    "epiwatch.policy.term-starts = ["
                        + " { id = early, start = \"2021-10-08\", school-types = [primary], grades = [一年级] },"
                        + " { id = late, start = \"2021-10-20\", school-types = [primary], grades = [二年级] } ]")
                .policy());
    LocalDate d = LocalDate.of(2021, 10, 7);
    Dataset<Row> persons = persons(in(), batches, d);
    assertTrue(persons.filter("term_id = 'late'").isEmpty(), "no 二年级 pupil, staff not yet away");
    assertEquals(
        Set("away", "in14", "linked", "monOn", "sick", "review", "b1"),
        new TreeSet<>(
            persons
                .filter("term_id = 'early'")
                .select("person_key")
                .as(org.apache.spark.sql.Encoders.STRING())
                .collectAsList()));
    Row late =
        deferrals(in(), persons, batches, d)
            .filter("term_id = 'late' AND org_code = '3301020001' AND reason = 'all'")
            .agg(org.apache.spark.sql.functions.sum("roster"))
            .first();
    assertEquals(1L, late.getLong(0), "the late batch's roster at A: the staff member only");
    assertTrue(
        persons(in(), batches, LocalDate.of(2021, 10, 5)).filter("term_id = 'late'").isEmpty(),
        "10-05 is before the late batch's window (10-06 .. 10-27)");
  }

  // ------------------------------------------------------------------ return_batches (§2.14)

  /**
   * The fixture plus two grades of school A with a batch each: 二年级 back on B2 = 10-12 (window 09-28
   * .. 10-19), 三年级 on B3 = 10-04 (09-20 .. 10-11); 一年级 keeps S = 10-08. Each grade has a student
   * back from a medium-risk area on its B - 14 (in) and one on B - 15 (out).
   */
  private static ReturnDeferrals.Inputs withBatches(SparkSession spark, Object[]... batchRows) {
    Dataset<Row> moreRoster =
        Frames.of(
            spark,
            Tables.SILVER_ROSTER.schema(),
            cols(
                "person_key",
                "school_code",
                "person_type",
                "grade",
                "class_name",
                "status",
                "valid_from"),
            new Object[] {"g2in", "3301020001", "student", "二年级", "1班", "active", d("2021-09-01")},
            new Object[] {"g2out", "3301020001", "student", "二年级", "1班", "active", d("2021-09-01")},
            new Object[] {"g3in", "3301020001", "student", "三年级", "1班", "active", d("2021-09-01")},
            new Object[] {
              "g3out", "3301020001", "student", "三年级", "1班", "active", d("2021-09-01")
            });
    String[] c =
        cols(
            "record_key",
            "person_key",
            "person_type",
            "attributed_school_code",
            "destination_code",
            "abroad",
            "departure_date",
            "return_date");
    Dataset<Row> moreTrips =
        Frames.of(
            spark,
            Tables.SILVER_TRAVEL_RECORDS.schema(),
            c,
            trip("b2in", "g2in", "2021-09-28"),
            trip("b2out", "g2out", "2021-09-27"),
            trip("b3in", "g3in", "2021-09-20"),
            trip("b3out", "g3out", "2021-09-19"));
    Dataset<Row> batches =
        Frames.of(
            spark,
            Tables.SILVER_RETURN_BATCHES.schema(),
            cols("school_code", "grade", "batch_start_date", "source_file", "source_line"),
            batchRows);
    return new ReturnDeferrals.Inputs(
        schools,
        roster.unionByName(moreRoster),
        trips.unionByName(moreTrips),
        areas,
        cases,
        batches);
  }

  /** A stay in the medium-risk area 420102 (direct match) from 09-15 to the return date. */
  private static Object[] trip(String id, String person, String back) {
    return new Object[] {
      id, person, "student", "3301020001", "420102003", false, d("2021-09-15"), d(back)
    };
  }

  private static Object[] batch(String grade, String date, String file, long line) {
    return new Object[] {"3301020001", grade, d(date), "inbox/return_batches/" + file, line};
  }

  private static final Object[][] TWO_BATCHES = {
    batch("二年级", "2021-10-12", "b.csv", 2), batch("三年级", "2021-10-04", "b.csv", 3)
  };

  /** person -> term_start: reasons on D. */
  private static Map<String, String> evaluated(ReturnDeferrals.Inputs in, LocalDate d) {
    Map<String, TreeSet<String>> r = new TreeMap<>();
    for (Row x : persons(in, policy, d).collectAsList())
      r.computeIfAbsent(x.getAs("person_key") + "@" + x.getAs("term_start"), k -> new TreeSet<>())
          .add(x.getAs("reason"));
    Map<String, String> out = new TreeMap<>();
    r.forEach((k, v) -> out.put(k, String.join(",", v)));
    return out;
  }

  @Test
  void twoGradesWithBatchesAreEachEvaluatedAgainstTheirOwnStart(SparkSession spark) {
    Map<String, String> r = evaluated(withBatches(spark, TWO_BATCHES), LocalDate.of(2021, 10, 5));
    // B - 14 in, B - 15 out, per grade: g2out (back 09-27) would be in against S (09-24 ..) and
    // g3in (back 09-20) out; the grade without a batch keeps S
    assertEquals("risk_area_14d", r.get("g2in@2021-10-12"), r.toString());
    assertEquals("risk_area_14d", r.get("g3in@2021-10-04"), r.toString());
    assertEquals("risk_area_14d", r.get("in14@2021-10-08"), r.toString());
    assertTrue(
        r.keySet().stream().noneMatch(k -> k.startsWith("g2out") || k.startsWith("g3out")),
        r.toString());
    assertEquals(
        Set("2021-10-04", "2021-10-08", "2021-10-12"),
        new TreeSet<>(r.keySet().stream().map(k -> k.substring(k.indexOf('@') + 1)).toList()));
  }

  @Test
  void withoutTheBatchRowsTheGradesKeepTheTermsStart(SparkSession spark) {
    Map<String, String> r = evaluated(withBatches(spark), LocalDate.of(2021, 10, 5));
    // back 09-27 and 09-28: in S's look-back (09-24 ..) and monitoring (14 days) not over on S
    assertEquals("in_monitoring_at_start,risk_area_14d", r.get("g2out@2021-10-08"), r.toString());
    assertEquals("in_monitoring_at_start,risk_area_14d", r.get("g2in@2021-10-08"), r.toString());
    assertTrue(!r.containsKey("g3in@2021-10-08"), "back 09-20, before S - 14 = 09-24");
  }

  @Test
  void aBatchOnTheTermsOwnStartIsTheTermsGroup(SparkSession spark) {
    ReturnDeferrals.Inputs in = withBatches(spark, batch("二年级", "2021-10-08", "b.csv", 2));
    LocalDate d = LocalDate.of(2021, 10, 5);
    Row all =
        deferrals(in, persons(in, policy, d), policy, d)
            .filter("org_code = '3301020001' AND person_type = 'student' AND reason = 'all'")
            .first();
    // one all row: the nine 一年级, two 二年级 and two 三年级 pupils, each once; deferred: the
    // four of the fixture and both 二年级 pupils (against S, as without the row)
    assertEquals(13L, (long) all.getAs("roster"));
    assertEquals(6L, (long) all.getAs("deferred"));
  }

  @Test
  void aBatchOutsideTheTermStartsWindowChangesNothing(SparkSession spark) {
    // 10-16 is S + 8, past the term start's window 09-24 .. 10-15: not a batch of it
    Map<String, String> r =
        evaluated(
            withBatches(spark, batch("二年级", "2021-10-16", "b.csv", 2)), LocalDate.of(2021, 10, 5));
    assertTrue(r.containsKey("g2out@2021-10-08"), r.toString());
  }

  @Test
  void ofTwoDatesOfAGradeInOneWindowTheLaterFileApplies(SparkSession spark) {
    Map<String, String> r =
        evaluated(
            withBatches(
                spark,
                batch("二年级", "2021-10-12", "b-2.csv", 2),
                batch("二年级", "2021-10-06", "b-1.csv", 9)),
            LocalDate.of(2021, 10, 5));
    assertEquals("risk_area_14d", r.get("g2in@2021-10-12"), r.toString());
    assertTrue(r.keySet().stream().noneMatch(k -> k.endsWith("2021-10-06")), r.toString());
  }

  @Test
  void aBatchHasItsOwnWindowAndTheGoldCountsEachPersonOnce(SparkSession spark) {
    ReturnDeferrals.Inputs in = withBatches(spark, TWO_BATCHES);
    LocalDate d = LocalDate.of(2021, 10, 5);
    List<Row> all =
        deferrals(in, persons(in, policy, d), policy, d)
            .filter("org_code = '3301020001' AND person_type = 'student' AND reason = 'all'")
            .orderBy("term_start")
            .collectAsList();
    assertEquals(3, all.size(), "one all row per start date");
    // 10-04: g3in, g3out; 10-08: the nine 一年级 pupils; 10-12: g2in, g2out
    assertEquals(List.of(2L, 9L, 2L), all.stream().map(x -> (Long) x.getAs("roster")).toList());
    assertEquals(List.of(1L, 4L, 1L), all.stream().map(x -> (Long) x.getAs("deferred")).toList());
    // 10-16 is past S + 7 = 10-15 but inside 二年级's window (09-28 .. 10-19); 三年级's ended 10-11
    Map<String, String> late = evaluated(in, LocalDate.of(2021, 10, 16));
    assertEquals(Map.of("g2in@2021-10-12", "risk_area_14d"), late);
    assertTrue(ReturnDeferrals.anyStartOn(in.batches(), policy, LocalDate.of(2021, 10, 16)));
    assertTrue(
        !ReturnDeferrals.anyStartOn(null, policy, LocalDate.of(2021, 10, 16)),
        "without the batch 10-16 is outside every window");
    assertTrue(evaluated(in, LocalDate.of(2021, 10, 20)).isEmpty(), "past every window");
  }

  private static TreeSet<String> Set(String... s) {
    return new TreeSet<>(List.of(s));
  }
}
