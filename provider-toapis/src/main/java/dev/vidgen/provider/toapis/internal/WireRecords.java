package dev.vidgen.provider.toapis.internal;

import com.squareup.moshi.Json;
import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.JsonQualifier;
import com.squareup.moshi.JsonDataException;
import com.squareup.moshi.JsonReader;
import com.squareup.moshi.JsonWriter;
import com.squareup.moshi.Moshi;
import java.io.IOException;
import java.lang.annotation.Annotation;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads this package's wire records as Moshi's own record adapter does (each component by its
 * {@code @Json} name through Moshi's adapter for its type, unknown names skipped, missing ones
 * null) but builds each record with a plain constructor call. Moshi's adapter goes through
 * {@code MethodHandle.invokeWithArguments}, which interns a method type on every answer read.
 */
final class WireRecords implements JsonAdapter.Factory {
  @Override
  public JsonAdapter<?> create(Type type, Set<? extends Annotation> annotations, Moshi moshi) {
    if (!annotations.isEmpty() || !(type instanceof Class<?> raw) || !raw.isRecord()
        || !raw.getPackageName().equals(WireRecords.class.getPackageName()) || raw.getTypeParameters().length > 0) {
      return null;
    }
    RecordComponent[] components = raw.getRecordComponents();
    String[] names = new String[components.length];
    JsonAdapter<?>[] adapters = new JsonAdapter<?>[components.length];
    Class<?>[] types = new Class<?>[components.length];
    for (int i = 0; i < components.length; i++) {
      RecordComponent component = components[i];
      Json json = component.getAnnotation(Json.class);
      if (component.getType().isPrimitive() || (json != null && json.ignore()) || qualified(component)) {
        return null; // Moshi's rules for these (a required primitive, an ignored name, a qualifier) stay Moshi's.
      }
      names[i] = json == null || json.name().equals(Json.UNSET_NAME) ? component.getName() : json.name();
      adapters[i] = moshi.adapter(component.getGenericType());
      types[i] = component.getType();
    }
    if (new HashSet<>(List.of(names)).size() != names.length) {
      return null;
    }
    try {
      return new RecordReader<>(raw.getDeclaredConstructor(types), names, adapters,
          moshi.nextAdapter(this, type, annotations)).nullSafe();
    } catch (NoSuchMethodException e) {
      return null;
    }
  }

  private static boolean qualified(RecordComponent component) {
    for (Annotation annotation : component.getAnnotations()) {
      if (annotation.annotationType().isAnnotationPresent(JsonQualifier.class)) {
        return true;
      }
    }
    return false;
  }

  /** Fields read as missing, not as an unreadable answer, when given twice with two values. */
  private static final Set<String> OPTIONAL = Set.of("progress", "created_at", "completed_at", "expires_at");

  /** Reads one record type; writes it through Moshi's own adapter. */
  private static final class RecordReader<T> extends JsonAdapter<T> {
    private final Constructor<T> constructor;
    private final String[] fieldNames;
    private final JsonReader.Options names;
    private final JsonAdapter<?>[] adapters;
    private final JsonAdapter<T> writer;

    RecordReader(Constructor<T> constructor, String[] fieldNames, JsonAdapter<?>[] adapters, JsonAdapter<T> writer) {
      this.constructor = constructor;
      this.fieldNames = fieldNames;
      this.names = JsonReader.Options.of(fieldNames);
      this.adapters = adapters;
      this.writer = writer;
    }

    @Override
    public T fromJson(JsonReader reader) throws IOException {
      Object[] values = new Object[adapters.length];
      boolean[] read = new boolean[adapters.length];
      reader.beginObject();
      while (reader.hasNext()) {
        int index = reader.selectName(names);
        if (index < 0) {
          reader.skipName();
          reader.skipValue();
        } else if (read[index]) {
          // Which of two values the server meant cannot be told: a field that names the task (its id, its status)
          // leaves the answer unread; an optional one (progress, a time) is read as missing, as one of another shape is.
          String where = reader.getPath();
          Object again = adapters[index].fromJson(reader);
          if (!java.util.Objects.equals(values[index], again)) {
            if (!OPTIONAL.contains(fieldNames[index])) {
              throw new JsonDataException("the field " + fieldNames[index] + " appears twice, with two values, at "
                  + where);
            }
            values[index] = null;
          }
        } else {
          read[index] = true;
          values[index] = adapters[index].fromJson(reader);
        }
      }
      reader.endObject();
      try {
        return constructor.newInstance(values);
      } catch (InvocationTargetException e) {
        if (e.getCause() instanceof RuntimeException runtime) {
          throw runtime;
        }
        if (e.getCause() instanceof Error error) {
          throw error;
        }
        throw new IllegalStateException(e.getCause());
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot make a " + constructor.getDeclaringClass().getSimpleName(), e);
      }
    }

    @Override
    public void toJson(JsonWriter out, T value) throws IOException {
      writer.toJson(out, value);
    }

    @Override
    public String toString() {
      return "WireRecords(" + constructor.getDeclaringClass().getSimpleName() + ")";
    }
  }
}
