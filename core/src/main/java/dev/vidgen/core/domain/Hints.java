package dev.vidgen.core.domain;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Deep, unmodifiable copies of provider hints, so that a route stays immutable. */
final class Hints {
  private Hints() {}

  static Map<String, Object> freeze(Map<String, ?> hints) {
    if (hints == null || hints.isEmpty()) {
      return Map.of();
    }
    Map<String, Object> copy = new LinkedHashMap<>();
    hints.forEach((key, value) -> copy.put(Objects.requireNonNull(key, "hint key == null"), copy(value)));
    return Collections.unmodifiableMap(copy);
  }

  private static Object copy(Object value) {
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      map.forEach((key, item) -> copy.put(String.valueOf(key), copy(item)));
      return Collections.unmodifiableMap(copy);
    }
    if (value instanceof List<?> list) {
      List<Object> copy = new ArrayList<>();
      list.forEach(item -> copy.add(copy(item)));
      return Collections.unmodifiableList(copy);
    }
    return value;
  }
}
