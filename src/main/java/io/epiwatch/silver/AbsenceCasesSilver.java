package io.epiwatch.silver;

import static org.apache.spark.sql.functions.array_contains;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.when;

import io.epiwatch.common.SymptomGroup;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * silver.absence_cases, the illness-absence line list (docs/rules.md §2, §4.3): latest version per
 * (report_date, school_code, person) by submitted_at, with first_submitted_at the earliest accepted
 * version's (an alert's detection time counts from it, docs/rules.md §4.4.1); symptoms arrive as
 * code arrays and get their symptom group by the first-match-wins rule of docs/rules.md §2.4.
 */
public final class AbsenceCasesSilver {
  private AbsenceCasesSilver() {}

  public static final List<String> KEY = List.of("report_date", "school_code", "person_key");

  public static Dataset<Row> build(Dataset<Row> bronze) {
    return Latest.perKey(Latest.withFirstSubmitted(bronze, KEY), KEY, "submitted_at")
        .withColumn("symptom_group", symptomGroup(col("symptoms")));
  }

  /**
   * docs/rules.md §2.4, first match wins: rash; parotitis = parotid_swelling; conjunctivitis =
   * conjunctival_congestion; gi = diarrhea or vomiting; ili = fever and (cough or sore_throat);
   * fever; respiratory = cough, sore_throat or runny_nose; other.
   */
  public static Column symptomGroup(Column symptoms) {
    Column s = coalesce(symptoms, functions.array().cast("array<string>"));
    return when(array_contains(s, "rash"), SymptomGroup.RASH.code())
        .when(array_contains(s, "parotid_swelling"), SymptomGroup.PAROTITIS.code())
        .when(array_contains(s, "conjunctival_congestion"), SymptomGroup.CONJUNCTIVITIS.code())
        .when(
            array_contains(s, "diarrhea").or(array_contains(s, "vomiting")), SymptomGroup.GI.code())
        .when(
            array_contains(s, "fever")
                .and(array_contains(s, "cough").or(array_contains(s, "sore_throat"))),
            SymptomGroup.ILI.code())
        .when(array_contains(s, "fever"), SymptomGroup.FEVER.code())
        .when(
            array_contains(s, "cough")
                .or(array_contains(s, "sore_throat"))
                .or(array_contains(s, "runny_nose")),
            SymptomGroup.RESPIRATORY.code())
        .otherwise(SymptomGroup.OTHER.code());
  }
}
