package dev.vidgen.provider.toapis.internal;

import com.squareup.moshi.Moshi;
import dev.vidgen.core.json.JsonTrees;
import java.util.Map;
import java.util.Optional;

/**
 * JSON for the provider: one shared {@link Moshi} for the typed wire adapters (wire records read
 * through {@code WireRecords}, a number beyond a double's range in an untyped field read as missing through
 * {@code UntypedNumbers}, a field of any shape kept as written through {@link WrittenValue}); untyped bodies are
 * written and read by core's {@link JsonTrees}, so numbers stay exact ({@code 1} stays {@code 1}).
 */
public final class Json {
  private static final Moshi MOSHI = new Moshi.Builder().add(WrittenValue.class, WrittenValue.ADAPTER)
      .add(new WireRecords()).add(new UntypedNumbers()).build();

  private Json() {}

  /** The shared Moshi instance (thread-safe). */
  public static Moshi moshi() {
    return MOSHI;
  }

  /**
   * {@code object} as compact JSON, keys in map order ({@link JsonTrees#write(Object)}).
   *
   * @throws IllegalArgumentException naming the path ({@code body.x}) of a value JSON cannot hold
   */
  public static String write(Map<String, ?> object) {
    try {
      return JsonTrees.write(object);
    } catch (IllegalArgumentException e) {
      // Name the request body rather than JSON's "$" root: "body.metadata.when".
      throw new IllegalArgumentException(e.getMessage().replace(" at $", " at body"), e);
    }
  }

  /** The JSON value in {@code text} with exact numbers, or empty if it is not one JSON value. */
  public static Optional<Object> readAny(String text) {
    return JsonTrees.tryParse(text);
  }
}
