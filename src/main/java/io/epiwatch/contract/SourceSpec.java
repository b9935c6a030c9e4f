package io.epiwatch.contract;

import java.util.List;
import java.util.Optional;

/**
 * One inbox source declared as data (docs/rules.md §2): its columns, natural key, the column that
 * orders resubmissions (submitted_at; null = later file wins), whether files are full snapshots,
 * and its cross-column rules. Readers, validators, bronze schemas and MERGE conditions derive from
 * it.
 */
public record SourceSpec(
    String name,
    String chineseName,
    List<ColumnSpec> columns,
    List<String> naturalKey,
    String orderingColumn,
    boolean snapshot,
    List<RowRule> rowRules)
    implements java.io.Serializable {

  public Optional<ColumnSpec> column(String name) {
    return columns.stream().filter(c -> c.name().equals(name)).findFirst();
  }

  public List<ColumnSpec> required() {
    return columns.stream().filter(ColumnSpec::required).toList();
  }

  /** The column for a header cell (English name or Chinese alias, surrounding spaces ignored). */
  public Optional<ColumnSpec> forHeader(String header) {
    String h = header == null ? "" : header.strip().replace("\uFEFF", "");
    return columns.stream()
        .filter(c -> c.headers().stream().anyMatch(x -> x.equalsIgnoreCase(h)))
        .findFirst();
  }
}
