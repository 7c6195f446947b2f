package dev.vidgen.provider.toapis.internal;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonWriter;
import com.squareup.moshi.Moshi;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.Array;
import java.net.URI;
import java.util.Map;
import java.util.Optional;
import okio.Buffer;

/** JSON for the provider: one shared {@link Moshi}, a strict writer and a forgiving reader. */
public final class Json {
  private static final Moshi MOSHI = new Moshi.Builder().build();
  private static final JsonAdapter<Object> ANY = MOSHI.adapter(Object.class);

  private Json() {}

  /** The shared Moshi instance (thread-safe). */
  public static Moshi moshi() {
    return MOSHI;
  }

  /**
   * {@code object} as compact JSON, keys in map order. Values may be strings, numbers, booleans,
   * URIs, lists, arrays and maps of those.
   *
   * @throws IllegalArgumentException naming the path of a value of any other type
   */
  public static String write(Map<String, ?> object) {
    Buffer buffer = new Buffer();
    try (JsonWriter writer = JsonWriter.of(buffer)) {
      writer.setSerializeNulls(true);
      writeValue(writer, object, "body");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return buffer.readUtf8();
  }

  /** The JSON value in {@code text} (maps, lists, strings, doubles, booleans), or empty if not JSON. */
  public static Optional<Object> readAny(String text) {
    if (text == null || text.isBlank()) {
      return Optional.empty();
    }
    try {
      return Optional.ofNullable(ANY.fromJson(text));
    } catch (IOException | RuntimeException e) {
      return Optional.empty();
    }
  }

  private static void writeValue(JsonWriter writer, Object value, String path) throws IOException {
    if (value == null) {
      writer.nullValue();
    } else if (value instanceof Map<?, ?> map) {
      writer.beginObject();
      for (Map.Entry<?, ?> entry : map.entrySet()) {
        String name = String.valueOf(entry.getKey());
        writer.name(name);
        writeValue(writer, entry.getValue(), path + "." + name);
      }
      writer.endObject();
    } else if (value instanceof Iterable<?> items) {
      writer.beginArray();
      int index = 0;
      for (Object item : items) {
        writeValue(writer, item, path + "[" + index++ + "]");
      }
      writer.endArray();
    } else if (value.getClass().isArray()) {
      writer.beginArray();
      for (int i = 0; i < Array.getLength(value); i++) {
        writeValue(writer, Array.get(value, i), path + "[" + i + "]");
      }
      writer.endArray();
    } else if (value instanceof Boolean flag) {
      writer.value(flag.booleanValue());
    } else if (value instanceof Number number) {
      writeNumber(writer, number, path);
    } else if (value instanceof CharSequence || value instanceof URI || value instanceof Enum<?>) {
      writer.value(value.toString());
    } else {
      throw new IllegalArgumentException(
          path + " is a " + value.getClass().getName()
              + "; request values may be strings, numbers, booleans, lists or maps");
    }
  }

  private static void writeNumber(JsonWriter writer, Number number, String path) throws IOException {
    if ((number instanceof Double || number instanceof Float) && !Double.isFinite(number.doubleValue())) {
      throw new IllegalArgumentException(path + " is " + number + "; JSON numbers must be finite");
    }
    writer.value(number);
  }
}
