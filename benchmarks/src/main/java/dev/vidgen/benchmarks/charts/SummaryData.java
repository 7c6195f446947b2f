package dev.vidgen.benchmarks.charts;

import java.util.List;
import java.util.Map;

/** Reads the parts of a {@code summary.json} tree that the charts draw. */
final class SummaryData {
  private SummaryData() {}

  /** The rows (objects) of the list at {@code path} under {@code details}; empty when it is not there. */
  static List<Map<String, Object>> rows(Map<String, Object> summary, String... path) {
    Object value = summary.get("details");
    for (String step : path) {
      value = value instanceof Map<?, ?> map ? map.get(step) : null;
    }
    if (!(value instanceof List<?> list)) {
      return List.of();
    }
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> rows = list.stream().filter(Map.class::isInstance).map(row -> (Map<String, Object>) row)
        .toList();
    return rows;
  }

  /** The numbers under {@code key} of every row (NaN where one is missing). */
  static double[] column(List<Map<String, Object>> rows, String key) {
    return rows.stream().mapToDouble(row -> number(row, key)).toArray();
  }

  /** The number under {@code key}, NaN when there is none. */
  static double number(Map<String, Object> row, String key) {
    return row.get(key) instanceof Number number ? number.doubleValue() : Double.NaN;
  }
}
