package dev.vidgen.serve.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Counting the lines of a history that cannot be read ({@code vidgen history} does on every listing) holds one line at
 * a time, not the whole file: a history of tens of megabytes is counted in a Java process of a few tens of megabytes.
 */
class UnreadableLinesMemoryTest {
  /** A history far larger than the counting process's heap. */
  private static final int LINES = 120_000;
  private static final String HEAP = "-Xmx24m";

  @TempDir Path home;

  @Test
  void aHistoryLargerThanTheHeapIsCountedLineByLine() throws Exception {
    Path file = TaskHistory.in(home).file();
    Files.createDirectories(file.getParent());
    String padding = "x".repeat(400);
    try (BufferedWriter out = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
      for (int i = 0; i < LINES; i++) {
        // Changed by hand: an object, but no entry (no task id, provider or status).
        out.write("{\"note\":\"line " + i + " " + padding + "\"}\n");
      }
      out.write("{\"torn"); // a last line without its newline is not counted
    }
    assertThat(Files.size(file)).isGreaterThan(48L * 1024 * 1024);

    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Path output = home.resolve("count.txt");
    Process process = new ProcessBuilder(List.of(java.toString(), HEAP, "-cp", System.getProperty("java.class.path"),
        Count.class.getName(), home.toString()))
        .redirectErrorStream(true).redirectOutput(output.toFile()).start();
    boolean ended = process.waitFor(120, TimeUnit.SECONDS);
    if (!ended) {
      process.destroyForcibly();
    }

    String said = Files.readString(output);
    assertThat(ended).as(said).isTrue();
    assertThat(process.exitValue()).as(said).isZero();
    assertThat(said.strip()).isEqualTo(String.valueOf(LINES));
  }

  /** Prints how many lines of the history in the folder {@code args[0]} cannot be read. */
  static final class Count {
    private Count() {}

    public static void main(String[] args) throws IOException {
      System.out.println(TaskHistory.in(Path.of(args[0])).unreadableLines());
    }
  }
}
