package io.epiwatch.contract;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The schema of {@code bronze.<source>}, derived from the source spec: every accepted row with its
 * values parsed to their types and codes normalised, plus lineage. Personal identity never enters
 * bronze (docs/rules.md §1, §1.8): {@code id_number} becomes {@code person_key} (HMAC), {@code
 * linked_person_id} becomes {@code linked_person_key}, {@code name} is left out (it lives in
 * restricted.person_identity). Unknown columns are kept in {@code extra_columns}.
 */
public final class BronzeSchema {
  private BronzeSchema() {}

  public static final String SOURCE_FILE = "source_file";
  public static final String SOURCE_LINE = "source_line";
  public static final String SOURCE_SHA256 = "source_sha256";
  public static final String BATCH_ID = "ingest_batch_id";
  public static final String INGESTED_AT = "ingested_at";
  public static final String EXTRA = "extra_columns";

  /** Name of a spec column in bronze (null = not stored in bronze). */
  public static String bronzeName(ColumnSpec c) {
    if (c.name().equals("name")) return null;
    if (c.name().equals("id_number")) return "person_key";
    if (c.name().equals("linked_person_id")) return "linked_person_key";
    return c.name();
  }

  public static DataType typeOf(ColumnType t) {
    return switch (t) {
      case COUNT, DOSE_NUMBER -> DataTypes.IntegerType;
      case DATE -> DataTypes.DateType;
      case TIMESTAMP -> DataTypes.TimestampType;
      case BOOLEAN -> DataTypes.BooleanType;
      case CODE_LIST -> DataTypes.createArrayType(DataTypes.StringType, false);
      default -> DataTypes.StringType;
    };
  }

  public static StructType of(SourceSpec spec) {
    List<StructField> fields = new ArrayList<>();
    for (ColumnSpec c : spec.columns()) {
      String n = bronzeName(c);
      if (n == null) continue;
      DataType t = c.type() == ColumnType.ID_NUMBER ? DataTypes.StringType : typeOf(c.type());
      fields.add(DataTypes.createStructField(n, t, true).withComment(comment(c)));
    }
    fields.add(
        DataTypes.createStructField(SOURCE_FILE, DataTypes.StringType, false)
            .withComment("inbox file the row came from"));
    fields.add(
        DataTypes.createStructField(SOURCE_LINE, DataTypes.LongType, false)
            .withComment("line (CSV) or row (XLSX) number in the file; header = 1"));
    fields.add(
        DataTypes.createStructField(SOURCE_SHA256, DataTypes.StringType, false)
            .withComment("SHA-256 of the file"));
    fields.add(
        DataTypes.createStructField(BATCH_ID, DataTypes.StringType, false)
            .withComment("ingest batch (one ingest run)"));
    fields.add(
        DataTypes.createStructField(INGESTED_AT, DataTypes.TimestampType, false)
            .withComment("when the batch was ingested"));
    fields.add(
        DataTypes.createStructField(
                EXTRA, DataTypes.createMapType(DataTypes.StringType, DataTypes.StringType), true)
            .withComment("columns not in the contract, kept as text (header -> value)"));
    return DataTypes.createStructType(fields);
  }

  private static String comment(ColumnSpec c) {
    String zh = c.aliases().isEmpty() ? "" : c.aliases().get(0) + "; ";
    return switch (c.name()) {
      case "id_number" ->
          "HMAC-SHA256 of id_type:ID ("
              + zh.replace("; ", "")
              + " itself is only in restricted.person_identity)";
      case "linked_person_id" ->
          "household: person_key of the linked student or staff member (关联人员身份证号, formerly linked_student_id)";
      default ->
          zh
              + c.type().name().toLowerCase()
              + (c.vocabulary() != null ? " " + c.vocabulary().codes() : "");
    };
  }
}
