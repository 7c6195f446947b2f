package dev.vidgen.cli;

import dev.vidgen.core.json.JsonTrees;
import dev.vidgen.core.json.LooksLikeJson;
import java.math.BigDecimal;
import java.util.regex.Pattern;

/**
 * Reads a {@code --param} value the way JSON would: {@code 42} is a number, {@code true} a
 * boolean, {@code {"a":1}} and {@code [1,2]} are JSON, {@code "42"} (quoted) and anything else a
 * string. Numbers stay exact: {@code 1} stays {@code 1} and {@code 0.05} stays {@code 0.05}. A value
 * that starts with {@code {} or {@code [} but is not JSON is refused, not sent as a string.
 */
final class ParamValues {
  private static final Pattern INTEGER = Pattern.compile("-?(0|[1-9]\\d{0,17})");
  private static final Pattern DECIMAL = Pattern.compile("-?(0|[1-9]\\d*)(\\.\\d+)?([eE][+-]?\\d+)?");

  private ParamValues() {}

  /**
   * The value of {@code --param key=text}.
   *
   * @throws CliException (exit 2) when {@code text} starts with {@code {} or {@code [} but is not JSON
   */
  static Object read(String key, String text) {
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
    if (value.startsWith("{") || value.startsWith("[")) {
      // Sent as a string, it would be paid for and then ignored or refused by the provider.
      String why = LooksLikeJson.whyNot(value).orElse(null);
      if (why != null) {
        throw CliException.usage("--param " + key + ": " + value + " starts with " + value.charAt(0)
            + " as JSON does, but is not JSON: " + why, quotingAdvice(key, value));
      }
      return JsonTrees.parse(value);
    }
    if (value.startsWith("\"")) {
      return JsonTrees.tryParse(value).orElse(text);
    }
    return text;
  }

  /**
   * How to give {@code value} so that the shell keeps its double quotes, or as a text if one was meant: an example
   * built from what is wrong (its bare words quoted, else a JSON value of its kind), never the refused argument itself.
   */
  private static String quotingAdvice(String key, String value) {
    String json = LooksLikeJson.quoted(value).orElse(null);
    String asText = "a text that starts with " + value.charAt(0) + " goes in JSON quotes: --param "
        + shellQuoted(key + "=" + JsonTrees.write(value));
    if (json != null) {
      return "the shell removes double quotes that are not quoted themselves: quote the whole argument, such as"
          + " --param " + shellQuoted(key + "=" + json) + "; " + asText;
    }
    String example = value.charAt(0) == '[' ? "[\"text\",2]" : "{\"name\":\"text\",\"count\":2}";
    return "write it as JSON and quote the whole argument (the shell removes double quotes that are not quoted"
        + " themselves), such as --param " + shellQuoted(key + "=" + example)
        + ", with JSON's double quotes around each key and text; " + asText;
  }

  /** {@code text} as one shell word in single quotes; a single quote in it is closed, escaped and opened again. */
  private static String shellQuoted(String text) {
    return "'" + text.replace("'", "'\\''") + "'";
  }
}
