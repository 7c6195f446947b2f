package dev.vidgen.provider.toapis.internal;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import com.squareup.moshi.Moshi;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Type;
import java.util.Set;

/**
 * Reads a number in a field read as any JSON value ({@code progress}, a time, {@code error}, a model entry, at any
 * depth) as Moshi does, except that one beyond a double's range ({@code 1e309}, {@code -1e400}) is read as missing
 * rather than failing the whole answer, as a value of another shape is.
 */
final class UntypedNumbers implements JsonAdapter.Factory {
  @Override
  public JsonAdapter<?> create(Type type, Set<? extends Annotation> annotations, Moshi moshi) {
    if (type != Object.class || !annotations.isEmpty()) {
      return null;
    }
    JsonAdapter<Object> values = moshi.nextAdapter(this, type, annotations);
    return new JsonAdapter<Object>() {
      @Override
      public Object fromJson(JsonReader reader) throws IOException {
        if (reader.peek() != JsonReader.Token.NUMBER) {
          return values.fromJson(reader); // lists and objects come back here for each of their values
        }
        double number = Double.parseDouble(reader.nextString());
        return Double.isFinite(number) ? number : null;
      }

      @Override
      public void toJson(JsonWriter writer, Object value) throws IOException {
        values.toJson(writer, value);
      }

      @Override
      public String toString() {
        return "UntypedNumbers(" + values + ")";
      }
    };
  }
}
