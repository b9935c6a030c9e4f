package io.epiwatch.catalog;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * docs/tables.md, generated from the declared schemas and their column comments (a test fails when
 * the committed file is out of date; `jobs/dictionary` rewrites it).
 */
public final class Dictionary {
  private Dictionary() {}

  record Entry(String name, String partition, String description, StructType schema) {}

  static List<Entry> entries() {
    List<Entry> e = new ArrayList<>();
    for (TableSpec t : Tables.GOLD)
      e.add(new Entry(t.id().toString(), t.partitionColumn(), t.description(), t.schema()));
    for (TableSpec t : Tables.SILVER)
      e.add(new Entry(t.id().toString(), t.partitionColumn(), t.description(), t.schema()));
    for (TableSpec t : Tables.BRONZE)
      e.add(new Entry(t.id().toString(), t.partitionColumn(), t.description(), t.schema()));
    for (TableSpec t : Tables.OPS)
      e.add(new Entry(t.id().toString(), t.partitionColumn(), t.description(), t.schema()));
    TableSpec r = Tables.RESTRICTED_PERSON_IDENTITY;
    e.add(
        new Entry(
            r.id().toString(),
            null,
            r.description() + " Registered only with `jobs/sql --restricted`.",
            r.schema()));
    return e;
  }

  public static String markdown() {
    StringBuilder b = new StringBuilder();
    b.append("# Data dictionary\n\n")
        .append(
            "Generated from the declared table schemas (`catalog/Tables`, `contract/BronzeSchema`); do not edit by hand:\n")
        .append(
            "run `jobs/dictionary` after changing a schema. Query any table by name with `jobs/sql`, e.g.\n")
        .append(
            "`jobs/sql \"SELECT * FROM gold.attendance WHERE org_level = 'city'\"`. Rates are fractions in [0, 1], null when\n")
        .append(
            "the denominator is 0. Every gold table has org_level (school, district, city), org_code, org_name and parent_code.\n\n")
        .append("## Example queries\n\n")
        .append("Schools that reported late or not at all this week:\n\n```sql\n")
        .append(
            "SELECT report_date, org_name AS school, parent_code AS district, status, first_submitted_at\n")
        .append(
            "FROM gold.reporting_compliance\nWHERE org_level = 'school' AND status IN ('late', 'missing')\n")
        .append(
            "  AND report_date >= date_sub(DATE'2021-10-05', 6)\nORDER BY report_date, district, school;\n```\n\n")
        .append("Dose-1 and completed coverage by district for ages 12-14:\n\n```sql\n")
        .append(
            "SELECT org_name AS district, sum(eligible) AS eligible, sum(dose1) / sum(eligible) AS dose1_rate,\n")
        .append(
            "       sum(completed) / sum(eligible) AS completed_rate\nFROM gold.vaccination_coverage\n")
        .append(
            "WHERE as_of = DATE'2021-10-05' AND org_level = 'district' AND age_band = '12-14'\nGROUP BY org_name ORDER BY dose1_rate;\n```\n\n")
        .append("Persons in health monitoring by school:\n\n```sql\n")
        .append(
            "SELECT org_name AS school, category, sum(in_monitoring) AS in_monitoring, sum(missing_test) AS missing_test\n")
        .append(
            "FROM gold.risk_exposure\nWHERE as_of = DATE'2021-10-05' AND org_level = 'school' AND in_monitoring > 0\n")
        .append("GROUP BY org_name, category ORDER BY in_monitoring DESC;\n```\n\n")
        .append(
            "New illness absences (episodes starting) by symptom group over the last 14 days, city level"
                + " (sum new_cases over days: cases counts a person on every day absent):\n\n```sql\n")
        .append("SELECT cause, sum(new_cases) AS new_cases FROM gold.absence_by_cause\n")
        .append(
            "WHERE org_level = 'city' AND cause_type = 'symptom_group' AND report_date > date_sub(DATE'2021-10-05', 14)\n")
        .append("GROUP BY cause ORDER BY new_cases DESC;\n```\n\n")
        .append(
            "Time travel and history: `SELECT * FROM gold.attendance VERSION AS OF 0`, `DESCRIBE HISTORY gold.attendance`.\n");
    for (Entry e : entries()) {
      b.append("\n## ").append(e.name()).append("\n\n").append(e.description()).append('\n');
      if (e.partition() != null) b.append("Partitioned by `").append(e.partition()).append("`.\n");
      b.append("\n| column | type | meaning |\n|---|---|---|\n");
      for (StructField f : e.schema().fields()) {
        String c = f.getComment().isDefined() ? f.getComment().get() : "";
        b.append("| ")
            .append(f.name())
            .append(" | ")
            .append(f.dataType().simpleString())
            .append(" | ")
            .append(c.replace("|", "\\|"))
            .append(" |\n");
      }
    }
    return b.toString();
  }
}
