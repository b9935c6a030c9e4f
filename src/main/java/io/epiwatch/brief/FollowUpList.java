package io.epiwatch.brief;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.udf;

import io.epiwatch.catalog.Tables;
import io.epiwatch.catalog.Warehouse;
import io.epiwatch.common.DeferralReason;
import io.epiwatch.common.Masking;
import io.epiwatch.common.ResponseStatus;
import io.epiwatch.common.VaccinationStatus;
import io.epiwatch.config.Policy;
import io.epiwatch.gold.CampusStays;
import io.epiwatch.gold.CaseSignals;
import io.epiwatch.gold.ReturnDeferrals;
import io.epiwatch.gold.RiskExposure;
import io.epiwatch.spark.Frames;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.types.DataTypes;

/**
 * The follow-up list for data staff (and, last, the persons of the active cluster alerts with the
 * alert's id): persons with a case signal of the last 14 days (a covid19 episode, a positive test;
 * gold.case_signals), persons in health monitoring or without a nucleic test after return, illness
 * absences of the last 7 days whose cause was not followed up, and persons with a vaccination to
 * follow up (docs/rules.md §4.8), with school and class. Names are masked inside Spark (张*三) and ID
 * numbers never leave restricted storage. This class only reads: {@link FollowUpDocuments} writes
 * the PDF and the workbook from the {@link FollowUpItem}s it returns.
 */
public final class FollowUpList {
  private FollowUpList() {}

  public static List<FollowUpItem> read(Warehouse wh, Policy policy, LocalDate d) {
    List<FollowUpItem> out = new ArrayList<>();
    // names, schools and classes are joined by almost every section: each is read (and the
    // names masked) once, kept for the sections, and released at the end
    List<Dataset<Row>> kept = new ArrayList<>();
    try {
      sections(wh, policy, d, out, kept);
    } finally {
      kept.forEach(Dataset::unpersist);
    }
    return out;
  }

  private static void sections(
      Warehouse wh, Policy policy, LocalDate d, List<FollowUpItem> out, List<Dataset<Row>> kept) {
    if (!wh.exists(Tables.SILVER_TRAVEL_RECORDS.id())
        || !wh.exists(Tables.SILVER_ABSENCE_CASES.id())) return;
    UserDefinedFunction mask = udf((String n) -> Masking.maskName(n), DataTypes.StringType);
    Dataset<Row> identities =
        wh.exists(Tables.RESTRICTED_PERSON_IDENTITY.id())
            ? wh.read(Tables.RESTRICTED_PERSON_IDENTITY.id())
                .select(col("person_key").as("_k"), mask.apply(col("name")).as("masked_name"))
            : wh.spark()
                .createDataFrame(
                    List.of(),
                    org.apache.spark.sql.types.StructType.fromDDL("_k STRING, masked_name STRING"));
    Dataset<Row> names = keep(identities, kept);
    // in_province vs out_of_province decides monitoring days: the policy as the schools decide it
    Dataset<Row> silverSchools = wh.read(Tables.SILVER_SCHOOLS.id());
    Policy resolved = io.epiwatch.gold.DataPolicy.resolve(silverSchools, policy);
    Dataset<Row> schools =
        keep(
            silverSchools
                .select(
                    col("school_code").as("_s"), col("school_name"), col("district_code").as("_d"))
                .dropDuplicates("_s"),
            kept);
    Dataset<Row> currentClasses =
        wh.exists(Tables.SILVER_ROSTER.id())
            ? wh.read(Tables.SILVER_ROSTER.id())
                .filter("is_current")
                .select(
                    col("person_key").as("_r"),
                    org.apache
                        .spark
                        .sql
                        .functions
                        .concat_ws(" ", col("grade"), col("class_name"))
                        .as("cls"))
                .dropDuplicates("_r")
            : wh.spark()
                .createDataFrame(
                    List.of(),
                    org.apache.spark.sql.types.StructType.fromDDL("_r STRING, cls STRING"));
    Dataset<Row> roster = keep(currentClasses, kept);

    section(wh, "signals and contacts", () -> signals(wh, d, names, schools, roster, out));
    section(wh, "monitoring", () -> monitoring(wh, resolved, d, names, schools, roster, out));
    section(wh, "absences", () -> absences(wh, d, names, schools, out));
    out.addAll(section(wh, "vaccination", () -> vaccination(wh, d, names, schools)));
    out.addAll(section(wh, "alert cases", () -> alertCases(wh, d, names, schools)));
    out.addAll(section(wh, "deferrals", () -> deferrals(wh, d, names, schools)));
    out.addAll(section(wh, "campus stays", () -> campusStays(wh, d, names, schools)));
  }

  /**
   * One section, as its own step of the brief (ops.job_steps "follow-up list: ..."; the frames kept
   * for every section are computed by the first that reads them).
   */
  private static <T> T section(Warehouse wh, String name, java.util.function.Supplier<T> work) {
    return io.epiwatch.spark.StepMeter.step(wh.spark(), "follow-up list: " + name, work);
  }

  private static void section(Warehouse wh, String name, Runnable work) {
    io.epiwatch.spark.StepMeter.step(wh.spark(), "follow-up list: " + name, work);
  }

  /** The persons of the open case signals (阳性/确诊人员) and their potential contacts. */
  private static void signals(
      Warehouse wh,
      LocalDate d,
      Dataset<Row> names,
      Dataset<Row> schools,
      Dataset<Row> roster,
      List<FollowUpItem> out) {
    if (wh.exists(Tables.GOLD_CASE_SIGNALS.id())) {
      Dataset<Row> signals =
          wh.read(Tables.GOLD_CASE_SIGNALS.id())
              .filter(
                  col("person_key")
                      .isNotNull()
                      .and(
                          col("signal_date")
                              .between(
                                  Date.valueOf(d.minusDays(CaseSignals.OPEN_DAYS - 1)),
                                  Date.valueOf(d))));
      for (Row r :
          signals
              .join(names, col("person_key").equalTo(col("_k")), "left")
              .join(roster, col("person_key").equalTo(col("_r")), "left")
              .select(
                  col("masked_name"),
                  col("org_name"),
                  col("cls"),
                  col("signal_type"),
                  col("signal_date"),
                  col("district_code"))
              .orderBy(col("signal_date").desc(), col("org_name"), col("masked_name"))
              .collectAsList()) {
        out.add(
            FollowUpItem.signal(
                    r.getString(0),
                    r.getString(1),
                    r.getString(2),
                    r.getString(3),
                    r.getDate(4).toLocalDate())
                .inDistrict(r.getString(5)));
      }
      out.addAll(contacts(wh, d, signals, names, schools));
    }
  }

  /** Persons in health monitoring or without a test after their return (健康监测中/未做核酸). */
  private static void monitoring(
      Warehouse wh,
      Policy policy,
      LocalDate d,
      Dataset<Row> names,
      Dataset<Row> schools,
      Dataset<Row> roster,
      List<FollowUpItem> out) {
    Dataset<Row> people =
        RiskExposure.persons(
                wh.read(Tables.SILVER_TRAVEL_RECORDS.id()),
                wh.read(Tables.SILVER_RISK_AREAS.id()),
                policy,
                d)
            .filter("in_monitoring = 1 OR missing_test = 1");
    for (Row r :
        people
            .join(names, col("person_key").equalTo(col("_k")), "left")
            .join(schools, col("school_code").equalTo(col("_s")), "left")
            .join(roster, col("person_key").equalTo(col("_r")), "left")
            .select(
                col("masked_name"),
                coalesce(col("school_name"), col("school_code")),
                col("cls"),
                col("category"),
                col("in_monitoring"),
                col("missing_test"),
                col("last_return"),
                col("_d"))
            .orderBy(col("school_name"), col("masked_name"))
            .collectAsList()) {
      out.add(
          FollowUpItem.monitoring(
                  r.getString(0),
                  r.getString(1),
                  r.getString(2),
                  r.getString(3),
                  r.getLong(4) == 1,
                  r.getLong(5) == 1,
                  r.isNullAt(6) ? null : r.getDate(6).toLocalDate())
              .inDistrict(r.getString(7)));
    }
  }

  /** Illness absences of the last 7 days whose cause was not followed up (因病缺勤未追查). */
  private static void absences(
      Warehouse wh, LocalDate d, Dataset<Row> names, Dataset<Row> schools, List<FollowUpItem> out) {
    Dataset<Row> open =
        wh.read(Tables.SILVER_ABSENCE_CASES.id())
            .filter(
                col("report_date")
                    .between(Date.valueOf(d.minusDays(6)), Date.valueOf(d))
                    .and(coalesce(col("followed_up"), lit(false)).equalTo(false)));
    for (Row r :
        open.join(names, col("person_key").equalTo(col("_k")), "left")
            .join(schools, col("school_code").equalTo(col("_s")), "left")
            .select(
                col("masked_name"),
                coalesce(col("school_name"), col("school_code")),
                org.apache.spark.sql.functions.concat_ws(" ", col("grade"), col("class_name")),
                col("report_date"),
                col("_d"))
            .orderBy(col("report_date"), col("school_name"))
            .collectAsList()) {
      out.add(
          FollowUpItem.notFollowedUp(
                  r.getString(0), r.getString(1), r.getString(2), r.getDate(3).toLocalDate())
              .inDistrict(r.getString(4)));
    }
  }

  /** The frame persisted for the sections, and listed to be released when they are done. */
  private static Dataset<Row> keep(Dataset<Row> frame, List<Dataset<Row>> kept) {
    Dataset<Row> p = frame.persist(org.apache.spark.storage.StorageLevel.MEMORY_AND_DISK());
    kept.add(p);
    return p;
  }

  /**
   * The students on campus on D ({@link CampusStays#persons}, docs/rules.md §4.12) for the school's
   * duty staff: masked name, school, grade and class, dormitory, the stay's dates, guardian
   * contact, and a flag when the student has an illness absence or a case signal dated D. Sorted by
   * school, grade, class and name. None when no campus_stays file was ever received.
   */
  static List<FollowUpItem> campusStays(
      Warehouse wh, LocalDate d, Dataset<Row> names, Dataset<Row> schools) {
    List<FollowUpItem> out = new ArrayList<>();
    if (!wh.exists(Tables.SILVER_CAMPUS_STAYS.id())) return out;
    Dataset<Row> signals =
        wh.exists(Tables.GOLD_CASE_SIGNALS.id())
            ? wh.read(Tables.GOLD_CASE_SIGNALS.id())
            : new io.epiwatch.catalog.TableWriter(wh).empty(Tables.GOLD_CASE_SIGNALS);
    List<Row> rows =
        CampusStays.persons(
                wh.read(Tables.SILVER_CAMPUS_STAYS.id()),
                wh.read(Tables.SILVER_ABSENCE_CASES.id()),
                signals,
                d)
            .filter(col("on_campus").equalTo(1L))
            .join(names, col("person_key").equalTo(col("_k")), "left")
            .join(schools, col("school_code").equalTo(col("_s")), "left")
            .select(
                col("masked_name"),
                coalesce(col("school_name"), col("school_code")),
                col("grade"),
                col("class_name"),
                col("dormitory"),
                col("stay_from"),
                col("stay_to"),
                coalesce(col("guardian_contact_ok"), lit(false)),
                col("ill_or_signal"),
                col("_d"))
            .collectAsList();
    byClass(rows)
        .forEach(
            r ->
                out.add(
                    FollowUpItem.campusStay(
                            r.getString(0),
                            r.getString(1),
                            ClassOrder.gradeAndClass(r.getString(2), r.getString(3)),
                            new FollowUpItem.Stay(
                                r.getString(4),
                                r.getDate(5).toLocalDate(),
                                r.isNullAt(6) ? null : r.getDate(6).toLocalDate(),
                                r.getBoolean(7),
                                r.getLong(8) == 1))
                        .inDistrict(r.getString(9))));
    return out;
  }

  /**
   * The persons of the term starts in force on D with a reason of their own (D's snapshot of
   * gold.return_deferral_persons, {@link ReturnDeferrals#persons}; school_in_risk_area is left to
   * the briefing, which names the schools): their reasons and the earliest day they may return,
   * max(S, the until of every deferring reason), unknown when one of them is (a trip without a
   * return date); S for a person with risk_area_review only. S is the person's own: a grade's batch
   * date (return_batches). Sorted by school, grade, class and name.
   */
  static List<FollowUpItem> deferrals(
      Warehouse wh, LocalDate d, Dataset<Row> names, Dataset<Row> schools) {
    List<FollowUpItem> out = new ArrayList<>();
    if (!wh.exists(Tables.GOLD_RETURN_DEFERRAL_PERSONS.id())) return out;
    org.apache.spark.sql.Column defers = col("reason").isin(ReturnDeferrals.deferringCodes());
    List<Row> rows =
        wh.read(Tables.GOLD_RETURN_DEFERRAL_PERSONS.id())
            .filter(col("as_of").equalTo(lit(Date.valueOf(d))))
            .filter(col("reason").notEqual(DeferralReason.SCHOOL_IN_RISK_AREA.code()))
            .groupBy("term_start", "person_key", "school_code", "grade", "class_name")
            .agg(
                concat_ws(
                        ",",
                        org.apache.spark.sql.functions.sort_array(
                            org.apache.spark.sql.functions.collect_set("reason")))
                    .as("reasons"),
                org.apache
                    .spark
                    .sql
                    .functions
                    .count(org.apache.spark.sql.functions.when(defers, lit(1)))
                    .as("_n"),
                org.apache
                    .spark
                    .sql
                    .functions
                    .count(org.apache.spark.sql.functions.when(defers, col("until")))
                    .as("_known"),
                max(org.apache.spark.sql.functions.when(defers, col("until"))).as("_until"))
            .withColumn(
                "may_return",
                org.apache
                    .spark
                    .sql
                    .functions
                    .when(
                        col("_known").equalTo(col("_n")),
                        org.apache.spark.sql.functions.greatest(
                            col("term_start"), coalesce(col("_until"), col("term_start"))))
                    .otherwise(lit(null).cast("date")))
            .join(names, col("person_key").equalTo(col("_k")), "left")
            .join(schools, col("school_code").equalTo(col("_s")), "left")
            .select(
                col("masked_name"),
                coalesce(col("school_name"), col("school_code")),
                col("grade"),
                col("class_name"),
                col("reasons"),
                col("may_return"),
                col("_d"))
            .collectAsList();
    byClass(rows)
        .forEach(
            r ->
                out.add(
                    FollowUpItem.deferral(
                            r.getString(0),
                            r.getString(1),
                            ClassOrder.gradeAndClass(r.getString(2), r.getString(3)),
                            r.getString(4),
                            r.isNullAt(5) ? null : r.getDate(5).toLocalDate())
                        .inDistrict(r.getString(6))));
    return out;
  }

  /**
   * The potential contacts of the person-level signals of the last 14 days (docs/rules.md §4.7):
   * the students active on D in the same school, grade and class as the signal's person, or, for a
   * household member, as the linked student; the person of the signal left out. A contact of
   * several signals is listed once, under the latest. Listed only, never counted in gold.
   */
  static List<FollowUpItem> contacts(
      Warehouse wh, LocalDate d, Dataset<Row> signals, Dataset<Row> names, Dataset<Row> schools) {
    List<FollowUpItem> out = new ArrayList<>();
    if (!wh.exists(Tables.SILVER_ROSTER.id())) return out;
    Dataset<Row> active =
        wh.read(Tables.SILVER_ROSTER.id())
            .filter(Frames.inForce(lit(Date.valueOf(d))).and(col("status").equalTo("active")));
    Dataset<Row> links =
        wh.read(Tables.SILVER_TRAVEL_RECORDS.id())
            .filter(col("linked_person_key").isNotNull())
            .select(col("person_key").as("_h"), col("linked_person_key").as("_l"))
            .dropDuplicates("_h");
    Dataset<Row> classes =
        signals
            .select(col("person_key").as("_case"), col("signal_type"), col("signal_date"))
            .join(links, col("_case").equalTo(col("_h")), "left")
            .join(
                active.select(
                    col("person_key").as("_pupil"),
                    col("school_code").as("_cs"),
                    col("grade").as("_cg"),
                    col("class_name").as("_cc")),
                coalesce(col("_l"), col("_case")).equalTo(col("_pupil")))
            .filter(col("_cg").isNotNull().and(col("_cc").isNotNull()));
    Dataset<Row> contacts =
        active
            .filter(col("person_type").equalTo("student"))
            .join(
                classes,
                col("school_code")
                    .equalTo(col("_cs"))
                    .and(col("grade").equalTo(col("_cg")))
                    .and(col("class_name").equalTo(col("_cc")))
                    .and(col("person_key").notEqual(col("_case"))))
            .groupBy("person_key", "school_code", "grade", "class_name")
            .agg(
                max_by(col("signal_type"), col("signal_date")).as("signal_type"),
                max("signal_date").as("signal_date"));
    for (Row r :
        contacts
            .join(names, col("person_key").equalTo(col("_k")), "left")
            .join(schools, col("school_code").equalTo(col("_s")), "left")
            .select(
                col("masked_name"),
                coalesce(col("school_name"), col("school_code")),
                concat_ws(" ", col("grade"), col("class_name")).as("cls"),
                col("signal_type"),
                col("signal_date"),
                col("_d"))
            .orderBy(col("signal_date").desc(), col("school_name"), col("cls"), col("masked_name"))
            .collectAsList()) {
      out.add(
          FollowUpItem.contact(
                  r.getString(0),
                  r.getString(1),
                  r.getString(2),
                  r.getString(3),
                  r.getDate(4).toLocalDate())
              .inDistrict(r.getString(5)));
    }
    return out;
  }

  /**
   * The persons counted in the cluster alerts in progress on D (gold.alert_cases; active and not
   * discarded or closed by their response), with the alert's rule and id, sorted by school, alert,
   * class and name.
   */
  static List<FollowUpItem> alertCases(
      Warehouse wh, LocalDate d, Dataset<Row> names, Dataset<Row> schools) {
    List<FollowUpItem> out = new ArrayList<>();
    if (!wh.exists(Tables.GOLD_ALERT_CASES.id()) || !wh.exists(Tables.GOLD_CLUSTER_ALERTS.id()))
      return out;
    Dataset<Row> alerts = wh.read(Tables.GOLD_CLUSTER_ALERTS.id());
    // in progress: active, and not discarded or closed by the response (docs/rules.md §4.4.1)
    org.apache.spark.sql.Column open =
        java.util.Arrays.asList(alerts.columns()).contains("response_status")
            ? col("response_status")
                .isin(ResponseStatus.DISCARDED.code(), ResponseStatus.CLOSED.code())
                .equalTo(false)
            : org.apache.spark.sql.functions.lit(true);
    Dataset<Row> active =
        alerts
            .filter(
                col("status")
                    .equalTo("active")
                    .and(col("first_detected").leq(Date.valueOf(d)))
                    .and(open))
            .select(col("alert_id").as("_a"), col("rule"));
    for (Row r :
        wh.read(Tables.GOLD_ALERT_CASES.id())
            .join(active, col("alert_id").equalTo(col("_a")))
            .join(names, col("person_key").equalTo(col("_k")), "left")
            .join(schools, col("school_code").equalTo(col("_s")), "left")
            .select(
                col("masked_name"),
                col("org_name"),
                org.apache
                    .spark
                    .sql
                    .functions
                    .concat_ws(" ", col("grade"), col("class_name"))
                    .as("cls"),
                col("rule"),
                col("alert_id"),
                col("onset_date"),
                col("_d"))
            .orderBy(col("org_name"), col("alert_id"), col("cls"), col("masked_name"))
            .collectAsList()) {
      out.add(
          FollowUpItem.alertCase(
                  r.getString(0),
                  r.getString(1),
                  r.getString(2),
                  r.getString(3),
                  r.getString(4),
                  r.isNullAt(5) ? null : r.getDate(5).toLocalDate())
              .inDistrict(r.getString(6)));
    }
    return out;
  }

  /**
   * Persons with a vaccination status to act on (D's snapshot of gold.vaccination_followup_persons,
   * {@link VaccinationStatus#listedStatuses()}), with grade and class of their current roster row,
   * sorted by school, grade, class and name.
   */
  static List<FollowUpItem> vaccination(
      Warehouse wh, LocalDate d, Dataset<Row> names, Dataset<Row> schools) {
    List<FollowUpItem> out = new ArrayList<>();
    if (!wh.exists(Tables.GOLD_VACCINATION_FOLLOWUP_PERSONS.id())
        || !wh.exists(Tables.SILVER_ROSTER.id())) return out;
    Dataset<Row> classes =
        wh.read(Tables.SILVER_ROSTER.id())
            .filter("is_current")
            .select(
                col("person_key").as("_r"),
                col("school_code").as("_rs"),
                col("grade"),
                col("class_name"));
    Dataset<Row> listed =
        wh.read(Tables.GOLD_VACCINATION_FOLLOWUP_PERSONS.id())
            .filter(col("as_of").equalTo(lit(Date.valueOf(d))))
            .select("person_key", "school_code", "status", "dose_due", "days_overdue", "due_date");
    List<Row> rows =
        listed
            .join(names, col("person_key").equalTo(col("_k")), "left")
            .join(schools, col("school_code").equalTo(col("_s")), "left")
            .join(
                classes,
                col("person_key").equalTo(col("_r")).and(col("school_code").equalTo(col("_rs"))),
                "left")
            .select(
                col("masked_name"),
                coalesce(col("school_name"), col("school_code")),
                col("grade"),
                col("class_name"),
                col("status"),
                col("dose_due"),
                col("days_overdue"),
                col("due_date"),
                col("_d"))
            .collectAsList();
    if (rows.isEmpty()) requireSnapshot(wh, d);
    byClass(rows)
        .forEach(
            r ->
                out.add(
                    FollowUpItem.vaccination(
                            r.getString(0),
                            r.getString(1),
                            ClassOrder.gradeAndClass(r.getString(2), r.getString(3)),
                            new FollowUpItem.Vaccination(
                                VaccinationStatus.of(r.getString(4)),
                                r.isNullAt(5) ? null : r.getInt(5),
                                r.isNullAt(6) ? null : r.getInt(6)),
                            r.isNullAt(7) ? null : r.getDate(7).toLocalDate())
                        .inDistrict(r.getString(8))));
    return out;
  }

  /**
   * An empty snapshot is a list only when D was computed and its counts agree; the list must not
   * say 无 for a day whose as-of metrics never ran (gold.case_signals_daily, a row per school in
   * force on every day computed, has none of D), nor for a warehouse upgraded after D (D's counts
   * in gold.vaccination_followup, no persons).
   */
  private static void requireSnapshot(Warehouse wh, LocalDate d) {
    if (!wh.exists(Tables.GOLD_CASE_SIGNALS_DAILY.id())
        || wh.read(Tables.GOLD_CASE_SIGNALS_DAILY.id())
            .filter(col("as_of").equalTo(lit(Date.valueOf(d))))
            .isEmpty())
      throw new IllegalStateException(
          "the as-of metrics of "
              + d
              + " were not computed ("
              + Tables.GOLD_CASE_SIGNALS_DAILY.id()
              + " has no row of that day), so the follow-up list cannot name the persons to"
              + " vaccinate: run jobs/metrics --date "
              + d
              + " first");
    if (!wh.exists(Tables.GOLD_VACCINATION_FOLLOWUP.id())) return;
    Row r =
        io.epiwatch.gold.VaccinationFollowup.listed(
                wh.read(Tables.GOLD_VACCINATION_FOLLOWUP.id())
                    .filter(
                        col("as_of")
                            .equalTo(lit(Date.valueOf(d)))
                            .and(
                                col("org_level")
                                    .equalTo(io.epiwatch.common.OrgLevel.SCHOOL.code()))))
            .agg(org.apache.spark.sql.functions.sum("persons"))
            .first();
    if (!r.isNullAt(0) && r.getLong(0) > 0)
      throw new IllegalStateException(
          Tables.GOLD_VACCINATION_FOLLOWUP_PERSONS.id()
              + " has no persons as of "
              + d
              + " while "
              + Tables.GOLD_VACCINATION_FOLLOWUP.id()
              + " counts "
              + r.getLong(0)
              + " to follow up (computed before the table existed): run jobs/metrics --date "
              + d
              + " first");
  }

  /**
   * Rows of (masked name, school, grade, class, ...) sorted by school, grade, class and name (the
   * lists of persons per class).
   */
  private static java.util.stream.Stream<Row> byClass(List<Row> rows) {
    return rows.stream()
        .sorted(
            java.util.Comparator.comparing((Row r) -> nz(r.getString(1)))
                .thenComparing(r -> r.getString(2), ClassOrder.GRADE)
                .thenComparing(r -> r.getString(3), ClassOrder.CLASS)
                .thenComparing(r -> nz(r.getString(0))));
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
