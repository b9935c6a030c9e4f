package io.epiwatch.silver;

import static org.apache.spark.sql.functions.col;

import io.epiwatch.spark.OrgColumns;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * silver.schools as a type-2 dimension (docs/rules.md §2 schools, 7): the snapshot in force on d is
 * the one with the latest as_of <= d; a school absent from it is closed on d; a change of district
 * (or any attribute) opens a new row. City code = first four digits of the district code + 00.
 * Schools are few, so the dimension is always rebuilt whole from bronze.
 */
public final class SchoolsDimension {
  private SchoolsDimension() {}

  static final List<String> ATTRIBUTES =
      List.of(
          "school_name",
          "school_type",
          "district_code",
          "district_name",
          "city_code",
          "city_name",
          "township",
          "directly_managed",
          "boarding",
          "students_enrolled",
          "staff_count");

  public static Dataset<Row> build(Dataset<Row> bronzeSchools) {
    Dataset<Row> rows =
        Latest.perKey(bronzeSchools, List.of("school_code", "as_of"), null)
            .withColumn("city_code", OrgColumns.cityOf(col("district_code")));
    return Dimensions.scd2(rows, List.of("school_code"), List.of(), ATTRIBUTES);
  }
}
