package io.epiwatch.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Equality assertions for DataFrames that report the differing rows: compares rows as multisets
 * (order ignored) over the given columns; doubles within 1e-9.
 */
public final class DatasetAssert {
  private DatasetAssert() {}

  /** A literal row for expected tables: {@code row("4401", 3, 0.5)}. */
  public static Row row(Object... values) {
    return RowFactory.create(values);
  }

  /** Asserts that the selected columns of {@code actual} hold exactly the expected rows. */
  public static void assertRows(Dataset<Row> actual, String[] columns, Row... expected) {
    List<Row> got = actual.selectExpr(columns).collectAsList();
    assertRows(got, columns, Arrays.asList(expected));
  }

  public static void assertRows(List<Row> got, String[] columns, List<Row> expected) {
    List<List<Object>> missing = new ArrayList<>();
    List<List<Object>> unexpected =
        got.stream().map(DatasetAssert::values).collect(Collectors.toList());
    for (Row e : expected) {
      List<Object> ev = values(e);
      int idx = indexOf(unexpected, ev);
      if (idx >= 0) unexpected.remove(idx);
      else missing.add(ev);
    }
    if (!missing.isEmpty() || !unexpected.isEmpty()) {
      StringBuilder b =
          new StringBuilder("rows differ on columns ")
              .append(Arrays.toString(columns))
              .append('\n');
      missing.forEach(r -> b.append("  missing:    ").append(r).append('\n'));
      unexpected.forEach(r -> b.append("  unexpected: ").append(r).append('\n'));
      fail(b.toString());
    }
  }

  /** Asserts two frames hold the same rows (same columns, order of rows ignored). */
  public static void assertSameRows(Dataset<Row> expected, Dataset<Row> actual) {
    String[] cols = expected.columns();
    assertRows(actual.selectExpr(cols).collectAsList(), cols, expected.collectAsList());
  }

  private static int indexOf(List<List<Object>> rows, List<Object> wanted) {
    for (int i = 0; i < rows.size(); i++) {
      if (sameValues(rows.get(i), wanted)) return i;
    }
    return -1;
  }

  private static boolean sameValues(List<Object> a, List<Object> b) {
    if (a.size() != b.size()) return false;
    for (int i = 0; i < a.size(); i++) {
      Object x = a.get(i);
      Object y = b.get(i);
      if (x instanceof Number nx && y instanceof Number ny && (isFloating(nx) || isFloating(ny))) {
        if (Math.abs(nx.doubleValue() - ny.doubleValue()) > 1e-9) return false;
      } else if (x instanceof Number nx && y instanceof Number ny) {
        if (nx.longValue() != ny.longValue()) return false;
      } else if (!Objects.equals(x, y)) {
        return false;
      }
    }
    return true;
  }

  private static boolean isFloating(Number n) {
    return n instanceof Double || n instanceof Float || n instanceof BigDecimal;
  }

  private static List<Object> values(Row r) {
    List<Object> v = new ArrayList<>(r.size());
    for (int i = 0; i < r.size(); i++) {
      Object o = r.get(i);
      if (o instanceof scala.collection.Seq<?> s)
        o = scala.jdk.javaapi.CollectionConverters.asJava(s);
      v.add(o);
    }
    return v;
  }
}
