package dev.vidgen.core.domain;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Deep, unmodifiable copies of a job's parameters, so that a job never shares a list or a map with
 * its caller. A value may be what a request body can hold: a string (any {@link CharSequence},
 * kept as its text), a number, a boolean, an enum constant, a {@link URI}, a list (any {@link
 * Iterable} or object array) or a map (keys kept as their text), with null allowed inside lists
 * and maps; anything else is refused when the job is built.
 */
final class JsonLike {
  /** Deeper than this is not a parameter but a list or map that holds itself. */
  private static final int MAX_DEPTH = 255;

  private JsonLike() {}

  /**
   * {@code params} copied in order, every nested list and map unmodifiable; no key or value may be null.
   *
   * @throws IllegalArgumentException naming the parameter whose value (or a value inside it) JSON cannot hold
   */
  static Map<String, Object> frozen(Map<String, ?> params) {
    Map<String, Object> copy = new LinkedHashMap<>();
    params.forEach((key, value) -> {
      Objects.requireNonNull(key, "params key == null");
      copy.put(key, frozen(key, value));
    });
    return Collections.unmodifiableMap(copy);
  }

  /**
   * The value of the parameter {@code key}, copied as {@link #frozen(Map)} copies it; it must not be null.
   *
   * @throws IllegalArgumentException naming the parameter when JSON cannot hold the value or a value inside it
   */
  static Object frozen(String key, Object value) {
    Objects.requireNonNull(value, () -> "params[" + key + "] == null");
    return copy(value, "params[" + key + "]", "params[" + key + "]", 0);
  }

  /** {@code value} at {@code where} (such as {@code params[metadata][tags][0]}) inside the parameter {@code param}. */
  private static Object copy(Object value, String param, String where, int depth) {
    if (depth > MAX_DEPTH) {
      throw new IllegalArgumentException(param + " is nested more than " + MAX_DEPTH
          + " lists and maps deep; does a list or map hold itself?");
    }
    if (value == null || value instanceof String || value instanceof Boolean || value instanceof URI
        || value instanceof Enum<?>) {
      return value;
    }
    if (value instanceof CharSequence text) {
      return text.toString();
    }
    if (value instanceof Number number) {
      return number(number, where);
    }
    if (value instanceof Map<?, ?> map) {
      Map<String, Object> copy = new LinkedHashMap<>();
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        if (entry.getKey() == null) {
          throw new IllegalArgumentException(where + " has a null key; the keys of a map are its field names");
        }
        String name = entry.getKey().toString();
        if (copy.containsKey(name)) {
          throw new IllegalArgumentException(where + " has two keys spelled " + name + "; give each field once");
        }
        copy.put(name, copy(entry.getValue(), param, where + "[" + name + "]", depth + 1));
      }
      return Collections.unmodifiableMap(copy);
    }
    if (value instanceof Path) {
      throw refused(value, where, "; give the path's text (or upload the file and give its URL)");
    }
    if (value instanceof Iterable<?> || value instanceof Object[]) {
      Iterable<?> items = value instanceof Object[] array ? Arrays.asList(array) : (Iterable<?>) value;
      List<Object> copy = new ArrayList<>();
      for (Object item : items) {
        copy.add(copy(item, param, where + "[" + copy.size() + "]", depth + 1));
      }
      return Collections.unmodifiableList(copy);
    }
    throw refused(value, where, "");
  }

  /** Immutable numbers as they are; any other kind as the exact number its text spells. */
  private static Number number(Number number, String where) {
    if (number instanceof Double || number instanceof Float) {
      double given = number.doubleValue();
      if (Double.isNaN(given) || Double.isInfinite(given)) {
        throw new IllegalArgumentException(where + " is " + number + ", which JSON cannot hold; give a finite number");
      }
      return number;
    }
    if (number instanceof Integer || number instanceof Long || number instanceof Short || number instanceof Byte
        || number instanceof BigInteger || number instanceof BigDecimal) {
      return number;
    }
    // A mutable kind (AtomicLong, LongAdder, …): what it holds now.
    String text = number.toString();
    try {
      if (text.indexOf('.') < 0 && text.indexOf('e') < 0 && text.indexOf('E') < 0) {
        BigInteger whole = new BigInteger(text);
        return whole.bitLength() < 64 ? (Number) whole.longValue() : whole;
      }
      return new BigDecimal(text);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(where + " is a " + number.getClass().getName() + " whose text " + text
          + " is not a number; give an Integer, Long, Double or BigDecimal", e);
    }
  }

  private static IllegalArgumentException refused(Object value, String where, String advice) {
    return new IllegalArgumentException(where + " is a " + value.getClass().getName() + ", which JSON cannot hold;"
        + " a parameter's value may be a string, number, boolean, list or map (null inside lists and maps)" + advice);
  }
}
