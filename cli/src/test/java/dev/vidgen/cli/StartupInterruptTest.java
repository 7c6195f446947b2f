package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vidgen.testkit.toapis.FakeToApisServer;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C or SIGTERM while the command is still starting, before any of its own notices is armed: the
 * exit code alone is not enough for a script that reads stdout. Real processes, held at start-up by
 * {@code --prompt -} reading a standard input that stays open.
 */
class StartupInterruptTest {
  @TempDir Path dir;
  @TempDir Path home;
  private final FakeToApisServer fake = FakeToApisServer.builder().unlimitedBalance().start();

  @AfterEach
  void stop() {
    fake.close();
  }

  @Test
  void sigtermWhileStartingPrintsTheOneInterruptedObjectWithNothingSent() throws Exception {
    Result result = signalledWhileStarting("-TERM", "--json");

    assertThat(result.exitCode()).as("the shell's code for SIGTERM").isEqualTo(143);
    CliRun.Result run = new CliRun.Result(result.exitCode(), result.out(), result.err());
    assertThat(result.out().lines()).as("one line on stdout: " + result.out()).hasSize(1);
    assertThat(run.json()).containsEntry("status", "interrupted").containsEntry("task_id", null)
        .containsEntry("next", "nothing was sent; run the same command again");
    assertThat(result.err()).contains("vidgen: interrupted before anything was sent");
    assertThat(fake.requests()).as("nothing was sent").isEmpty();
  }

  @Test
  void ctrlCWhileStartingSaysNothingWasSentOnStderr() throws Exception {
    Result result = signalledWhileStarting("-INT");

    assertThat(result.exitCode()).as("the shell's code for Ctrl-C").isEqualTo(130);
    assertThat(result.out()).isEmpty();
    assertThat(result.err().lines()).containsExactly("vidgen: interrupted before anything was sent; nothing was made"
        + " or billed. Run the same command again");
    assertThat(fake.requests()).isEmpty();
  }

  /**
   * Starts {@code generate --prompt -} with a standard input that stays open, so that it waits while starting,
   * and sends it {@code signal} once it reads the prompt (its class is loaded, as the JVM's log says).
   */
  private Result signalledWhileStarting(String signal, String... extra) throws Exception {
    Path out = dir.resolve("stdout.txt");
    Path err = dir.resolve("stderr.txt");
    Path loaded = dir.resolve("classes.log");
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "-Xshare:auto", "-XX:TieredStopAtLevel=1",
        "-Xlog:class+load=info:file=" + loaded, "dev.vidgen.cli.Main", "generate", "--image",
        "https://img.example/a.png", "--prompt", "-", "--out", "v.mp4", "--base-url", fake.baseUrl()));
    command.addAll(List.of(extra));
    ProcessBuilder builder = new ProcessBuilder(CliRun.ctrlCReaches(command)).directory(dir.toFile())
        .redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE);
    builder.environment().clear();
    builder.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    builder.environment().put("TOAPIS_API_KEY", FakeToApisServer.DEFAULT_KEY);
    builder.environment().put("VIDGEN_HOME", home.toString());
    Process process = builder.start();
    try {
      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
          .until(() -> read(loaded).contains("dev.vidgen.cli.ClosedStdin") || !process.isAlive());
      assertThat(process.isAlive()).as("still starting: " + read(err)).isTrue();
      new ProcessBuilder("kill", signal, Long.toString(process.pid())).redirectError(new File("/dev/null")).start()
          .waitFor(10, TimeUnit.SECONDS);
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("ended after the signal").isTrue();
      return new Result(process.exitValue(), read(out), read(err));
    } finally {
      process.getOutputStream().close();
      process.destroyForcibly();
    }
  }

  private static String read(Path file) throws IOException {
    return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
  }

  private record Result(int exitCode, String out, String err) {}
}
