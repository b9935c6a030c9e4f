package io.epiwatch.gold;

import static org.apache.spark.sql.functions.array_contains;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.when;

import io.epiwatch.common.DeferralReason;
import io.epiwatch.common.ExposureCategory;
import io.epiwatch.config.Policy;
import io.epiwatch.config.Policy.TermStart;
import io.epiwatch.spark.Frames;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructType;

/**
 * Term-start deferred return (暂缓返校, docs/rules.md §4.11): for every term start of the policy whose
 * window [S - lookback, S + days-after] holds D, the active roster persons of its schools and the
 * reasons ({@link DeferralReason}) that keep them from returning. The trips are read as
 * gold.risk_exposure reads them ({@link RiskExposure#trips}, on min(S, D)): category, direct or
 * possible match and monitoring days are the same. Outside every window there are no rows.
 *
 * <p>A school and grade with a row of silver.return_batches (分批返校, §2.14) whose date B lies in the
 * term start's window are evaluated against S = B: their own window [B - lookback, B + days-after]
 * and every date of the reasons; the other persons of the term start keep its S. term_start is the
 * S a row was evaluated against.
 */
public final class ReturnDeferrals {
  /** The value of the reason column on a unit's row of all reasons. */
  public static final String ALL = "all";

  /** The columns of {@link #persons}. */
  static final String PERSON_DDL =
      "term_id STRING, term_start DATE, person_key STRING, person_type STRING, school_code STRING, "
          + "grade STRING, class_name STRING, reason STRING, until DATE";

  private ReturnDeferrals() {}

  /**
   * The silver tables the deferrals are computed from.
   *
   * @param schools silver.schools
   * @param roster silver.roster
   * @param trips silver.travel_records
   * @param areas silver.risk_areas
   * @param cases silver.absence_cases
   */
  public record Inputs(
      Dataset<Row> schools,
      Dataset<Row> roster,
      Dataset<Row> trips,
      Dataset<Row> areas,
      Dataset<Row> cases,
      Dataset<Row> batches) {
    /** Without silver.return_batches: every person keeps the term's start date. */
    public Inputs(
        Dataset<Row> schools,
        Dataset<Row> roster,
        Dataset<Row> trips,
        Dataset<Row> areas,
        Dataset<Row> cases) {
      this(schools, roster, trips, areas, cases, null);
    }
  }

  /**
   * One start date S of a term start in force on D: the term's own (batch null; its persons without
   * the students of the grades that have a batch of this term start) or a batch date's (only the
   * students of the school and grade pairs whose batch it is). {@code term} carries the S of the
   * group: its window and every date of the reasons follow from it.
   *
   * @param pairs school_code and grade of the batch rows: the students included (a batch's group)
   *     or left out (the term's own group)
   */
  record Start(TermStart term, LocalDate batch, List<List<String>> pairs) {}

  /**
   * The start dates in force on D (docs/rules.md §4.11): per term start of the policy, its own S
   * when D lies in [S - lookback, S + days-after], and each batch date B of silver.return_batches
   * that belongs to it (B in the term's window) when D lies in [B - lookback, B + days-after]. A
   * school and grade with several batch dates in one term start's window take the row of the later
   * file, then the later line.
   *
   * @param batchRows silver.return_batches, or null when there is none
   */
  static List<Start> starts(Dataset<Row> batchRows, Policy policy, LocalDate d) {
    List<Row> batches =
        batchRows == null
            ? List.of()
            : batchRows
                .select(
                    col("school_code"),
                    col("grade"),
                    col("batch_start_date"),
                    col("source_file"),
                    col("source_line"))
                .collectAsList();
    List<Start> out = new java.util.ArrayList<>();
    for (TermStart t : policy.termStarts()) {
      // per school and grade the batch of the later file and line among this term's
      java.util.Map<List<String>, Row> chosen = new java.util.HashMap<>();
      for (Row r : batches) {
        LocalDate b = r.getDate(2).toLocalDate();
        if (!t.appliesOn(b)) continue;
        chosen.merge(List.of(r.getString(0), r.getString(1)), r, ReturnDeferrals::later);
      }
      // a batch on S itself is the term's own start: one group per start date
      chosen.values().removeIf(r -> r.getDate(2).toLocalDate().equals(t.start()));
      if (t.appliesOn(d)) out.add(new Start(t, null, List.copyOf(chosen.keySet())));
      java.util.Map<LocalDate, List<List<String>>> byDate = new java.util.TreeMap<>();
      chosen.forEach(
          (pair, r) ->
              byDate
                  .computeIfAbsent(r.getDate(2).toLocalDate(), k -> new java.util.ArrayList<>())
                  .add(pair));
      byDate.forEach(
          (b, pairs) -> {
            TermStart own =
                new TermStart(
                    t.id(),
                    b,
                    t.schoolTypes(),
                    t.districts(),
                    t.grades(),
                    t.lookbackDays(),
                    t.daysAfter(),
                    t.householdExposure());
            if (own.appliesOn(d)) out.add(new Start(own, b, List.copyOf(pairs)));
          });
    }
    return out;
  }

  /**
   * Whether D lies in the window of a term start's own S or of one of its batches' dates: then
   * gold.return_deferrals has rows on D.
   *
   * @param batches silver.return_batches, or null when there is none
   */
  public static boolean anyStartOn(Dataset<Row> batches, Policy policy, LocalDate d) {
    return !starts(batches, policy, d).isEmpty();
  }

  private static Row later(Row a, Row b) {
    int byFile =
        java.util.Arrays.compare(
            a.getString(3).getBytes(java.nio.charset.StandardCharsets.UTF_8),
            b.getString(3).getBytes(java.nio.charset.StandardCharsets.UTF_8));
    if (byFile != 0) return byFile > 0 ? a : b;
    return a.getLong(4) >= b.getLong(4) ? a : b;
  }

  /**
   * One row per term start in force on D, roster person and reason: term_id, term_start,
   * person_key, person_type, school_code, grade, class_name, reason and until (the earliest day the
   * reason allows a return: return + monitoring days of the trip, onset + lookback, or null when
   * unknown: a trip without a return date, a school in a risk area), of the groups of {@link
   * #groups}.
   */
  public static Dataset<Row> persons(Inputs in, List<Group> groups, Policy policy, LocalDate d) {
    Dataset<Row> out = empty(in.roster(), PERSON_DDL);
    for (Group g : groups)
      out = out.unionByName(reasons(g.active(), g.stays(), in, policy, g.start().term(), d));
    return out;
  }

  /**
   * One start date in force on D with the frames every reason and count of it reads: its active
   * persons (the roster persons active on D at a school of the term start, of the start date's
   * batch or, for the term's own date, not of any batch) and the stays up to min(S, D) ({@link
   * RiskExposure#trips}).
   */
  public record Group(Start start, Dataset<Row> active, Dataset<Row> stays) {}

  /**
   * The groups of D: the start dates of {@link #starts}, each with its frames. The roster persons
   * of a term start (the same for every start date of the term) and the stays of one min(S, D) are
   * computed once and passed through {@code keep} (the metrics job keeps them: a term start's
   * persons and counts read each several times); the batches' subsets of the persons are not kept.
   */
  public static List<Group> groups(
      Inputs in, Policy policy, LocalDate d, UnaryOperator<Dataset<Row>> keep) {
    Map<String, Dataset<Row>> activeByTerm = new HashMap<>();
    Map<LocalDate, Dataset<Row>> staysByEnd = new HashMap<>();
    List<Group> out = new ArrayList<>();
    for (Start s : starts(in.batches(), policy, d)) {
      TermStart t = s.term();
      Dataset<Row> termActive =
          activeByTerm.computeIfAbsent(t.id(), id -> keep.apply(active(in, t, d)));
      Dataset<Row> stays =
          staysByEnd.computeIfAbsent(
              t.lookbackTo(d),
              end -> keep.apply(RiskExposure.trips(in.trips(), in.areas(), policy, end)));
      out.add(new Group(s, active(termActive, s), stays));
    }
    return out;
  }

  /**
   * gold.return_deferrals of D: per unit, term and person type one row per reason with persons
   * (distinct persons with the reason) and schools (schools with such a person), and one row of
   * reason all with deferred (distinct persons with a reason that defers), roster (active roster
   * persons) and expected_returning (roster - deferred). Every school of a term start has its all
   * row, also with nobody deferred. The groups are those of {@link #groups}.
   *
   * @param persons {@link #persons} of D (the caller keeps it: every level of the roll-up and both
   *     the reason and the all rows read it)
   */
  public static Dataset<Row> deferrals(
      Inputs in, List<Group> groups, Dataset<Row> persons, Policy policy, LocalDate d) {
    Dataset<Row> rows =
        empty(
            in.roster(),
            "term_id STRING, term_start DATE, school_code STRING, person_type STRING, reason STRING, "
                + "persons BIGINT, schools BIGINT, deferred BIGINT, roster BIGINT");
    for (Group g : groups) {
      TermStart t = g.start().term();
      Dataset<Row> active = g.active();
      Dataset<Row> reasons =
          persons.filter(
              col("term_id")
                  .equalTo(t.id())
                  .and(col("term_start").equalTo(lit(Date.valueOf(t.start())))));
      List<Column> key =
          List.of(col("term_id"), col("term_start"), col("school_code"), col("person_type"));
      Dataset<Row> byReason =
          reasons
              .groupBy(cols(key, col("reason")))
              .agg(countDistinct("person_key").as("persons"))
              .withColumn("schools", lit(1L))
              .withColumn("deferred", lit(null).cast("bigint"))
              .withColumn("roster", lit(null).cast("bigint"));
      Dataset<Row> deferred =
          reasons
              .filter(col("reason").isin(deferringCodes()))
              .groupBy(
                  col("school_code").as("_ds"),
                  col("person_type").as("_dt"),
                  col("term_id").as("_di"))
              .agg(countDistinct("person_key").as("deferred"));
      Dataset<Row> all =
          active
              .groupBy(col("school_code"), col("person_type"))
              .agg(count(lit(1)).as("roster"))
              .withColumn("term_id", lit(t.id()))
              .withColumn("term_start", lit(Date.valueOf(t.start())))
              .join(
                  deferred,
                  col("school_code")
                      .equalTo(col("_ds"))
                      .and(col("person_type").equalTo(col("_dt")))
                      .and(col("term_id").equalTo(col("_di"))),
                  "left")
              .drop("_ds", "_dt", "_di")
              .withColumn("deferred", coalesce(col("deferred"), lit(0L)))
              .withColumn("reason", lit(ALL))
              .withColumn("persons", col("deferred"))
              .withColumn("schools", when(col("deferred").gt(0), 1L).otherwise(0L));
      rows = rows.unionByName(byReason).unionByName(all);
    }
    Dataset<Row> school =
        OrgRollup.withSchoolInForce(
            rows.withColumn("as_of", lit(Date.valueOf(d))), in.schools(), "as_of");
    Column allRow = col("reason").equalTo(ALL);
    return OrgRollup.rollup(
            school,
            List.of("as_of", "term_id", "term_start", "person_type", "reason"),
            List.of("persons", "schools", "deferred", "roster"),
            policy.cityNames())
        .withColumn("deferred", when(allRow, col("deferred")))
        .withColumn("roster", when(allRow, col("roster")))
        .withColumn("expected_returning", when(allRow, col("roster").minus(col("deferred"))));
  }

  /** The codes of the reasons that defer (all but risk_area_review). */
  public static Object[] deferringCodes() {
    return Arrays.stream(DeferralReason.values())
        .filter(DeferralReason::defers)
        .map(DeferralReason::code)
        .toArray();
  }

  /** The part of a term start's active persons ({@code all}) that belongs to the start date s. */
  private static Dataset<Row> active(Dataset<Row> all, Start s) {
    if (s.batch() == null && s.pairs().isEmpty()) return all;
    Dataset<Row> pairs =
        all.sparkSession()
            .createDataFrame(
                s.pairs().stream()
                    .map(p -> org.apache.spark.sql.RowFactory.create(p.get(0), p.get(1)))
                    .toList(),
                StructType.fromDDL("_bs STRING, _bg STRING"));
    Column inBatch =
        col("person_type")
            .equalTo("student")
            .and(col("school_code").equalTo(col("_bs")))
            .and(col("grade").equalTo(col("_bg")));
    // a batch's group: its students only; the term's own: everyone but the batches' students
    return all.join(
        org.apache.spark.sql.functions.broadcast(pairs),
        inBatch,
        s.batch() == null ? "left_anti" : "left_semi");
  }

  /**
   * The roster persons active on D at a school of the term start (type and district in force on D),
   * students only of its grades when it names grades, whatever the batches: person_key,
   * person_type, school_code, grade, class_name, district_code.
   */
  static Dataset<Row> active(Inputs in, TermStart t, LocalDate d) {
    Column day = lit(Date.valueOf(d));
    Column scope = col("school_type").isin(t.schoolTypes().toArray());
    if (!t.districts().isEmpty())
      scope = scope.and(col("district_code").isin(t.districts().toArray()));
    Dataset<Row> open =
        in.schools()
            .filter(Frames.inForce(day).and(scope))
            .select(col("school_code").as("_sc"), col("district_code"));
    Column grades =
        t.grades().isEmpty()
            ? lit(true)
            : col("person_type").notEqual("student").or(col("grade").isin(t.grades().toArray()));
    return in.roster()
        .filter(Frames.inForce(day).and(col("status").equalTo("active")).and(grades))
        .join(open, col("school_code").equalTo(col("_sc")))
        .select("person_key", "person_type", "school_code", "grade", "class_name", "district_code")
        .dropDuplicates("person_key", "school_code");
  }

  /**
   * The reason rows ({@link #PERSON_DDL}) of one start date's active persons on D, with the stays
   * up to min(S, D) read as gold.risk_exposure reads them ({@link Group#stays}).
   */
  static Dataset<Row> reasons(
      Dataset<Row> active, Dataset<Row> stays, Inputs in, Policy policy, TermStart t, LocalDate d) {
    Dataset<Row> trips = in.trips();
    Dataset<Row> areas = in.areas();
    Column day = lit(Date.valueOf(d));
    Column from = lit(Date.valueOf(t.windowFrom()));
    Column start = lit(Date.valueOf(t.start()));
    Column inWindow = col("_end").geq(from);
    Column abroad = col("_category").equalTo(ExposureCategory.ABROAD.code()).and(inWindow);
    Column risk =
        col("_category")
            .isin(ExposureCategory.HIGH.code(), ExposureCategory.MEDIUM.code())
            .and(inWindow);
    Column direct = risk.and(col("_match").equalTo(ExposureCategory.MatchType.DIRECT.code()));
    Column possible = risk.and(col("_match").equalTo(ExposureCategory.MatchType.POSSIBLE.code()));
    Column until = date_add(col("return_date"), col("_days"));
    Column own = coalesce(col("person_type"), lit("")).notEqual("household");
    Dataset<Row> tripReasons =
        reason(stays.filter(own.and(abroad)), DeferralReason.ABROAD_14D, until)
            .unionByName(reason(stays.filter(own.and(direct)), DeferralReason.RISK_AREA_14D, until))
            .unionByName(
                reason(stays.filter(own.and(possible)), DeferralReason.RISK_AREA_REVIEW, until))
            .unionByName(
                reason(
                    stays.filter(
                        own.and(col("_away").unary_$bang())
                            .and(
                                org.apache
                                    .spark
                                    .sql
                                    .functions
                                    .datediff(start, col("return_date"))
                                    .lt(col("_days")))),
                    DeferralReason.IN_MONITORING_AT_START,
                    until));
    if (t.stillAwayEvaluatedOn(d)) {
      Dataset<Row> away =
          trips.filter(
              own.and(col("departure_date").leq(day))
                  .and(col("return_date").isNull().or(col("return_date").gt(day))));
      tripReasons =
          tripReasons.unionByName(reason(away, DeferralReason.STILL_AWAY, col("return_date")));
    }
    if (t.householdExposure()) {
      Dataset<Row> household =
          stays
              .filter(
                  col("person_type")
                      .equalTo("household")
                      .and(col("linked_person_key").isNotNull())
                      .and(abroad.or(direct)))
              .withColumn("person_key", col("linked_person_key"));
      tripReasons =
          tripReasons.unionByName(reason(household, DeferralReason.HOUSEHOLD_EXPOSURE, until));
    }
    Dataset<Row> personal =
        tripReasons.unionByName(symptoms(in.cases(), t, d)).withColumnRenamed("person_key", "_pk");
    Dataset<Row> perPerson =
        active
            .join(personal, col("person_key").equalTo(col("_pk")))
            .drop("_pk")
            .unionByName(schoolInRiskArea(active, areas, d));
    // one row per person and reason; until unknown (null) when any of its rows has none
    return perPerson
        .groupBy("person_key", "person_type", "school_code", "grade", "class_name", "reason")
        .agg(
            when(count(col("until")).equalTo(count(lit(1))), max("until"))
                .otherwise(lit(null).cast("date"))
                .as("until"))
        .withColumn("term_id", lit(t.id()))
        .withColumn("term_start", start)
        .selectExpr(columnNames(PERSON_DDL));
  }

  /**
   * symptoms_14d: line-list rows reported by D with fever or cough and onset in [S - lookback,
   * min(S, D)], unless cleared: the same or a later row of the person (reported by D) was followed
   * up with a diagnosis other than covid19 or unknown. until = onset + lookback days.
   */
  static Dataset<Row> symptoms(Dataset<Row> cases, TermStart t, LocalDate d) {
    Column day = lit(Date.valueOf(d));
    Dataset<Row> upToD = cases.filter(col("report_date").leq(day));
    Dataset<Row> cleared =
        upToD
            .filter(
                coalesce(col("followed_up"), lit(false))
                    .and(col("diagnosis").isNotNull())
                    .and(col("diagnosis").isin("covid19", "unknown").unary_$bang()))
            .groupBy(col("person_key").as("_cp"))
            .agg(max("report_date").as("_cleared"));
    Dataset<Row> ill =
        upToD
            .filter(
                col("onset_date")
                    .between(Date.valueOf(t.windowFrom()), Date.valueOf(t.lookbackTo(d)))
                    .and(
                        array_contains(col("symptoms"), "fever")
                            .or(array_contains(col("symptoms"), "cough"))))
            .join(cleared, col("person_key").equalTo(col("_cp")), "left")
            .filter(col("_cleared").isNull().or(col("_cleared").lt(col("report_date"))));
    return reason(ill, DeferralReason.SYMPTOMS_14D, date_add(col("onset_date"), t.lookbackDays()));
  }

  /**
   * school_in_risk_area: the school's district lies in a high or medium area on D (the area's code
   * is a prefix of the district code, in a period holding D): every active person of the school.
   */
  static Dataset<Row> schoolInRiskArea(Dataset<Row> active, Dataset<Row> areas, LocalDate d) {
    Column day = lit(Date.valueOf(d));
    Dataset<Row> inForce =
        areas
            .filter(
                col("risk_level")
                    .isin(ExposureCategory.HIGH.code(), ExposureCategory.MEDIUM.code())
                    .and(col("period_from").leq(day))
                    .and(col("period_to").isNull().or(col("period_to").geq(day))))
            .select(col("area_code"))
            .distinct();
    return active
        .join(inForce, col("district_code").startsWith(col("area_code")), "left_semi")
        .withColumn("reason", lit(DeferralReason.SCHOOL_IN_RISK_AREA.code()))
        .withColumn("until", lit(null).cast("date"));
  }

  /** person_key, reason, until of the given rows. */
  private static Dataset<Row> reason(Dataset<Row> rows, DeferralReason r, Column until) {
    return rows.select(
        col("person_key"), lit(r.code()).as("reason"), until.cast("date").as("until"));
  }

  private static Dataset<Row> empty(Dataset<Row> any, String ddl) {
    return any.sparkSession().createDataFrame(List.of(), StructType.fromDDL(ddl));
  }

  private static String[] columnNames(String ddl) {
    return Arrays.stream(StructType.fromDDL(ddl).fieldNames()).toArray(String[]::new);
  }

  private static Column[] cols(List<Column> key, Column... more) {
    List<Column> c = new java.util.ArrayList<>(key);
    c.addAll(List.of(more));
    return c.toArray(Column[]::new);
  }
}
