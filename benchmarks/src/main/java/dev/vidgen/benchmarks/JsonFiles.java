package dev.vidgen.benchmarks;

import com.squareup.moshi.JsonWriter;
import dev.vidgen.core.json.JsonTrees;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import okio.Buffer;

/**
 * Reads and writes the JSON the harness passes between processes and leaves in {@code target/bench},
 * through core's {@link JsonTrees} (numbers stay exact).
 */
public final class JsonFiles {
  private JsonFiles() {}

  /** {@code object} as one line of JSON. */
  public static String line(Map<String, ?> object) {
    return JsonTrees.write(object);
  }

  /** The object in {@code text}. */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> parse(String text) {
    Object value = JsonTrees.parse(text);
    if (!(value instanceof Map<?, ?>)) {
      throw new IllegalArgumentException("not a JSON object: " + text);
    }
    return (Map<String, Object>) value;
  }

  /** Writes {@code object}, indented, through a temporary file renamed into place. */
  public static void write(Path file, Map<String, ?> object) {
    try {
      Buffer buffer = new Buffer();
      try (JsonWriter writer = JsonWriter.of(buffer)) {
        writer.setIndent("  ");
        writer.setSerializeNulls(true);
        JsonTrees.write(writer, object);
      }
      Files.createDirectories(file.toAbsolutePath().getParent());
      Path temp = file.resolveSibling(file.getFileName() + ".tmp");
      Files.writeString(temp, buffer.readUtf8() + "\n");
      Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }
}
