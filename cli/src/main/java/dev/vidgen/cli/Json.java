package dev.vidgen.cli;

import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.Map;
import java.util.Objects;
import okio.Buffer;

/**
 * Writes the one JSON object a {@code --json} command prints, on one line. Values may be maps
 * (keys in insertion order), iterables, strings, numbers, booleans, null and {@link Raw} text
 * that is already JSON. Decimals are written in plain notation ({@code 20}, never {@code 2E+1}).
 */
final class Json {
  private Json() {}

  /** JSON text that is written as it is, such as a request body. */
  record Raw(String json) {
    Raw {
      Objects.requireNonNull(json, "json == null");
    }
  }

  /** {@code text} as a {@link Raw} value when it is one well-formed JSON value, else as a string. */
  static Object rawOrString(String text) {
    return isJson(text) ? new Raw(text.strip()) : text;
  }

  static boolean isJson(String text) {
    if (text == null || text.isBlank()) {
      return false;
    }
    try (JsonReader reader = JsonReader.of(new Buffer().writeUtf8(text))) {
      reader.skipValue();
      return reader.peek() == JsonReader.Token.END_DOCUMENT;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /** {@code object} as one line of JSON. */
  static String write(Map<String, ?> object) {
    Buffer buffer = new Buffer();
    try (JsonWriter writer = JsonWriter.of(buffer)) {
      writer.setSerializeNulls(true);
      value(writer, object);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return buffer.readUtf8();
  }

  /** Copies one value token by token, so that it lands on one line with its numbers spelled as given. */
  private static void copy(JsonReader reader, JsonWriter writer) throws IOException {
    switch (reader.peek()) {
      case BEGIN_OBJECT -> {
        reader.beginObject();
        writer.beginObject();
        while (reader.hasNext()) {
          writer.name(reader.nextName());
          copy(reader, writer);
        }
        reader.endObject();
        writer.endObject();
      }
      case BEGIN_ARRAY -> {
        reader.beginArray();
        writer.beginArray();
        while (reader.hasNext()) {
          copy(reader, writer);
        }
        reader.endArray();
        writer.endArray();
      }
      case STRING -> writer.value(reader.nextString());
      case NUMBER -> writer.value(new Buffer().writeUtf8(reader.nextString()));
      case BOOLEAN -> writer.value(reader.nextBoolean());
      case NULL -> {
        reader.nextNull();
        writer.nullValue();
      }
      default -> throw new IOException("unexpected " + reader.peek() + " at " + reader.getPath());
    }
  }

  private static void value(JsonWriter writer, Object value) throws IOException {
    if (value == null) {
      writer.nullValue();
    } else if (value instanceof Map<?, ?> map) {
      writer.beginObject();
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        writer.name(String.valueOf(entry.getKey()));
        value(writer, entry.getValue());
      }
      writer.endObject();
    } else if (value instanceof Iterable<?> items) {
      writer.beginArray();
      for (Object item : items) {
        value(writer, item);
      }
      writer.endArray();
    } else if (value instanceof BigDecimal decimal) {
      writer.value(new Buffer().writeUtf8(decimal.toPlainString()));
    } else if (value instanceof Number number) {
      writer.value(number);
    } else if (value instanceof Boolean bool) {
      writer.value(bool.booleanValue());
    } else if (value instanceof Raw raw) {
      try (JsonReader reader = JsonReader.of(new Buffer().writeUtf8(raw.json()))) {
        copy(reader, writer);
      }
    } else {
      writer.value(value.toString());
    }
  }
}
