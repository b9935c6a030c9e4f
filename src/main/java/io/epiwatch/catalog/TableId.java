package io.epiwatch.catalog;

import java.util.Locale;

/** A table's name as analysts write it: layer.name (bronze, silver, gold, ops, restricted). */
public record TableId(String layer, String name) {
  public static TableId parse(String qualified) {
    int dot = qualified.indexOf('.');
    if (dot <= 0 || dot == qualified.length() - 1) {
      throw new IllegalArgumentException(
          "table name '" + qualified + "': expected layer.name, e.g. gold.attendance");
    }
    return new TableId(
        qualified.substring(0, dot).toLowerCase(Locale.ROOT), qualified.substring(dot + 1));
  }

  public static TableId bronze(String source) {
    return new TableId("bronze", source);
  }

  public static TableId silver(String name) {
    return new TableId("silver", name);
  }

  public static TableId gold(String name) {
    return new TableId("gold", name);
  }

  public static TableId ops(String name) {
    return new TableId("ops", name);
  }

  @Override
  public String toString() {
    return layer + "." + name;
  }
}
