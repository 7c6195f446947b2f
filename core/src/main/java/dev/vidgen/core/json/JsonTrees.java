package dev.vidgen.core.json;

import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonEncodingException;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import okio.Buffer;
import okio.BufferedSource;

/**
 * Every JSON document vidgen reads or writes without a typed adapter goes through here, on Moshi's
 * streaming reader and writer. Trees are plain Java: {@link Map} (keys in document order),
 * {@link List}, {@link String}, {@link Boolean}, {@code null} and exact numbers ({@link Long} or
 * {@link BigInteger} for whole numbers, {@link BigDecimal} otherwise), so {@code 1} stays {@code 1}
 * and {@code 0.05} stays {@code 0.05} on the way back out.
 */
public final class JsonTrees {
  private JsonTrees() {}

  /**
   * The one JSON value in {@code text}.
   *
   * @throws MalformedJsonException saying where the text stops being JSON
   */
  public static Object parse(String text) {
    if (text == null) {
      throw new MalformedJsonException("no JSON text (null)");
    }
    Buffer buffer = new Buffer().writeUtf8(text);
    long size = buffer.size();
    JsonReader reader = JsonReader.of(buffer);
    try {
      return readWhole(buffer, reader);
    } catch (MalformedJsonException e) {
      // Measured before the reader is closed: closing it empties the buffer.
      long offset = size - buffer.size();
      String said = e.getMessage();
      if (said.startsWith("Unterminated object") || said.startsWith("Unterminated array")
          || said.startsWith("Expected ':'") || said.startsWith("more than one JSON value")) {
        offset--; // Moshi has taken the character that is not what it expected (or starts a second value): point at it
      }
      int stopped = stoppedAt(text, offset);
      int control = controlOutsideStrings(text);
      if (control >= 0 && control <= stopped) {
        // An invisible byte (a NUL a tool left, say) is named as what it is, not as the value it seems to start.
        throw new MalformedJsonException(controlName(text.charAt(control)) + " at " + position(text, control)
            + ", which JSON allows nowhere outside a string: remove it");
      }
      throw new MalformedJsonException(JsonPaths.capped(SyntaxMistakes.describe(text, stopped, e.getMessage())));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      closeQuietly(reader);
    }
  }

  /**
   * The index of the character at the UTF-8 {@code offset} the reader had reached, or of the text's last character
   * that is not white space when nothing but white space is left (never past the end). The reader stops at or just
   * after the character that is not JSON.
   */
  static int stoppedAt(String text, long offset) {
    byte[] bytes = text.getBytes(java.nio.charset.StandardCharsets.UTF_8);
    String before = new String(bytes, 0, (int) Math.min(Math.max(offset, 0), bytes.length),
        java.nio.charset.StandardCharsets.UTF_8);
    int at = before.length();
    if (text.substring(Math.min(at, text.length())).isBlank()) {
      // At the end (or only white space left): point at the last character that is not white space.
      at = text.length() - 1;
      while (at > 0 && Character.isWhitespace(text.charAt(at))) {
        at--;
      }
      at = Math.max(at, 0);
    }
    return at;
  }

  /** An invisible mark some editors write at the start of a file (twice, when files are joined), which JSON takes nowhere. */
  private static final char BYTE_ORDER_MARK = '\uFEFF';

  /**
   * The index of the first control character or byte-order mark of {@code text} outside its strings (white space
   * aside), which no JSON text holds; -1 when there is none.
   */
  static int controlOutsideStrings(String text) {
    boolean inString = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (inString) {
        if (c == '\\') {
          i++;
        } else if (c == '"') {
          inString = false;
        }
      } else if (c == '"') {
        inString = true;
      } else if ((c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7F || c == BYTE_ORDER_MARK) {
        return i;
      }
    }
    return -1;
  }

  /** What the control character {@code c} is called: "a NUL byte", "a byte-order mark (U+FEFF)" or "a control byte (0x1B)". */
  private static String controlName(char c) {
    return c == 0 ? "a NUL byte" : c == BYTE_ORDER_MARK ? "a byte-order mark (U+FEFF)"
        : String.format(Locale.ROOT, "a control byte (0x%02X)", (int) c);
  }

  /** {@code line L, column C} of the character at index {@code at} of {@code text}, or {@code column C} for one line. */
  static String position(String text, int at) {
    String upTo = text.substring(0, Math.min(at, text.length()));
    int line = 1 + (int) upTo.chars().filter(c -> c == '\n').count();
    int column = upTo.codePointCount(upTo.lastIndexOf('\n') + 1, upTo.length()) + 1;
    return text.stripTrailing().indexOf('\n') < 0 ? "column " + column : "line " + line + ", column " + column;
  }

  /** The one JSON value that {@code source} holds; the source is read to its end, not closed. */
  public static Object parse(BufferedSource source) {
    try (JsonReader reader = JsonReader.of(source)) {
      return readWhole(source, reader);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The one value of {@code reader} and nothing after it but white space; Moshi's complaints as {@link MalformedJsonException}. */
  private static Object readWhole(BufferedSource source, JsonReader reader) throws IOException {
    try {
      Object value = read(reader);
      if (!source.exhausted() && hasMore(source)) {
        throw new MalformedJsonException("more than one JSON value at " + reader.getPath());
      }
      return value;
    } catch (JsonEncodingException | JsonDataException e) {
      throw new MalformedJsonException(
          String.valueOf(e.getMessage()).replace("Use JsonReader.setLenient(true) to accept malformed JSON", "malformed JSON"));
    } catch (java.io.EOFException e) {
      throw new MalformedJsonException("the JSON text ends too early");
    }
  }

  private static void closeQuietly(JsonReader reader) {
    try {
      reader.close();
    } catch (IOException ignored) {
      // A reader over a buffer has nothing to release.
    }
  }

  private static boolean hasMore(BufferedSource source) throws IOException {
    while (!source.exhausted()) {
      byte next = source.readByte();
      if (next != ' ' && next != '\n' && next != '\r' && next != '\t') {
        return true;
      }
    }
    return false;
  }

  /** The JSON value in {@code text}, or empty when it is blank or not one JSON value. */
  public static Optional<Object> tryParse(String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.ofNullable(parse(text));
    } catch (MalformedJsonException e) {
      return Optional.empty();
    }
  }

  /** The JSON object in {@code text}, or empty when it is not one. */
  @SuppressWarnings("unchecked")
  public static Optional<Map<String, Object>> tryParseObject(String text) {
    return tryParse(text).filter(Map.class::isInstance).map(value -> (Map<String, Object>) value);
  }

  /** Reads the next value of {@code reader} as a tree; numbers stay exact. */
  public static Object read(JsonReader reader) throws IOException {
    switch (reader.peek()) {
      case BEGIN_OBJECT -> {
        Map<String, Object> object = new LinkedHashMap<>();
        reader.beginObject();
        while (reader.hasNext()) {
          String name = reader.nextName();
          if (object.containsKey(name)) {
            throw new MalformedJsonException("the key " + name + " appears twice at " + reader.getPath());
          }
          object.put(name, read(reader));
        }
        reader.endObject();
        return Collections.unmodifiableMap(object);
      }
      case BEGIN_ARRAY -> {
        List<Object> array = new ArrayList<>();
        reader.beginArray();
        while (reader.hasNext()) {
          array.add(read(reader));
        }
        reader.endArray();
        return Collections.unmodifiableList(array);
      }
      case STRING -> {
        return reader.nextString();
      }
      case NUMBER -> {
        return exactNumber(reader.nextString());
      }
      case BOOLEAN -> {
        return reader.nextBoolean();
      }
      case NULL -> {
        return reader.nextNull();
      }
      default -> throw new MalformedJsonException("expected a JSON value at " + reader.getPath());
    }
  }

  /** {@code value} (a tree as {@link #parse} returns, with any {@link Number}) as compact JSON. */
  public static String write(Object value) {
    Buffer buffer = new Buffer();
    try (JsonWriter writer = JsonWriter.of(buffer)) {
      writer.setSerializeNulls(true);
      write(writer, value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return buffer.readUtf8();
  }

  /**
   * {@code value} as compact JSON, written to {@code out} as it is made rather than held whole first (a
   * batch's JSON of 200,000 jobs is tens of megabytes); {@code out} is flushed and left open.
   *
   * @throws IllegalArgumentException naming the path of a value of a type JSON has not, after what
   *     came before it was written
   */
  public static void write(Object value, java.io.Writer out) throws IOException {
    try (JsonWriter writer = JsonWriter.of(okio.Okio.buffer(new CharsSink(out)))) {
      writer.setSerializeNulls(true);
      write(writer, value);
    }
  }

  /**
   * Writes {@code value} to {@code writer}. Maps, iterables, arrays of objects, strings, numbers,
   * booleans, enums (by name) and null are written; anything else is refused.
   *
   * @throws IllegalArgumentException naming the path of a value of another type
   */
  public static void write(JsonWriter writer, Object value) throws IOException {
    if (value == null) {
      writer.nullValue();
    } else if (value instanceof Map<?, ?> map) {
      writer.beginObject();
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        writer.name(String.valueOf(entry.getKey()));
        write(writer, entry.getValue());
      }
      writer.endObject();
    } else if (value instanceof Iterable<?> items) {
      writer.beginArray();
      for (Object item : items) {
        write(writer, item);
      }
      writer.endArray();
    } else if (value instanceof Object[] items) {
      write(writer, List.of(items));
    } else if (value instanceof String text) {
      writer.value(text);
    } else if (value instanceof Boolean flag) {
      writer.value(flag);
    } else if (value instanceof BigDecimal decimal) {
      // Plain notation, as given: 20 (never 2E+1), 0.0000001 (never 1E-7), 1.50 stays 1.50.
      writer.value(new Buffer().writeUtf8(decimal.toPlainString()));
    } else if (value instanceof Double || value instanceof Float) {
      writer.value(plain(((Number) value).doubleValue()));
    } else if (value instanceof Number number) {
      writer.value(number);
    } else if (value instanceof Enum<?> constant) {
      writer.value(constant.name());
    } else if (value instanceof CharSequence || value instanceof java.net.URI) {
      writer.value(value.toString());
    } else {
      throw new IllegalArgumentException(
          "cannot write a " + value.getClass().getName() + " as JSON at " + writer.getPath()
              + "; JSON values may be strings, numbers, booleans, lists or maps");
    }
  }

  /** The number a JSON number literal spells, exactly. */
  static Number exactNumber(String literal) {
    boolean whole = literal.indexOf('.') < 0 && literal.indexOf('e') < 0 && literal.indexOf('E') < 0;
    if (whole) {
      BigInteger integer = new BigInteger(literal);
      return integer.bitLength() < 64 ? (Number) integer.longValue() : integer;
    }
    return new BigDecimal(literal);
  }

  private static Number plain(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value)) {
      throw new IllegalArgumentException("JSON has no " + value);
    }
    BigDecimal decimal = BigDecimal.valueOf(value);
    return decimal.scale() <= 0 || decimal.stripTrailingZeros().scale() <= 0
        ? decimal.toBigInteger()
        : decimal;
  }
}
