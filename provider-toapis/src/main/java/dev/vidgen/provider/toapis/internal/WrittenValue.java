package dev.vidgen.provider.toapis.internal;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import java.io.IOException;
import okio.BufferedSource;

/**
 * A field's value as the server wrote it, whatever its JSON shape: a string's text, a number as spelled ({@code 1e400}
 * stays so, where a double would be no number) and any other value as its JSON ({@code true}, {@code [200]}), so that
 * a field of an unexpected shape is one value to judge, not an answer that cannot be read.
 *
 * @param text the value as written; never null (a JSON null is no value)
 */
public record WrittenValue(String text) {
  /** Reads any JSON value as {@link WrittenValue}; a JSON null as null. */
  static final JsonAdapter<WrittenValue> ADAPTER = new JsonAdapter<WrittenValue>() {
    @Override
    public WrittenValue fromJson(JsonReader reader) throws IOException {
      return switch (reader.peek()) {
        case NULL -> reader.nextNull();
        case STRING, NUMBER -> new WrittenValue(reader.nextString());
        default -> {
          try (BufferedSource json = reader.nextSource()) {
            yield new WrittenValue(json.readUtf8());
          }
        }
      };
    }

    @Override
    public void toJson(JsonWriter writer, WrittenValue value) throws IOException {
      if (value == null) {
        writer.nullValue();
      } else {
        writer.value(value.text());
      }
    }

    @Override
    public String toString() {
      return "WrittenValue";
    }
  };
}
