package io.epiwatch.brief;

import static io.epiwatch.testing.Frames.cols;
import static io.epiwatch.testing.Frames.d;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.epiwatch.catalog.Tables;
import io.epiwatch.catalog.Warehouse;
import io.epiwatch.testing.Frames;
import io.epiwatch.testing.SparkExtension;
import io.epiwatch.testing.SparkTest;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;

/**
 * docs/rules.md §4.7, potential contacts: the classmates in force on D of a person with a signal,
 * or of the student a household member is linked to; never the person, a leaver, staff, another
 * class or the same class name at another school; a classmate of two signals listed once.
 */
@SparkTest
class FollowUpContactsTest {
  static final LocalDate D = LocalDate.of(2021, 10, 5);
  static final String S1 = "3301020001";
  static final String S2 = "3301020002";

  @Test
  void classmatesOfEverySignalOnceAndNobodyElse(SparkSession spark) {
    Warehouse wh = new Warehouse(spark, SparkExtension.newFolder("contacts").toString());
    String[] roster =
        cols(
            "person_key",
            "school_code",
            "person_type",
            "grade",
            "class_name",
            "status",
            "valid_from",
            "valid_to",
            "is_current");
    Frames.of(
            spark,
            Tables.SILVER_ROSTER.schema(),
            roster,
            r("case", S1, "student", "三年级", "2班", null),
            r("case2", S1, "student", "三年级", "2班", null),
            r("mate1", S1, "student", "三年级", "2班", null),
            r("mate2", S1, "student", "三年级", "2班", null),
            r("other_class", S1, "student", "三年级", "1班", null),
            r("teacher", S1, "staff", "三年级", "2班", null),
            r("leaver", S1, "student", "三年级", "2班", d("2021-10-01")),
            r("same_name_elsewhere", S2, "student", "三年级", "2班", null),
            r("linked", S2, "student", "初一", "1班", null),
            r("linked_mate", S2, "student", "初一", "1班", null))
        .write()
        .format("delta")
        .save(wh.path(Tables.SILVER_ROSTER.id()));
    Frames.of(
            spark,
            Tables.SILVER_TRAVEL_RECORDS.schema(),
            cols("record_key", "person_key", "linked_person_key"),
            new Object[] {"t1", "household", "linked"},
            new Object[] {"t2", "case", null})
        .write()
        .format("delta")
        .save(wh.path(Tables.SILVER_TRAVEL_RECORDS.id()));
    Dataset<Row> signals =
        spark.sql(
            "SELECT * FROM VALUES "
                + "('case', 'line_list_covid19', DATE'2021-10-03'), "
                + "('case2', 'line_list_covid19', DATE'2021-10-04'), "
                + "('household', 'test_positive', DATE'2021-10-04') "
                + "AS t(person_key, signal_type, signal_date)");
    // the masked name stands for the person here: each person's key
    Dataset<Row> names =
        wh.read(Tables.SILVER_ROSTER.id())
            .selectExpr("person_key AS _k", "person_key AS masked_name");
    Dataset<Row> schools =
        spark.sql("SELECT '" + S1 + "' AS _s, '甲校' AS school_name, '330106' AS _d");

    List<FollowUpItem> contacts = FollowUpList.contacts(wh, D, signals, names, schools);
    // the district of the contact's school; none for S2, which the schools frame lacks
    assertEquals(
        List.of(S2 + "|null", "甲校|330106"),
        contacts.stream().map(i -> i.school() + "|" + i.district()).distinct().sorted().toList(),
        "each contact on the list of its school's district");
    List<String> got =
        FollowUpLines.of(
                contacts, i -> new Object[] {i.name(), i.school(), i.cls(), i.category(), i.date()})
            .stream()
            .sorted()
            .toList();

    assertEquals(
        List.of(
            "case2|甲校|三年级 2班|line_list_covid19|2021-10-03",
            "case|甲校|三年级 2班|line_list_covid19|2021-10-04",
            "linked_mate|3301020002|初一 1班|test_positive|2021-10-04",
            "linked|3301020002|初一 1班|test_positive|2021-10-04",
            "mate1|甲校|三年级 2班|line_list_covid19|2021-10-04",
            "mate2|甲校|三年级 2班|line_list_covid19|2021-10-04"),
        got);
  }

  private static Object[] r(
      String key, String school, String type, String grade, String cls, java.sql.Date to) {
    return new Object[] {key, school, type, grade, cls, "active", d("2021-09-01"), to, to == null};
  }
}
