package dev.vidgen.core.catalog;

import dev.vidgen.core.domain.RouteSpelling;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * One value of a route file with its JSON path, so that every problem names the file, the path
 * ({@code routes[0].seconds.default}), what was wrong and what is allowed.
 */
final class Node {
  private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z0-9_-]+");
  private static final Pattern DECIMAL = Pattern.compile("-?\\d+(\\.\\d+)?");

  private final String file;
  private final String path;
  private final Object value;

  Node(String file, String path, Object value) {
    this.file = file;
    this.path = path;
    this.value = value;
  }

  String path() {
    return path;
  }

  String file() {
    return file;
  }

  Object raw() {
    return value;
  }

  /** A problem at this node. */
  RouteFileException fail(String problem) {
    return new RouteFileException(file, path, problem);
  }

  /** The child at {@code key} of this object node (its value may be null when absent). */
  Node at(String key) {
    Object child = value instanceof Map<?, ?> map ? map.get(key) : null;
    String childPath = PLAIN_KEY.matcher(key).matches()
        ? (path.isEmpty() ? key : path + "." + key)
        : path + "[" + quote(key) + "]";
    return new Node(file, childPath, child);
  }

  boolean has(String key) {
    return value instanceof Map<?, ?> map && map.containsKey(key);
  }

  boolean isNull() {
    return value == null;
  }

  /** The keys of this object, each checked against {@code allowed}. */
  List<String> keys(String what, Set<String> allowed) {
    List<RouteFileException> unknown = unknownKeys(what, allowed);
    if (!unknown.isEmpty()) {
      throw unknown.get(0);
    }
    return List.copyOf(object(what).keySet());
  }

  /** A problem for each key of this object that is not in {@code allowed}, in document order; none thrown. */
  List<RouteFileException> unknownKeys(String what, Set<String> allowed) {
    List<RouteFileException> unknown = new ArrayList<>();
    for (String key : object(what).keySet()) {
      if (!allowed.contains(key)) {
        unknown.add(at(key).fail("unknown key " + quote(key) + " in " + what + "; allowed: "
            + String.join(", ", allowed)));
      }
    }
    return unknown;
  }

  /** This node as an object. */
  @SuppressWarnings("unchecked")
  Map<String, Object> object(String what) {
    if (value instanceof Map<?, ?> map) {
      return (Map<String, Object>) map;
    }
    throw fail("expected " + what + " (a JSON object), got " + describe(value));
  }

  /** The object's entries as child nodes, in document order. */
  Map<String, Node> entries(String what) {
    Map<String, Node> children = new LinkedHashMap<>();
    object(what).keySet().forEach(key -> children.put(key, at(key)));
    return children;
  }

  /** This node as an array of nodes. */
  List<Node> list(String what) {
    if (!(value instanceof List<?> items)) {
      throw fail("expected " + what + " (a JSON array), got " + describe(value));
    }
    List<Node> nodes = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      nodes.add(new Node(file, path + "[" + i + "]", items.get(i)));
    }
    return nodes;
  }

  /** A required child. */
  Node require(String key, String what) {
    if (!has(key)) {
      throw fail(MISSING + quote(key) + ": " + what);
    }
    return at(key);
  }

  /** Whether {@code problem} is only that this object lacks a required key ({@link #require}). */
  boolean lacks(RouteFileException problem) {
    return problem.jsonPath().equals(path) && problem.problem().startsWith(MISSING);
  }

  private static final String MISSING = "missing ";

  String text(String what) {
    if (value instanceof String text && !text.isBlank()) {
      return text;
    }
    throw fail("expected " + what + " (a non-blank string), got " + describe(value));
  }

  boolean flag(String what) {
    if (value instanceof Boolean flag) {
      return flag;
    }
    throw fail("expected " + what + " (true or false), got " + describe(value));
  }

  /**
   * A whole number from {@code min} up; a number with a zero fraction ({@code 5.0}, {@code 5e0}) is that
   * whole number, as JSON Schema counts it.
   */
  int integer(String what, int min) {
    BigInteger number = null;
    if (value instanceof Long || value instanceof BigInteger) {
      number = new BigInteger(value.toString());
    } else if (value instanceof BigDecimal decimal) {
      if (decimal.signum() != 0 && decimal.stripTrailingZeros().scale() > 0) {
        throw fail("expected " + what + " (a whole number of " + min + " or more), got " + decimal.toPlainString()
            + ", which has a fraction");
      }
      if (decimal.abs().compareTo(BigDecimal.valueOf(Integer.MAX_VALUE)) > 0) {
        throw fail(what + " is too large: " + decimal);
      }
      number = decimal.toBigIntegerExact();
    }
    if (number == null) {
      throw fail("expected " + what + " (a whole number of " + min + " or more), got " + describe(value));
    }
    if (number.compareTo(BigInteger.valueOf(min)) < 0) {
      throw fail(what + " must be " + min + " or more, got " + number);
    }
    if (number.bitLength() >= 32) {
      throw fail(what + " is too large: " + number);
    }
    return number.intValue();
  }

  /**
   * A model name (a route id or alias): a non-blank string without whitespace or control characters, the
   * same rule as the schema's pattern and {@link RouteSpelling#nameProblem}.
   */
  String name(String what) {
    String text = text(what);
    RouteSpelling.nameProblem(what, text).ifPresent(problem -> {
      throw fail(problem);
    });
    return text;
  }

  /** A price in US dollars: a decimal string such as "0.05" (or a JSON number), 0 or more. */
  BigDecimal usd(String what) {
    BigDecimal usd;
    if (value instanceof String text && DECIMAL.matcher(text.strip()).matches()) {
      // As the schema has it: digits only, so that a file the schema passes is the file vidgen reads.
      if (!text.equals(text.strip())) {
        throw fail("price \"" + text + "\" has spaces around it; write it as \"" + text.strip() + "\"");
      }
      if (text.startsWith("-")) {
        throw fail("negative price " + text + "; a price is 0 or more US dollars, written without a sign");
      }
      usd = new BigDecimal(text);
    } else if (value instanceof Long || value instanceof BigInteger || value instanceof BigDecimal) {
      usd = new BigDecimal(value.toString());
    } else {
      throw fail("expected " + what + " (a decimal in US dollars such as \"0.05\"), got " + describe(value));
    }
    if (usd.signum() < 0) {
      throw fail("negative price " + usd.toPlainString() + "; a price is 0 or more US dollars, written without a sign");
    }
    // A string and a JSON number go through the same bounds: 1e400 or 1e-400 would be read exactly as written.
    String shown = usd.precision() > 30 || Math.abs(usd.scale()) > 30 ? usd.toString() : usd.toPlainString();
    if (usd.compareTo(MAX_USD) >= 0) {
      throw fail("price " + shown + " US dollars is too large: a price is less than 1000000 US dollars");
    }
    if (usd.stripTrailingZeros().scale() > MAX_USD_DECIMALS) {
      throw fail("price " + shown + " has more than " + MAX_USD_DECIMALS + " decimal places; a price is written to "
          + MAX_USD_DECIMALS + " places at most: the smallest, 0.000000000001 US dollars, is 0.0000000002 credits (200"
          + " credits per US dollar), far below any real price");
    }
    return usd;
  }

  private static final BigDecimal MAX_USD = BigDecimal.valueOf(1_000_000);
  private static final int MAX_USD_DECIMALS = 12;

  /** Non-blank strings, each once. */
  List<String> texts(String what) {
    List<String> texts = new ArrayList<>();
    for (Node item : list(what)) {
      String text = item.text("an entry of " + what);
      if (texts.stream().anyMatch(text::equalsIgnoreCase)) {
        throw item.fail(quote(text) + " is listed twice in " + what);
      }
      texts.add(text);
    }
    return texts;
  }

  static String quote(String text) {
    return RouteSpelling.quote(text);
  }

  static String describe(Object value) {
    if (value == null) {
      return "null";
    }
    if (value instanceof String text) {
      return "the string " + quote(text);
    }
    if (value instanceof Map<?, ?>) {
      return "an object";
    }
    if (value instanceof List<?>) {
      return "an array";
    }
    if (value instanceof Boolean) {
      return value.toString();
    }
    return "the number " + value;
  }
}
