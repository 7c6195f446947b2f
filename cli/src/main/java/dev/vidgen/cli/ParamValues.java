package dev.vidgen.cli;

import com.squareup.moshi.JsonReader;
import java.io.IOException;
import java.util.regex.Pattern;
import okio.Buffer;

/**
 * Reads a {@code --param} value the way JSON would: {@code 42} is a number, {@code true} a
 * boolean, {@code {"a":1}} and {@code [1,2]} are JSON, {@code "42"} (quoted) and anything else a
 * string.
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
      return Double.valueOf(value);
    }
    if ((value.startsWith("{") || value.startsWith("[") || value.startsWith("\"")) && Json.isJson(value)) {
      try (JsonReader reader = JsonReader.of(new Buffer().writeUtf8(value))) {
        Object parsed = reader.readJsonValue();
        if (parsed != null) {
          return parsed;
        }
      } catch (IOException | RuntimeException e) {
        return text;
      }
    }
    return text;
  }
}
