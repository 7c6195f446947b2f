package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code --prompt-file} and {@code --routes} naming a pipe that nothing writes yet: after a moment the command says
 * on stderr what it waits for, and still reads the pipe once written; a pipe or a file read in time says nothing.
 */
@EnabledOnOs(OS.LINUX)
class SlowPipeReadTest {
  @TempDir Path dir;

  private final StringWriter err = new StringWriter();

  @Test
  void aPromptFilePipeWithNoWriterIsSaidToWaitAndIsStillReadOnceWritten() throws Exception {
    Path fifo = fifo("prompt.fifo");
    CompletableFuture<String> read = CompletableFuture.supplyAsync(
        () -> PromptSource.read(null, Path.of("prompt.fifo"), context()));

    await().atMost(Duration.ofSeconds(20)).until(() -> err.toString().contains("vidgen: still waiting to read"));
    assertThat(err.toString()).contains("vidgen: still waiting to read --prompt-file prompt.fifo, which is a pipe or"
        + " another special file", "a pipe with no writer waits for one", "press Ctrl-C to stop");
    try (OutputStream out = Files.newOutputStream(fifo)) {
      out.write("fifo prompt\n".getBytes(StandardCharsets.UTF_8));
    }
    assertThat(read.get(20, TimeUnit.SECONDS)).isEqualTo("fifo prompt");
  }

  @Test
  void aRouteFilePipeWithNoWriterIsSaidToWait() throws Exception {
    Path fifo = fifo("routes.fifo");
    CompletableFuture<Integer> run = CompletableFuture.supplyAsync(
        () -> Main.run(context(), "models", "--provider", "mock", "--routes", "routes.fifo"));

    await().atMost(Duration.ofSeconds(20)).until(() -> err.toString().contains("vidgen: still waiting to read"));
    assertThat(err.toString()).contains("vidgen: still waiting to read the route file " + fifo + ", which is a pipe");
    Files.writeString(fifo, "{}");
    run.get(20, TimeUnit.SECONDS); // the command goes on once the pipe is written, whatever it makes of it
  }

  @Test
  void aFileOrAPipeReadInTimeSaysNothing() throws Exception {
    Files.writeString(dir.resolve("prompt.txt"), "plain prompt\n");
    assertThat(PromptSource.read(null, Path.of("prompt.txt"), context())).isEqualTo("plain prompt");

    List<String> notes = new CopyOnWriteArrayList<>();
    SlowReadNotice.arm(List.of(Path.of("/dev/null")), "--prompt-file /dev/null", notes::add, Duration.ofMillis(1))
        .close();
    SlowReadNotice.arm(List.of(dir.resolve("prompt.txt")), "--prompt-file prompt.txt", notes::add, Duration.ZERO);
    await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(notes::isEmpty);
    assertThat(err.toString()).isEmpty();
  }

  private CliContext context() {
    return new CliContext(Map.of(), new PrintWriter(new StringWriter(), true), new PrintWriter(err, true), () -> false,
        dir);
  }

  private Path fifo(String name) throws Exception {
    Path fifo = dir.resolve(name);
    Process made = new ProcessBuilder("mkfifo", fifo.toString()).inheritIO().start();
    assertThat(made.waitFor(10, TimeUnit.SECONDS)).isTrue();
    assertThat(made.exitValue()).isZero();
    return fifo;
  }
}
