package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vidgen.testkit.fixtures.Images;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ctrl-C while {@code generate} waits: the line is finished and the way on is printed, once. */
class InterruptTest {
  @TempDir Path dir;

  @Test
  void ctrlCInJsonModePrintsOneObjectWithTheTaskAndTheWayOn() throws Exception {
    Result result = interruptWhileWaiting("--json");

    CliRun.Result run = new CliRun.Result(result.exitCode(), result.out(), result.err());
    assertThat(run.json()).containsEntry("status", "interrupted").containsKey("task_id");
    String taskId = (String) run.json().get("task_id");
    assertThat(taskId).startsWith("video_mock_");
    assertThat((String) run.json().get("next")).startsWith("vidgen wait " + taskId);
    assertThat(result.err()).contains("interrupted; task " + taskId).contains("Go on with: vidgen wait " + taskId);
    assertThat(result.exitCode()).as("the shell's code for Ctrl-C").isEqualTo(130);
  }

  @Test
  void ctrlCInTextModeSaysTheTaskGoesOnAndHowToWaitForIt() throws Exception {
    Result result = interruptWhileWaiting();

    assertThat(result.out()).contains("submitted");
    assertThat(result.err()).containsOnlyOnce("interrupted; task video_mock_")
        .contains("it was not cancelled").contains("Go on with: vidgen wait video_mock_");
  }

  @Test
  void ctrlCDuringABatchSaysWhereItStandsAndInJsonModePrintsOneObject() throws Exception {
    Files.write(dir.resolve("jobs.jsonl"), List.of(
        "{\"id\": \"a\", \"prompt\": \"a turns\", \"images\": [\"https://img.example/a.png\"]}",
        "{\"id\": \"b\", \"prompt\": \"b turns\", \"images\": [\"https://img.example/b.png\"]}"));
    Path out = dir.resolve("stdout.txt");
    Path err = dir.resolve("stderr.txt");
    Process process = CliRun.in(dir).startProcess(out, err, List.of("batch", "jobs.jsonl", "--provider", "mock", "--set",
        "mock.duration=10m", "--poll-interval", "100ms", "--concurrency", "1", "--json"));
    try {
      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
          .until(() -> read(err).contains("1 in flight") || !process.isAlive());
      assertThat(process.isAlive()).as("still running the batch: " + read(err)).isTrue();
      new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor(10, TimeUnit.SECONDS);
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("ended after Ctrl-C").isTrue();

      CliRun.Result run = new CliRun.Result(process.exitValue(), read(out), read(err));
      assertThat(run.exitCode()).isEqualTo(130);
      assertThat(run.json()).containsEntry("status", "interrupted").containsEntry("batch", "jobs.jsonl")
          .containsEntry("total", 2.0).containsEntry("in_flight", 1.0);
      assertThat((String) run.json().get("next")).startsWith("run the same command again");
      assertThat(run.err()).containsOnlyOnce("interrupted with 0 of 2 jobs done and 1 in flight")
          .contains("SQLite journal " + dir.resolve("jobs.journal"));
    } finally {
      process.destroyForcibly();
    }
  }

  private Result interruptWhileWaiting(String... extra) throws Exception {
    Images.png(640, 360).writeTo(dir.resolve("product.png"));
    Path out = dir.resolve("stdout.txt");
    Path err = dir.resolve("stderr.txt");
    List<String> args = new java.util.ArrayList<>(List.of("generate", "--image", "product.png", "--prompt",
        "slow push-in", "--set", "mock.duration=10m", "--poll-interval", "100ms"));
    args.addAll(List.of(extra));
    Process process = CliRun.in(dir).startProcess(out, err, args);
    try {
      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
          .until(() -> read(err).contains("submitted") || read(out).contains("submitted") || !process.isAlive());
      assertThat(process.isAlive()).as("still waiting for the task: " + read(err)).isTrue();
      new ProcessBuilder("kill", "-INT", Long.toString(process.pid())).start().waitFor(10, TimeUnit.SECONDS);
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("ended after Ctrl-C").isTrue();
      return new Result(process.exitValue(), read(out), read(err));
    } finally {
      process.destroyForcibly();
    }
  }

  private static String read(Path file) throws IOException {
    return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
  }

  record Result(int exitCode, String out, String err) {}
}
