package dev.vidgen.provider.toapis;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A 300 MB status answer, read by a JVM with a 64 MB heap ({@link HugeAnswerChild}): the future
 * completes with the size-limit error, and even with the limit raised past the heap the future
 * completes (with the out-of-memory error) instead of hanging.
 */
class HugeAnswerTest {
  private static final long PROCESS_SECONDS = 120;

  @TempDir Path dir;

  @ParameterizedTest
  @ValueSource(strings = {"chunked", "length"})
  void aHugeStatusAnswerFailsWithTheSizeLimitErrorInASmallHeap(String framing) throws Exception {
    String outcome = runChild(framing, "default");

    assertThat(outcome).startsWith("OUTCOME failed ServerErrorException")
        .contains("the answer is larger than 8 MiB", "max_answer_size");
  }

  @Test
  void aHugeStatusAnswerPastARaisedLimitStillCompletesTheFutureWhenMemoryRunsOut() throws Exception {
    String outcome = runChild("chunked", "1GB");

    assertThat(outcome).startsWith("OUTCOME failed").contains("OutOfMemoryError").doesNotContain("hung");
  }

  @Test
  void aLimitSetThroughTheSettingIsUsed() throws Exception {
    String outcome = runChild("chunked", "16MB");

    assertThat(outcome).startsWith("OUTCOME failed ServerErrorException").contains("larger than 16 MiB");
  }

  private String runChild(String framing, String limit) throws IOException, InterruptedException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Path out = dir.resolve("out.txt");
    Path err = dir.resolve("err.txt");
    Process process = new ProcessBuilder(List.of(java.toString(), "-Xmx64m", "-XX:TieredStopAtLevel=1",
        "-cp", System.getProperty("java.class.path"), HugeAnswerChild.class.getName(), framing, limit))
        .redirectOutput(out.toFile())
        .redirectError(err.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")))
        .start();
    boolean ended = process.waitFor(PROCESS_SECONDS, TimeUnit.SECONDS);
    if (!ended) {
      process.destroyForcibly();
    }
    String printed = Files.readString(out, StandardCharsets.UTF_8);
    assertThat(ended).as("the child ended within %s s; it printed:%n%s%n%s", PROCESS_SECONDS, printed,
        Files.readString(err, StandardCharsets.UTF_8)).isTrue();
    return printed.lines().filter(line -> line.startsWith("OUTCOME")).findFirst()
        .orElseThrow(() -> new AssertionError("no outcome; stdout:\n" + printed + "\nstderr:\n" + readQuietly(err)));
  }

  private static String readQuietly(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return "";
    }
  }
}
