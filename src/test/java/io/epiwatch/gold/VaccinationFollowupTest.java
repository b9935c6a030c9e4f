package io.epiwatch.gold;

import static io.epiwatch.testing.DatasetAssert.row;
import static io.epiwatch.testing.Frames.cols;
import static io.epiwatch.testing.Frames.d;
import static io.epiwatch.testing.Frames.ts;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.epiwatch.catalog.Tables;
import io.epiwatch.common.VaccinationStatus;
import io.epiwatch.config.AppConfig;
import io.epiwatch.config.Policy;
import io.epiwatch.testing.DatasetAssert;
import io.epiwatch.testing.Frames;
import io.epiwatch.testing.SparkTest;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/** docs/rules.md §4.7: the follow-up statuses, first match wins, and their invariants. */
@SparkTest
class VaccinationFollowupTest {
  static final Policy POLICY = AppConfig.fromString("").policy();
  static final LocalDate D = LocalDate.of(2021, 9, 30);

  private static Dataset<Row> schools(SparkSession spark) {
    return Frames.schools(
        spark,
        new Object[] {"3301020001", "甲校", "330102", "上城区", "330100", d("2021-09-01")},
        new Object[] {"3301060001", "乙校", "330106", "西湖区", "330100", d("2021-09-01")});
  }

  /** The fixture of the specification: one person per status (all 15, band 15-17, at 甲校). */
  private static Dataset<Row> roster(SparkSession spark) {
    Object[][] people = {
      {"due", "3301020001", "student", d("2006-01-01")}, // 21-day product, dose 1 on D-21
      {"overdue", "3301020001", "student", d("2006-01-01")}, // dose 1 on D-29: due D-8
      {"scheduled", "3301020001", "student", d("2006-01-01")}, // dose 1 on D-10: due D+11
      {"ad5", "3301020001", "student", d("2006-01-01")}, // one-dose product: completed
      {"zf2001", "3301020001", "student", d("2006-01-01")}, // doses 1, 2 of 3: dose 3 due D-2
      {"ci", "3301020001", "student", d("2006-01-01")}, // permanent contraindication
      {"ci_expiring", "3301020001", "student", d("2006-01-01")}, // valid until D+10
      {"gap", "3301020001", "student", d("2006-01-01")}, // dose 2 without dose 1
      {"never", "3301020001", "student", d("2006-01-01")}, // no dose
      {"young", "3301020001", "student", d("2012-01-01")}, // 9: below the minimum age
      {"staff", "3301060001", "staff", d("1980-01-01")} // 41, other district: never vaccinated
    };
    Object[][] rows = new Object[people.length][];
    for (int i = 0; i < people.length; i++)
      rows[i] =
          new Object[] {
            people[i][0], people[i][1], people[i][2], people[i][3], "active", d("2021-09-01"), "1"
          };
    return Frames.of(
        spark,
        Tables.SILVER_ROSTER.schema(),
        cols(
            "person_key",
            "school_code",
            "person_type",
            "birth_date",
            "status",
            "valid_from",
            "grade"),
        rows);
  }

  private static Dataset<Row> contraindications(SparkSession spark) {
    return Frames.of(
        spark,
        Tables.SILVER_CONTRAINDICATIONS.schema(),
        cols("person_key", "valid_until", "recorded_at"),
        new Object[] {"ci", null, ts("2021-07-01 10:00")},
        new Object[] {"ci_expiring", d("2021-10-10"), ts("2021-07-01 10:00")});
  }

  private static Dataset<Row> doses(SparkSession spark) {
    return Frames.of(
        spark,
        Tables.SILVER_VACCINATIONS.schema(),
        cols("person_key", "dose_number", "vaccination_date", "series_doses", "min_interval_days"),
        new Object[] {"due", 1, d("2021-09-09"), 2, 21},
        new Object[] {"overdue", 1, d("2021-09-01"), 2, 21},
        new Object[] {"scheduled", 1, d("2021-09-20"), 2, 21},
        new Object[] {"scheduled", 2, d("2021-10-11"), 2, 21}, // after D: not counted
        new Object[] {"ad5", 1, d("2021-08-21"), 1, 0},
        new Object[] {"zf2001", 1, d("2021-08-04"), 3, 28},
        new Object[] {"zf2001", 2, d("2021-09-02"), 3, 28},
        new Object[] {"ci", 1, d("2021-09-01"), 2, 21},
        new Object[] {"gap", 2, d("2021-09-01"), 2, 21});
  }

  private static Dataset<Row> persons(SparkSession spark) {
    return Vaccination.persons(roster(spark), contraindications(spark), doses(spark), POLICY, D);
  }

  private static Dataset<Row> followupPersons(SparkSession spark) {
    return VaccinationFollowup.persons(
        persons(spark), contraindications(spark), doses(spark), POLICY, D);
  }

  @Test
  void eachPersonGetsTheFirstStatusThatMatches(SparkSession spark) {
    // campaigns of 15-17: dose 1 by 2021-08-31 (past), dose 2 by 2021-09-30 (= D, within the
    // 7 warning days): every eligible person lacking dose 1 or dose 2 is at risk; the staff
    // member's band (18-59) has no campaign.
    DatasetAssert.assertRows(
        followupPersons(spark),
        cols("person_key", "status", "dose_due", "due_date", "days_overdue", "campaign_at_risk"),
        row("due", "due", 2, d("2021-09-30"), null, true),
        row("overdue", "overdue", 2, d("2021-09-22"), 8, true),
        row("scheduled", "scheduled", 2, d("2021-10-11"), null, true),
        // a completed one-dose series still lacks "dose 2" as campaign progress counts it
        row("ad5", "completed", null, null, null, true),
        row("zf2001", "due", 3, d("2021-09-30"), null, false),
        row("ci", "contraindicated", null, null, null, false),
        row("ci_expiring", "contraindication_expiring", null, d("2021-10-10"), null, false),
        row("gap", "record_gap", null, null, null, true),
        row("never", "never_vaccinated", null, null, null, true),
        row("staff", "never_vaccinated", null, null, null, false));
  }

  @Test
  void theGraceDaysDecideBetweenDueAndOverdue(SparkSession spark) {
    Policy strict = AppConfig.fromString("epiwatch.policy.vaccination.grace-days = 0").policy();
    Dataset<Row> doses =
        Frames.of(
            spark,
            Tables.SILVER_VACCINATIONS.schema(),
            cols(
                "person_key",
                "dose_number",
                "vaccination_date",
                "series_doses",
                "min_interval_days"),
            new Object[] {"due", 1, d("2021-09-09"), 2, 21}, // due on D: 0 days late
            new Object[] {"overdue", 1, d("2021-09-08"), 2, 21}); // due D-1
    Dataset<Row> contra =
        Frames.of(spark, Tables.SILVER_CONTRAINDICATIONS.schema(), cols("person_key"));
    Dataset<Row> persons =
        Vaccination.persons(roster(spark), contra, doses, strict, D)
            .filter(col("person_key").isin("due", "overdue"));
    DatasetAssert.assertRows(
        VaccinationFollowup.persons(persons, contra, doses, strict, D),
        cols("person_key", "status", "days_overdue"),
        row("due", "due", null),
        row("overdue", "overdue", 1));
  }

  @Test
  void goldCountsEveryStatusPerUnitAndTheSixEligibleOnesAddUpToCoverage(SparkSession spark) {
    Dataset<Row> fp = followupPersons(spark);
    Dataset<Row> gold = VaccinationFollowup.followup(schools(spark), fp, POLICY, D);
    DatasetAssert.assertRows(
        gold.filter("org_level = 'school' AND org_code = '3301020001'"),
        cols("person_type", "age_band", "status", "persons", "campaign_at_risk"),
        row("student", "15-17", "record_gap", 1L, 1L),
        row("student", "15-17", "never_vaccinated", 1L, 1L),
        row("student", "15-17", "overdue", 1L, 1L),
        row("student", "15-17", "due", 2L, 1L),
        row("student", "15-17", "scheduled", 1L, 1L),
        row("student", "15-17", "completed", 1L, 1L),
        row("student", "15-17", "contraindicated", 1L, 0L),
        row("student", "15-17", "contraindication_expiring", 1L, 0L));
    assertEquals(
        List.of("school", "district", "city"),
        gold.select("org_level").distinct().collectAsList().stream()
            .map(r -> r.getString(0))
            .sorted(
                java.util.Comparator.comparing(
                    l -> List.of("school", "district", "city").indexOf(l)))
            .toList());

    // invariant: per unit, person type and band, the six statuses of eligible persons = eligible
    Dataset<Row> persons = persons(spark);
    Dataset<Row> coverage = Vaccination.coverage(schools(spark), persons, POLICY, D);
    List<String> eligibleStatuses =
        java.util.Arrays.stream(VaccinationStatus.values())
            .filter(VaccinationStatus::eligible)
            .map(VaccinationStatus::code)
            .toList();
    assertEquals(6, eligibleStatuses.size());
    Dataset<Row> sums =
        gold.groupBy("org_level", "org_code", "person_type", "age_band")
            .agg(
                sum(when(col("status").isin(eligibleStatuses.toArray()), col("persons"))
                        .otherwise(0L))
                    .as("six"));
    Dataset<Row> joined =
        coverage
            .filter("age_band <> '3-11'")
            .join(
                sums,
                new String[] {"org_level", "org_code", "person_type", "age_band"},
                "full_outer");
    assertEquals(6, joined.count(), "school, district and city of the students and of the staff");
    assertEquals(
        0,
        joined.filter("six IS NULL OR eligible IS NULL OR six <> eligible").count(),
        "six = eligible");
  }

  @Test
  void theDose1CampaignGapIsTheNeverVaccinatedAndRecordGapsLackingDose1(SparkSession spark) {
    Dataset<Row> fp = followupPersons(spark);
    Dataset<Row> persons = persons(spark);
    Row campaign =
        Vaccination.campaigns(schools(spark), persons, POLICY, D)
            .filter("campaign_id = 'c2021-15-17-d1' AND org_level = 'city'")
            .first();
    assertEquals(1.0, campaign.<Double>getAs("target_rate"));
    long lacking =
        fp.filter(
                col("age_band")
                    .equalTo("15-17")
                    .and(col("status").isin("never_vaccinated", "record_gap"))
                    .and(col("dose1").equalTo(false)))
            .count();
    assertEquals(2, lacking);
    assertEquals(lacking, (long) campaign.<Long>getAs("gap_persons"));
  }

  @Test
  void noPersonAppearsTwice(SparkSession spark) {
    Dataset<Row> fp = followupPersons(spark);
    assertEquals(fp.count(), fp.select("person_key").distinct().count());
    assertEquals(10, fp.count(), "everyone aged >= 12 once; the 9-year-old not at all");
    Dataset<Row> gold = VaccinationFollowup.followup(schools(spark), fp, POLICY, D);
    for (String level : List.of("school", "district", "city")) {
      long total =
          gold.filter(col("org_level").equalTo(level)).agg(sum("persons")).first().getLong(0);
      assertEquals(10, total, level + ": the statuses count each person once");
    }
    assertTrue(
        gold.filter("persons < campaign_at_risk").isEmpty(), "at risk is a part of the persons");
  }

  @Test
  void theListedPersonsAreThoseTheFollowUpListNames(SparkSession spark) {
    // completed, scheduled and contraindicated are counted, not listed
    DatasetAssert.assertRows(
        VaccinationFollowup.listed(followupPersons(spark)),
        cols("person_key", "status"),
        row("due", "due"),
        row("overdue", "overdue"),
        row("zf2001", "due"),
        row("ci_expiring", "contraindication_expiring"),
        row("gap", "record_gap"),
        row("never", "never_vaccinated"),
        row("staff", "never_vaccinated"));
  }
}
