package dev.vidgen.core.internal.json;

/**
 * Reads and writes JSON as plain Java values: objects are {@link java.util.LinkedHashMap}s in text
 * order, arrays {@link java.util.ArrayList}s, integers {@link Long} (or {@link java.math.BigDecimal}
 * past its range), other numbers {@link java.math.BigDecimal}, and JSON {@code null} is Java null.
 */
public final class Json {
  private Json() {}

  /**
   * The one JSON value that fills {@code text} (white space around it allowed).
   *
   * @throws IllegalArgumentException when {@code text} is not strict JSON; the message starts with
   *     {@code "not valid JSON at column N: "} (or {@code "at line L, column C: "} for text of many lines)
   */
  public static Object parse(String text) {
    return JsonReader.read(text);
  }

  /**
   * {@code value} as compact JSON: maps (keys via {@code String.valueOf}, in iteration order),
   * iterables, numbers, booleans, null, and anything else as the string of its {@code toString()}.
   *
   * @throws IllegalArgumentException for a NaN or infinite number, which JSON cannot spell
   */
  public static String write(Object value) {
    StringBuilder out = new StringBuilder();
    JsonWriter.write(value, out);
    return out.toString();
  }
}
