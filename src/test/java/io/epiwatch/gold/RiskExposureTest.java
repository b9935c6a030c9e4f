package io.epiwatch.gold;

import static io.epiwatch.testing.DatasetAssert.row;
import static io.epiwatch.testing.Frames.cols;
import static io.epiwatch.testing.Frames.d;

import io.epiwatch.catalog.Tables;
import io.epiwatch.config.AppConfig;
import io.epiwatch.config.Policy;
import io.epiwatch.testing.DatasetAssert;
import io.epiwatch.testing.Frames;
import io.epiwatch.testing.SparkTest;
import java.time.LocalDate;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * docs/rules.md §4.6 and 7: highest category per person, both prefix directions, status and flags.
 */
@SparkTest
class RiskExposureTest {
  static final Policy SHIPPED = AppConfig.fromString("").policy();

  @Test
  void categoriesStatusesAndFlagsPerDistinctPerson(SparkSession spark) {
    Dataset<Row> schools =
        Frames.of(
            spark,
            Tables.SILVER_SCHOOLS.schema(),
            cols(
                "school_code",
                "school_name",
                "district_code",
                "district_name",
                "city_code",
                "valid_from"),
            new Object[] {"3301020001", "甲校", "330102", "上城区", "330100", d("2021-09-01")},
            new Object[] {"3301050002", "乙校", "330105", "拱墅区", "330100", d("2021-09-01")});
    Dataset<Row> areas =
        Frames.of(
            spark,
            Tables.SILVER_RISK_AREAS.schema(),
            cols("area_code", "risk_level", "period_from", "period_to"),
            new Object[] {"310115001", "high", d("2021-09-20"), d("2021-09-25")},
            new Object[] {"420102", "medium", d("2021-09-10"), null});
    String[] c =
        cols(
            "record_key",
            "person_key",
            "person_type",
            "attributed_school_code",
            "destination_code",
            "abroad",
            "departure_date",
            "return_date",
            "approved",
            "nucleic_test_date");
    Dataset<Row> trips =
        Frames.of(
            spark,
            Tables.SILVER_TRAVEL_RECORDS.schema(),
            c,
            // p1: stay 09-18..09-21 overlaps the high period 09-20..25 only partly -> high direct
            // (12-digit inside 9-digit)
            new Object[] {
              "t1",
              "p1",
              "student",
              "3301020001",
              "310115001012",
              false,
              d("2021-09-18"),
              d("2021-09-21"),
              "yes",
              d("2021-09-22")
            },
            // p2: stay ends 09-19, the day before the high period begins; 310115 contains the area
            // -> would be possible; out of province
            new Object[] {
              "t2",
              "p2",
              "student",
              "3301020001",
              "310115",
              false,
              d("2021-09-15"),
              d("2021-09-19"),
              "yes",
              d("2021-09-20")
            },
            // p3: 6-digit destination containing the 9-digit area, overlapping -> high possible; no
            // test after return
            new Object[] {
              "t3",
              "p3",
              "staff",
              "3301020001",
              "310115",
              false,
              d("2021-09-24"),
              d("2021-09-26"),
              "pending",
              null
            },
            // p4: household member counted under the linked student's school, medium direct, still
            // away
            new Object[] {
              "t4",
              "p4",
              "household",
              "3301050002",
              "420102003",
              false,
              d("2021-09-27"),
              null,
              "yes",
              null
            },
            // p5: abroad beats an in-province trip of the same person
            new Object[] {
              "t5",
              "p5",
              "student",
              "3301050002",
              "US",
              true,
              d("2021-09-01"),
              d("2021-09-20"),
              "yes",
              d("2021-09-21")
            },
            new Object[] {
              "t6",
              "p5",
              "student",
              "3301050002",
              "330106",
              false,
              d("2021-09-25"),
              d("2021-09-26"),
              "no",
              null
            });
    Dataset<Row> g =
        RiskExposure.exposure(
            schools, trips, areas, DataPolicy.resolve(schools, SHIPPED), LocalDate.of(2021, 9, 30));
    DatasetAssert.assertRows(
        g.filter("org_level = 'school'"),
        cols(
            "org_code",
            "person_type",
            "category",
            "match_type",
            "persons",
            "persons_14d",
            "away",
            "in_monitoring",
            "completed",
            "unapproved",
            "missing_test"),
        row("3301020001", "student", "high", "direct", 1L, 1L, 0L, 1L, 0L, 0L, 0L),
        row("3301020001", "student", "out_of_province", null, 1L, 1L, 0L, 0L, 1L, 0L, 0L),
        row("3301020001", "staff", "high", "possible", 1L, 1L, 0L, 1L, 0L, 1L, 1L),
        row("3301050002", "household", "medium", "direct", 1L, 1L, 1L, 0L, 0L, 0L, 0L),
        row("3301050002", "student", "abroad", null, 1L, 1L, 0L, 1L, 0L, 1L, 1L));
  }

  @Test
  void theHomeProvinceComesFromTheSchoolsOfAnyProvince(SparkSession spark) {
    // A fictional city of province 41 under the shipped conf (home-province unset, no city name).
    String[] sc =
        cols(
            "school_code",
            "school_name",
            "district_code",
            "district_name",
            "city_code",
            "city_name",
            "valid_from");
    Dataset<Row> schools =
        Frames.of(
            spark,
            Tables.SILVER_SCHOOLS.schema(),
            sc,
            new Object[] {"4195010001", "丙校", "419501", "东区", "419500", null, d("2021-09-01")});
    Dataset<Row> areas =
        Frames.of(
            spark,
            Tables.SILVER_RISK_AREAS.schema(),
            cols("area_code", "risk_level", "period_from", "period_to"));
    String[] c =
        cols(
            "record_key",
            "person_key",
            "person_type",
            "attributed_school_code",
            "destination_code",
            "abroad",
            "departure_date",
            "return_date",
            "approved",
            "nucleic_test_date");
    Dataset<Row> trips =
        Frames.of(
            spark,
            Tables.SILVER_TRAVEL_RECORDS.schema(),
            c,
            // another city of the same province: in_province (was out_of_province with
            // home-province = 33)
            new Object[] {
              "t1",
              "p1",
              "student",
              "4195010001",
              "410105",
              false,
              d("2021-09-20"),
              d("2021-09-22"),
              "yes",
              d("2021-09-23")
            },
            // Hangzhou: another province
            new Object[] {
              "t2",
              "p2",
              "student",
              "4195010001",
              "330106",
              false,
              d("2021-09-20"),
              d("2021-09-22"),
              "yes",
              d("2021-09-23")
            });
    Policy policy = DataPolicy.resolve(schools, SHIPPED);
    Dataset<Row> g =
        RiskExposure.exposure(schools, trips, areas, policy, LocalDate.of(2021, 9, 30));
    DatasetAssert.assertRows(
        g.filter("org_level = 'city'"),
        cols("org_code", "org_name", "category", "persons"),
        row("419500", "419500", "in_province", 1L),
        row("419500", "419500", "out_of_province", 1L));

    // A configured province that matches none of the schools is refused, naming the setting.
    Policy wrong = AppConfig.fromString("epiwatch.policy.home-province = \"33\"").policy();
    String m =
        org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> DataPolicy.resolve(schools, wrong))
            .getMessage();
    org.junit.jupiter.api.Assertions.assertTrue(
        m.startsWith(
            "Property 'epiwatch.policy.home-province' has illegal value: '33', allowed options: [41]"),
        m);

    // The schools extract's city_name names a city the conf map lacks.
    Dataset<Row> named =
        Frames.of(
            spark,
            Tables.SILVER_SCHOOLS.schema(),
            sc,
            new Object[] {"4195010001", "丙校", "419501", "东区", "419500", "豫东市", d("2021-09-01")});
    DatasetAssert.assertRows(
        RiskExposure.exposure(
                named, trips, areas, DataPolicy.resolve(named, SHIPPED), LocalDate.of(2021, 9, 30))
            .filter("org_level = 'city'")
            .select("org_name")
            .distinct(),
        cols("org_name"),
        row("豫东市"));
  }

  @Test
  void inProvinceSplitsByTheHomeCityDerivedFromTheSchools(SparkSession spark) {
    String[] sc =
        cols(
            "school_code",
            "school_name",
            "district_code",
            "district_name",
            "city_code",
            "valid_from");
    Dataset<Row> schools =
        Frames.of(
            spark,
            Tables.SILVER_SCHOOLS.schema(),
            sc,
            new Object[] {"3301020001", "甲校", "330102", "上城区", "330100", d("2021-09-01")});
    Dataset<Row> areas =
        Frames.of(
            spark,
            Tables.SILVER_RISK_AREAS.schema(),
            cols("area_code", "risk_level", "period_from", "period_to"));
    String[] c =
        cols(
            "record_key",
            "person_key",
            "person_type",
            "attributed_school_code",
            "destination_code",
            "abroad",
            "departure_date",
            "return_date",
            "approved",
            "nucleic_test_date");
    Dataset<Row> trips =
        Frames.of(
            spark,
            Tables.SILVER_TRAVEL_RECORDS.schema(),
            c,
            // p1: Hangzhou only (不离市), back the day before D
            new Object[] {
              "t1",
              "p1",
              "student",
              "3301020001",
              "330106",
              false,
              d("2021-09-27"),
              d("2021-09-29"),
              "yes",
              d("2021-09-29")
            },
            // p2: Ningbo, another city of the province
            new Object[] {
              "t2",
              "p2",
              "student",
              "3301020001",
              "330212",
              false,
              d("2021-09-27"),
              d("2021-09-29"),
              "yes",
              d("2021-09-29")
            },
            // p3: Hangzhou, then Ningbo: left the city
            new Object[] {
              "t3",
              "p3",
              "student",
              "3301020001",
              "330106",
              false,
              d("2021-09-20"),
              d("2021-09-21"),
              "yes",
              d("2021-09-21")
            },
            new Object[] {
              "t4",
              "p3",
              "student",
              "3301020001",
              "330212",
              false,
              d("2021-09-23"),
              d("2021-09-24"),
              "yes",
              d("2021-09-24")
            },
            // p4: Beijing: out_of_province, not split
            new Object[] {
              "t5",
              "p4",
              "student",
              "3301020001",
              "110105",
              false,
              d("2021-09-27"),
              d("2021-09-29"),
              "yes",
              d("2021-09-29")
            });
    // home-city unset in the shipped conf: derived (3301); 不离市 monitored 3 days, in_province 0
    Policy policy =
        DataPolicy.resolve(
            schools, AppConfig.fromString("epiwatch.policy.in-city-monitoring-days = 3").policy());
    org.junit.jupiter.api.Assertions.assertEquals("3301", policy.homeCity());
    DatasetAssert.assertRows(
        RiskExposure.exposure(schools, trips, areas, policy, LocalDate.of(2021, 9, 30))
            .filter("org_level = 'city'"),
        cols("category", "persons", "in_monitoring", "in_city", "out_of_city"),
        row("in_province", 3L, 1L, 1L, 2L),
        row("out_of_province", 1L, 1L, null, null));

    // A configured city that is none of the schools' is refused, naming the setting.
    Policy wrong = AppConfig.fromString("epiwatch.policy.home-city = \"3302\"").policy();
    String m =
        org.junit.jupiter.api.Assertions.assertThrows(
                IllegalArgumentException.class, () -> DataPolicy.resolve(schools, wrong))
            .getMessage();
    org.junit.jupiter.api.Assertions.assertTrue(
        m.startsWith(
            "Property 'epiwatch.policy.home-city' has illegal value: '3302', allowed options: [3301]"),
        m);

    // Schools of two cities and nothing set: no home city, the split is left null.
    Dataset<Row> twoCities =
        Frames.of(
            spark,
            Tables.SILVER_SCHOOLS.schema(),
            sc,
            new Object[] {"3301020001", "甲校", "330102", "上城区", "330100", d("2021-09-01")},
            new Object[] {"3302120001", "丁校", "330212", "鄞州区", "330200", d("2021-09-01")});
    Policy none = DataPolicy.resolve(twoCities, SHIPPED);
    org.junit.jupiter.api.Assertions.assertNull(none.homeCity());
    DatasetAssert.assertRows(
        RiskExposure.exposure(twoCities, trips, areas, none, LocalDate.of(2021, 9, 30))
            .filter("org_level = 'city' AND category = 'in_province'"),
        cols("org_code", "persons", "in_monitoring", "in_city", "out_of_city"),
        row("330100", 3L, 0L, null, null));
  }
}
