package io.epiwatch.silver;

import static org.apache.spark.sql.functions.array_contains;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.lead;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.when;

import io.epiwatch.catalog.TableSpec;
import io.epiwatch.config.Policy;
import io.epiwatch.ingest.spec.Sources;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.functions;

/**
 * Pure bronze -> silver transforms, one method per silver table (contract 2, 7). Each returns
 * exactly the columns of its {@link io.epiwatch.catalog.Tables} spec.
 */
public final class SilverTables {
  private SilverTables() {}

  public static Dataset<Row> conform(Dataset<Row> df, TableSpec spec) {
    return df.select(java.util.Arrays.stream(spec.schema().fields())
        .map(f -> col(f.name()).cast(f.dataType()).as(f.name(), f.metadata())).toArray(Column[]::new));
  }

  /** silver.schools: the latest row per (school, snapshot), as a type-2 dimension. */
  public static Dataset<Row> schools(Dataset<Row> bronze) {
    Dataset<Row> rows = Latest.perKey(bronze, List.of("school_code", "as_of"), null)
        .withColumn("city_code", Dimensions.cityOf(col("district_code")));
    return Dimensions.scd2(rows, List.of("school_code"), List.of(),
        List.of("school_name", "school_type", "district_code", "district_name", "city_code", "township",
            "directly_managed", "boarding", "students_enrolled", "staff_count"));
  }

  /** silver.roster: per school, the latest snapshot replaces earlier ones (contract 7). */
  public static Dataset<Row> roster(Dataset<Row> bronze) {
    Dataset<Row> rows = Latest.perKey(bronze, List.of("person_key", "school_code", "as_of"), null);
    return Dimensions.scd2(rows, List.of("person_key", "school_code"), List.of("school_code"),
        List.of("id_type", "person_type", "grade", "class_name", "birth_date", "sex", "boarding", "status"));
  }

  /** silver.daily_reports: latest version per (date, school); first accepted submission kept. */
  public static Dataset<Row> dailyReports(Dataset<Row> bronze) {
    WindowSpec key = Window.partitionBy("report_date", "school_code");
    Dataset<Row> withFirst = bronze.withColumn("first_submitted_at", min("submitted_at").over(key))
        .withColumn("versions", count(lit(1)).over(key).cast("int"));
    return Latest.perKey(withFirst, List.of("report_date", "school_code"), "submitted_at")
        .withColumn("zero_report_contradiction", coalesce(col("zero_report"), lit(false)).and(
            coalesce(col("students_absent_illness"), lit(0)).plus(coalesce(col("staff_absent_illness"), lit(0)))
                .plus(coalesce(col("fever_cases"), lit(0))).plus(coalesce(col("suspected_cases"), lit(0)))
                .plus(coalesce(col("confirmed_cases"), lit(0))).gt(0)));
  }

  /** Contract 4.3: symptom group, first match wins. */
  public static Column symptomGroup(Column symptoms) {
    Column s = coalesce(symptoms, functions.array());
    return when(array_contains(s, "rash"), "rash")
        .when(array_contains(s, "diarrhea").or(array_contains(s, "vomiting")), "gi")
        .when(array_contains(s, "fever").and(array_contains(s, "cough").or(array_contains(s, "sore_throat"))), "ili")
        .when(array_contains(s, "fever"), "fever")
        .when(array_contains(s, "cough").or(array_contains(s, "sore_throat")).or(array_contains(s, "runny_nose")), "respiratory")
        .otherwise("other");
  }

  public static Dataset<Row> absenceCases(Dataset<Row> bronze) {
    return Latest.perKey(bronze, List.of("report_date", "school_code", "person_key"), "submitted_at")
        .withColumn("symptom_group", symptomGroup(col("symptoms")));
  }

  /** Travel: record_id, else person|departure|destination; household members under their student's school. */
  public static Dataset<Row> travel(Dataset<Row> bronze, Dataset<Row> silverRoster) {
    Dataset<Row> keyed = bronze.withColumn("record_key", coalesce(col("record_id"),
        concat_ws("|", col("person_key"), col("departure_date").cast("string"), col("destination_code"))));
    Dataset<Row> latest = Latest.perKey(keyed, List.of("record_key"), "submitted_at");
    Dataset<Row> studentSchool = silverRoster.filter("person_type = 'student'")
        .withColumn("_rn", functions.row_number().over(Window.partitionBy("person_key")
            .orderBy(col("is_current").desc(), col("valid_from").desc())))
        .filter("_rn = 1").select(col("person_key").as("_student"), col("school_code").as("_student_school"));
    return latest.join(studentSchool, latest.col("linked_person_key").equalTo(studentSchool.col("_student")), "left")
        .withColumn("attributed_school_code", when(col("person_type").equalTo("household"),
            coalesce(col("_student_school"), col("school_code"))).otherwise(col("school_code")));
  }

  /** Risk periods (contract 7): end at effective_to or the day before the next announcement. */
  public static Dataset<Row> riskAreas(Dataset<Row> bronze) {
    Dataset<Row> latest = Latest.perKey(bronze, List.of("area_code", "effective_from"), "announced_at");
    WindowSpec byArea = Window.partitionBy("area_code").orderBy("effective_from");
    Column nextStart = lead("effective_from", 1).over(byArea);
    return latest.withColumn("period_from", col("effective_from"))
        .withColumn("period_to", when(nextStart.isNull(), col("effective_to"))
            .otherwise(least(coalesce(col("effective_to"), date_add(nextStart, -1)), date_add(nextStart, -1))))
        .withColumn("is_current", col("period_to").isNull());
  }

  /** Doses: latest per (person, dose); product matched to the conf product table; flags. */
  public static Dataset<Row> vaccinations(Dataset<Row> bronze, Dataset<Row> silverRoster, Policy policy) {
    Dataset<Row> latest = Latest.perKey(bronze, List.of("person_key", "dose_number"), null);
    Column text = functions.lower(concat_ws(" ", coalesce(col("vaccine_product"), lit("")), coalesce(col("manufacturer"), lit(""))));
    Column product = lit(null).cast("string");
    Column series = lit(null).cast("int");
    Column interval = lit(null).cast("int");
    List<Policy.VaccineProduct> products = policy.vaccineProducts();
    for (int i = products.size() - 1; i >= 0; i--) {
      Policy.VaccineProduct p = products.get(i);
      Column match = lit(false);
      for (String m : p.match()) match = match.or(text.contains(m.toLowerCase(Locale.ROOT)));
      product = when(match, lit(p.product())).otherwise(product);
      series = when(match, lit(p.seriesDoses())).otherwise(series);
      interval = when(match, lit(p.minIntervalDays())).otherwise(interval);
    }
    Dataset<Row> withProduct = latest.withColumn("product", product).withColumn("series_doses", series)
        .withColumn("min_interval_days", interval);
    WindowSpec byPerson = Window.partitionBy("person_key").orderBy("dose_number");
    Dataset<Row> dose1 = withProduct.filter("dose_number = 1").select(col("person_key").as("_p1"), col("min_interval_days").as("_interval1"));
    Dataset<Row> onRoster = silverRoster.select(col("person_key").as("_rp")).distinct();
    return withProduct
        .withColumn("_prev_dose", lag("dose_number", 1).over(byPerson))
        .withColumn("_prev_date", lag("vaccination_date", 1).over(byPerson))
        .join(dose1, col("person_key").equalTo(col("_p1")), "left")
        .join(onRoster, col("person_key").equalTo(col("_rp")), "left")
        .withColumn("flags", functions.filter(functions.array(
            when(col("dose_number").gt(1).and(col("_prev_dose").equalTo(col("dose_number").minus(1)))
                .and(functions.datediff(col("vaccination_date"), col("_prev_date")).lt(coalesce(col("_interval1"), lit(0)))), lit("INTERVAL_TOO_SHORT")),
            when(col("dose_number").gt(1).and(col("_prev_dose").isNull().or(col("_prev_dose").notEqual(col("dose_number").minus(1)))), lit("MISSING_PRIOR_DOSE")),
            when(col("_rp").isNull(), lit("NOT_ON_ROSTER"))), x -> x.isNotNull()))
        .withColumn("submitted_at", lit(null).cast("timestamp"));
  }

  public static Dataset<Row> contraindications(Dataset<Row> bronze) {
    return Latest.perKey(bronze, List.of("person_key"), "recorded_at");
  }

  /** ops.data_quality rows: contradictions, line-list mismatches, dose flags (contract 1, 2, 4). */
  public static Dataset<Row> dataQuality(Dataset<Row> reports, Dataset<Row> cases, Dataset<Row> doses, java.sql.Timestamp at) {
    Dataset<Row> zero = reports.filter("zero_report_contradiction").select(lit("ZERO_REPORT_CONTRADICTION").as("flag"),
        lit("daily_reports").as("source"), concat_ws("|", col("report_date").cast("string"), col("school_code")).as("record_key"),
        col("report_date").as("business_date"), col("school_code"),
        expr("concat('zero report with illness ', coalesce(students_absent_illness,0) + coalesce(staff_absent_illness,0), ', fever ', coalesce(fever_cases,0), ', suspected ', coalesce(suspected_cases,0), ', confirmed ', coalesce(confirmed_cases,0))").as("detail"),
        col("source_file"), col("source_line"));
    Dataset<Row> listed = cases.groupBy("report_date", "school_code").agg(count(lit(1)).as("_listed"));
    Dataset<Row> mismatch = reports.join(listed, new scala.collection.immutable.Set.Set2<>("report_date", "school_code").toSeq(), "left")
        .withColumn("_summary", coalesce(col("students_absent_illness"), lit(0)).plus(coalesce(col("staff_absent_illness"), lit(0))))
        .filter(col("_summary").notEqual(coalesce(col("_listed"), lit(0L))))
        .select(lit("LINE_LIST_COUNT_MISMATCH").as("flag"), lit("daily_reports").as("source"),
            concat_ws("|", col("report_date").cast("string"), col("school_code")).as("record_key"),
            col("report_date").as("business_date"), col("school_code"),
            expr("concat('summary illness absences ', _summary, ' but ', coalesce(_listed, 0), ' line-list rows')").as("detail"),
            col("source_file"), col("source_line"));
    Dataset<Row> doseFlags = doses.select(col("*"), functions.explode(col("flags")).as("flag"))
        .select(col("flag"), lit("vaccinations").as("source"), concat_ws("|", col("person_key"), col("dose_number").cast("string")).as("record_key"),
            col("vaccination_date").as("business_date"), col("school_code"),
            expr("concat('dose ', dose_number, ' on ', vaccination_date, ' (', coalesce(product, vaccine_product), ')')").as("detail"),
            col("source_file"), col("source_line"));
    return zero.unionByName(mismatch).unionByName(doseFlags).withColumn("detected_at", lit(at));
  }

  /** Resident id type name, kept for readers of this class. */
  static final String RESIDENT = Sources.RESIDENT;
}
