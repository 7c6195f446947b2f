package dev.vidgen.benchmarks.load;

import dev.vidgen.benchmarks.JsonFiles;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** The child side of {@link dev.vidgen.benchmarks.ChildJvm}'s line protocol. */
final class Protocol {
  private static final BufferedReader COMMANDS =
      new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));

  private Protocol() {}

  /** Prints {@code PREFIX {json}} for the parent. */
  static synchronized void say(String prefix, Map<String, ?> values) {
    System.out.println(prefix + " " + JsonFiles.line(values));
    System.out.flush();
  }

  /** The next command from the parent; {@code quit} when its input ended. */
  static String nextCommand() {
    try {
      String line = COMMANDS.readLine();
      return line == null ? "quit" : line.trim();
    } catch (IOException e) {
      return "quit";
    }
  }
}
