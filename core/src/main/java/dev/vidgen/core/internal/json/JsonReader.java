package dev.vidgen.core.internal.json;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A strict reader of RFC 8259 JSON: no comments, trailing commas, single quotes, leading zeros or
 * repeated field names. Every error names where it was found.
 */
final class JsonReader {
  /** Deep enough for any real document, shallow enough that reading never overflows the stack. */
  static final int MAX_DEPTH = 500;

  private final String text;
  private int pos;
  private int depth;

  private JsonReader(String text) {
    this.text = text;
  }

  static Object read(String text) {
    if (text == null) {
      throw new IllegalArgumentException("not valid JSON: there is no text (null)");
    }
    JsonReader reader = new JsonReader(text);
    reader.skipSpace();
    Object value = reader.value();
    reader.skipSpace();
    if (reader.pos < text.length()) {
      throw reader.error("unexpected text after the JSON value");
    }
    return value;
  }

  private Object value() {
    if (pos >= text.length()) {
      throw error("the text ends where a value should be");
    }
    char c = text.charAt(pos);
    return switch (c) {
      case '{' -> object();
      case '[' -> array();
      case '"' -> string();
      case 't' -> literal("true", Boolean.TRUE);
      case 'f' -> literal("false", Boolean.FALSE);
      case 'n' -> literal("null", null);
      default -> {
        if (c == '-' || isDigit(c)) {
          yield number();
        }
        throw error("unexpected character " + describe(c)
            + "; a value is an object {…}, an array […], a \"string\", a number, true, false or null");
      }
    };
  }

  private Map<String, Object> object() {
    Map<String, Object> map = new LinkedHashMap<>();
    if (openIsEmpty('}')) {
      return map;
    }
    do {
      skipSpace();
      if (!peek('"')) {
        throw error("expected a field name in double quotes");
      }
      int nameAt = pos;
      String name = string();
      if (map.containsKey(name)) {
        pos = nameAt;
        throw error("field \"" + name + "\" appears twice");
      }
      skipSpace();
      expect(':');
      skipSpace();
      map.put(name, value());
    } while (another('}'));
    return map;
  }

  private List<Object> array() {
    List<Object> list = new ArrayList<>();
    if (openIsEmpty(']')) {
      return list;
    }
    do {
      skipSpace();
      list.add(value());
    } while (another(']'));
    return list;
  }

  /** After a member: true past a comma, false past the closing {@code close}. */
  private boolean another(char close) {
    skipSpace();
    if (peek(',')) {
      pos++;
      return true;
    }
    expect(close, "',' or '" + close + "'");
    depth--;
    return false;
  }

  /** Steps past an opening bracket; true when {@code close} follows at once (and is stepped past). */
  private boolean openIsEmpty(char close) {
    if (++depth > MAX_DEPTH) {
      throw error("objects and arrays are nested deeper than " + MAX_DEPTH + " levels");
    }
    pos++;
    skipSpace();
    if (peek(close)) {
      pos++;
      depth--;
      return true;
    }
    return false;
  }

  private String string() {
    pos++;
    StringBuilder out = new StringBuilder();
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c == '"') {
        pos++;
        return out.toString();
      }
      if (c == '\\') {
        escape(out);
      } else if (c < 0x20) {
        throw error("control character " + describe(c) + " in a string; write it as an escape such as \\n or \\u001f");
      } else {
        out.append(c);
        pos++;
      }
    }
    throw error("a string is not closed");
  }

  private void escape(StringBuilder out) {
    pos++;
    if (pos >= text.length()) {
      throw error("a string is not closed");
    }
    char e = text.charAt(pos);
    switch (e) {
      case '"', '\\', '/' -> out.append(e);
      case 'b' -> out.append('\b');
      case 'f' -> out.append('\f');
      case 'n' -> out.append('\n');
      case 'r' -> out.append('\r');
      case 't' -> out.append('\t');
      case 'u' -> {
        int code = 0;
        for (int i = 1; i <= 4; i++) {
          int digit = pos + i < text.length() ? hexValue(text.charAt(pos + i)) : -1;
          if (digit < 0) {
            pos--;
            throw error("bad \\u escape; write \\u and four hex digits such as \\u00e9");
          }
          code = code * 16 + digit;
        }
        out.append((char) code);
        pos += 4;
      }
      default -> {
        pos--;
        throw error("bad escape \\" + e + "; allowed are \\\" \\\\ \\/ \\b \\f \\n \\r \\t and \\uXXXX");
      }
    }
    pos++;
  }

  private Object number() {
    int start = pos;
    boolean whole = true;
    if (peek('-')) {
      pos++;
    }
    if (peek('0')) {
      pos++;
      if (pos < text.length() && isDigit(text.charAt(pos))) {
        throw error("a number may not have a leading zero");
      }
    } else {
      digits("a digit");
    }
    if (peek('.')) {
      whole = false;
      pos++;
      digits("a digit after the decimal point");
    }
    if (peek('e') || peek('E')) {
      whole = false;
      pos++;
      if (peek('+') || peek('-')) {
        pos++;
      }
      digits("a digit in the exponent");
    }
    String spelled = text.substring(start, pos);
    if (whole) {
      try {
        return Long.parseLong(spelled);
      } catch (NumberFormatException beyondLong) {
        return new BigDecimal(spelled);
      }
    }
    try {
      return new BigDecimal(spelled);
    } catch (NumberFormatException | ArithmeticException e) {
      pos = start;
      throw error("the number " + spelled + " is out of range");
    }
  }

  private void digits(String what) {
    if (pos >= text.length() || !isDigit(text.charAt(pos))) {
      throw error("expected " + what + (pos < text.length() ? ", not " + describe(text.charAt(pos)) : ""));
    }
    while (pos < text.length() && isDigit(text.charAt(pos))) {
      pos++;
    }
  }

  private Object literal(String word, Object value) {
    if (!text.startsWith(word, pos)) {
      throw error("unexpected word; did you mean " + word + "? (true, false and null are lower case)");
    }
    pos += word.length();
    return value;
  }

  private void expect(char c) {
    expect(c, "'" + c + "'");
  }

  private void expect(char c, String what) {
    if (!peek(c)) {
      throw error("expected " + what + (pos < text.length() ? ", not " + describe(text.charAt(pos)) : ""));
    }
    pos++;
  }

  private boolean peek(char c) {
    return pos < text.length() && text.charAt(pos) == c;
  }

  private void skipSpace() {
    while (pos < text.length()) {
      char c = text.charAt(pos);
      if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
        return;
      }
      pos++;
    }
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static int hexValue(char c) {
    if (c >= '0' && c <= '9') {
      return c - '0';
    }
    if (c >= 'a' && c <= 'f') {
      return c - 'a' + 10;
    }
    if (c >= 'A' && c <= 'F') {
      return c - 'A' + 10;
    }
    return -1;
  }

  private static String describe(char c) {
    return c < 0x20 || c == 0x7f || Character.isWhitespace(c) || Character.isSpaceChar(c) || Character.isSurrogate(c)
        ? String.format("U+%04X", (int) c) : "'" + c + "'";
  }

  private IllegalArgumentException error(String message) {
    int line = 1;
    int lineStart = 0;
    for (int i = 0; i < pos && i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        line++;
        lineStart = i + 1;
      }
    }
    int column = pos - lineStart + 1;
    String where = line == 1 && text.indexOf('\n') < 0 ? "column " + column : "line " + line + ", column " + column;
    return new IllegalArgumentException("not valid JSON at " + where + ": " + message);
  }
}
