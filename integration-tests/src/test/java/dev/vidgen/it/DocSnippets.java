package dev.vidgen.it;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Reads the code between {@code // snippet:NAME:begin} and {@code :end} in a test, and the docs. */
final class DocSnippets {
  private DocSnippets() {}

  /** The snippet {@code name} of the test source at {@code relative}, without its indent. */
  static String snippet(String relative, String name) throws IOException {
    String source = Files.readString(find(relative), StandardCharsets.UTF_8);
    String begin = "// snippet:" + name + ":begin";
    int start = source.indexOf(begin);
    int end = source.indexOf("// snippet:" + name + ":end", start);
    if (start < 0 || end < 0) {
      throw new AssertionError("no snippet " + name + " in " + relative);
    }
    return dedent(source.substring(source.indexOf('\n', start) + 1, source.lastIndexOf('\n', end) + 1));
  }

  /** The file at {@code relative} under this folder or the nearest parent that has it. */
  static Path find(String relative) {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      if (Files.exists(dir.resolve(relative))) {
        return dir.resolve(relative);
      }
    }
    throw new AssertionError(relative + " not found above " + Path.of("").toAbsolutePath());
  }

  private static String dedent(String block) {
    List<String> lines = block.lines().toList();
    int indent = lines.stream().filter(line -> !line.isBlank())
        .mapToInt(line -> line.length() - line.stripLeading().length()).min().orElse(0);
    StringBuilder text = new StringBuilder();
    for (String line : lines) {
      text.append(line.isBlank() ? "" : line.substring(indent)).append('\n');
    }
    return text.toString();
  }
}
