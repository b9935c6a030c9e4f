package io.epiwatch.contract;

import java.util.List;

/**
 * One column of a source: English name, Chinese aliases, type, whether required, vocabulary (CODE,
 * CODE_LIST), default for an empty cell, and whether a date after the run date is a FUTURE_DATE
 * (docs/rules.md §7: event dates only, never expected_return/valid_until/effective_*).
 */
public record ColumnSpec(
    String name,
    List<String> aliases,
    ColumnType type,
    boolean required,
    Vocabulary vocabulary,
    String defaultValue,
    boolean eventDate)
    implements java.io.Serializable {

  /** True for the columns that hold personal identity and never leave restricted storage. */
  public boolean personal() {
    return type == ColumnType.ID_NUMBER || name.equals("name");
  }

  /** The header spellings accepted for this column (name first). */
  public List<String> headers() {
    java.util.List<String> h = new java.util.ArrayList<>();
    h.add(name);
    h.addAll(aliases);
    return h;
  }
}
