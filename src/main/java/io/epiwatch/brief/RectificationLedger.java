package io.epiwatch.brief;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.epiwatch.catalog.Tables;
import io.epiwatch.catalog.Warehouse;
import io.epiwatch.common.FindingCategory;
import io.epiwatch.common.FindingStatus;
import io.epiwatch.common.InspectionMode;
import io.epiwatch.common.Severity;
import java.io.OutputStream;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.ResourceBundle;
import org.apache.spark.sql.Row;

/**
 * The 整改台账 workbook for data staff (docs/rules.md §4.10): the findings open on D (open and overdue)
 * of gold.rectification_ledger, the overdue ones first, longest delay first, each with its
 * inspection, school or institution, category, severity and deadline, and empty columns for the
 * rectification date and who verified it. Written as {@code out/rectification-<D>-<lang>.xlsx}
 * through the one {@link Workbook} writer. This class reads the ledger; {@link #sheet} and {@link
 * #write} take records only.
 */
public final class RectificationLedger {
  private RectificationLedger() {}

  /** One open finding of the ledger. */
  public record Entry(
      String findingId,
      String inspectionId,
      LocalDate inspectionDate,
      InspectionMode mode,
      String districtName,
      String schoolName,
      FindingCategory category,
      Severity severity,
      String description,
      LocalDate deadline,
      FindingStatus status,
      Integer daysOverdue,
      String team) {}

  /** The open findings of D's ledger (none when the table or D's snapshot is absent). */
  public static List<Entry> read(Warehouse wh, LocalDate d) {
    if (!wh.exists(Tables.GOLD_RECTIFICATION_LEDGER.id())) return List.of();
    List<Entry> out = new ArrayList<>();
    for (Row r :
        wh.read(Tables.GOLD_RECTIFICATION_LEDGER.id())
            .filter(
                col("as_of")
                    .equalTo(lit(Date.valueOf(d)))
                    .and(
                        col("status")
                            .isin(FindingStatus.OPEN.code(), FindingStatus.OVERDUE.code())))
            .collectAsList())
      out.add(
          new Entry(
              r.getAs("finding_id"),
              r.getAs("inspection_id"),
              date(r, "inspection_date"),
              InspectionMode.of(r.getAs("mode")),
              r.getAs("district_name") == null
                  ? r.getAs("district_code")
                  : r.getAs("district_name"),
              r.getAs("school_name"),
              FindingCategory.of(r.getAs("category")),
              Severity.of(r.getAs("severity")),
              r.getAs("description"),
              date(r, "deadline"),
              FindingStatus.of(r.getAs("status")),
              r.getAs("days_overdue"),
              r.getAs("team")));
    return sorted(out);
  }

  /** Overdue first, longest delay first; then by deadline, district, school and finding. */
  static List<Entry> sorted(List<Entry> entries) {
    return entries.stream()
        .sorted(
            Comparator.comparing((Entry e) -> e.daysOverdue() == null ? 0 : -e.daysOverdue())
                .thenComparing(Entry::deadline, Comparator.nullsLast(Comparator.naturalOrder()))
                .thenComparing(e -> nz(e.districtName()))
                .thenComparing(e -> nz(e.schoolName()))
                .thenComparing(Entry::findingId))
        .toList();
  }

  private static final String[] HEADER_KEYS = {
    "ledger.col.finding",
    "ledger.col.inspection",
    "ledger.col.inspectionDate",
    "ledger.col.mode",
    "ledger.col.team",
    "ledger.col.district",
    "ledger.col.school",
    "ledger.col.category",
    "ledger.col.severity",
    "ledger.col.description",
    "ledger.col.deadline",
    "ledger.col.status",
    "ledger.col.daysOverdue",
    "ledger.col.rectified",
    "ledger.col.verifiedBy"
  };

  /** The sheet: one row per open finding, in the language of the bundle. */
  static Workbook.Sheet sheet(List<Entry> entries, ResourceBundle b) {
    boolean en = "en".equals(b.getLocale().getLanguage());
    List<List<String>> rows = new ArrayList<>();
    for (Entry e : sorted(entries))
      rows.add(
          java.util.Arrays.asList(
              e.findingId(),
              e.inspectionId(),
              String.valueOf(e.inspectionDate()),
              en ? e.mode().code() : e.mode().label(),
              nz(e.team()),
              nz(e.districtName()),
              nz(e.schoolName()),
              en ? e.category().english() : e.category().label(),
              en ? e.severity().code() : e.severity().chinese().get(0),
              nz(e.description()),
              e.deadline() == null ? "" : e.deadline().toString(),
              en ? e.status().english() : e.status().label(),
              e.daysOverdue() == null ? "" : String.valueOf(e.daysOverdue()),
              "",
              ""));
    return new Workbook.Sheet(
        b.getString("ledger.sheet"),
        java.util.Arrays.stream(HEADER_KEYS).map(b::getString).toList(),
        rows);
  }

  /** The workbook {@code rectification-<D>-<lang>.xlsx}. */
  public static void write(List<Entry> entries, String lang, OutputStream out) {
    Workbook.write(List.of(sheet(entries, BriefingRenderer.bundle(lang))), out);
  }

  private static LocalDate date(Row r, String column) {
    Date v = r.getAs(column);
    return v == null ? null : v.toLocalDate();
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
