package dev.vidgen.benchmarks;

import com.squareup.moshi.JsonAdapter;
import com.squareup.moshi.Moshi;
import com.squareup.moshi.Types;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;

/** Reads and writes the JSON the harness passes between processes and leaves in {@code target/bench}. */
public final class JsonFiles {
  private static final JsonAdapter<Map<String, Object>> MAP =
      new Moshi.Builder().build().adapter(Types.newParameterizedType(Map.class, String.class, Object.class));

  private JsonFiles() {}

  /** {@code object} as one line of JSON. */
  public static String line(Map<String, ?> object) {
    @SuppressWarnings("unchecked")
    Map<String, Object> map = (Map<String, Object>) object;
    return MAP.serializeNulls().toJson(map);
  }

  /** The object in {@code text}. */
  public static Map<String, Object> parse(String text) {
    try {
      Map<String, Object> map = MAP.fromJson(text);
      if (map == null) {
        throw new IllegalArgumentException("not a JSON object: " + text);
      }
      return map;
    } catch (IOException e) {
      throw new IllegalArgumentException("not a JSON object: " + text, e);
    }
  }

  /** Writes {@code object}, indented, through a temporary file renamed into place. */
  public static void write(Path file, Map<String, ?> object) {
    @SuppressWarnings("unchecked")
    Map<String, Object> map = (Map<String, Object>) object;
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Path temp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.writeString(temp, MAP.serializeNulls().indent("  ").toJson(map) + "\n");
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
