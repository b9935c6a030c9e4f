package io.epiwatch.silver;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.when;

import io.epiwatch.spark.Frames;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * silver.travel_records (docs/rules.md §2, §4.6): one stay per record, latest version by
 * submitted_at. record_key = record_id, else person_key|departure_date|destination_code. Household
 * members count under the linked person's school (a student or a staff member): the school of the
 * person's current roster row, else of the latest one (a person who left keeps the school of the
 * last row); without any roster row, the school as reported (ingest quarantines a household member
 * with neither as LINKED_PERSON_UNKNOWN).
 */
public final class TravelSilver {
  private TravelSilver() {}

  public static final List<String> KEY = List.of("record_key");

  public static Column recordKey() {
    return coalesce(
        col("record_id"),
        concat_ws(
            "|", col("person_key"), col("departure_date").cast("string"), col("destination_code")));
  }

  public static Dataset<Row> withRecordKey(Dataset<Row> bronze) {
    return bronze.withColumn("record_key", recordKey());
  }

  /**
   * @param bronzeKeyed bronze rows with record_key ({@link #withRecordKey})
   * @param silverRoster silver.roster rows (at least those of the linked students)
   */
  public static Dataset<Row> build(Dataset<Row> bronzeKeyed, Dataset<Row> silverRoster) {
    Dataset<Row> latest = Latest.perKey(bronzeKeyed, KEY, "submitted_at");
    Dataset<Row> studentSchool =
        Frames.firstPer(
                silverRoster,
                List.of("person_key"),
                col("is_current").desc(),
                col("valid_from").desc(),
                col("school_code"))
            .select(col("person_key").as("_student"), col("school_code").as("_student_school"));
    return latest
        .join(
            studentSchool,
            latest.col("linked_person_key").equalTo(studentSchool.col("_student")),
            "left")
        .withColumn(
            "attributed_school_code",
            when(
                    col("person_type").equalTo("household"),
                    coalesce(col("_student_school"), col("school_code")))
                .otherwise(col("school_code")))
        .drop("_student", "_student_school");
  }
}
