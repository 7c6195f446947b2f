package dev.vidgen.cli;

import dev.vidgen.core.json.JsonTrees;
import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * Reads a {@code --param} value the way JSON would: {@code 42} is a number, {@code true} a
 * boolean, {@code {"a":1}} and {@code [1,2]} are JSON, {@code "42"} (quoted) and anything else a
 * string. Numbers stay exact: {@code 1} stays {@code 1} and {@code 0.05} stays {@code 0.05}.
 */
final class ParamValues {
  private static final Pattern INTEGER = Pattern.compile("-?(0|[1-9]\\d{0,17})");
  private static final Pattern DECIMAL = Pattern.compile("-?(0|[1-9]\\d*)(\\.\\d+)?([eE][+-]?\\d+)?");

  private ParamValues() {}

  static Object read(String text) {
    String value = text.strip();
    if (value.equals("true") || value.equals("false")) {
      return Boolean.valueOf(value);
    }
    if (INTEGER.matcher(value).matches()) {
      return Long.valueOf(value);
    }
    if (DECIMAL.matcher(value).matches()) {
      return new BigDecimal(value);
    }
    if (value.startsWith("{") || value.startsWith("[") || value.startsWith("\"")) {
      return JsonTrees.tryParse(value).orElse(text);
    }
    return text;
  }
}
