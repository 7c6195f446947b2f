package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vidgen.testkit.fixtures.Images;
import dev.vidgen.testkit.toapis.Endpoint;
import dev.vidgen.testkit.toapis.FakeToApisServer;
import dev.vidgen.testkit.toapis.Fault;
import dev.vidgen.testkit.toapis.TaskScript;
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
    assertThat(run.json()).as("the command alone, in the field every --json document has for it")
        .containsEntry("next_command", run.json().get("next"));
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
    Path err = dir.resolve("stderr.txt");
    Result result = interrupt(CliRun.in(dir), List.of("batch", "jobs.jsonl", "--provider", "mock", "--set",
        "mock.duration=10m", "--poll-interval", "100ms", "--concurrency", "1", "--json"),
        () -> read(err).contains("1 in flight"));

    CliRun.Result run = new CliRun.Result(result.exitCode(), result.out(), result.err());
    assertThat(run.exitCode()).isEqualTo(130);
    assertThat(run.json()).containsEntry("status", "interrupted").containsEntry("batch", "jobs.jsonl")
        .containsEntry("total", 2.0).containsEntry("in_flight", 1.0).containsEntry("with_task", 1.0)
        .containsEntry("not_sent", 1.0);
    assertThat((String) run.json().get("next")).startsWith("run the same command again");
    assertThat(run.err()).containsOnlyOnce("interrupted with 0 of 2 jobs done, 1 with a task (it goes on at the"
        + " provider and the next run follows it) and 1 not sent (no task exists; the next run sends it)")
        .contains("SQLite journal " + dir.resolve("jobs.journal"));
  }

  @Test
  void ctrlCWhileABatchSavesACompletedTasksVideoSaysTheTaskIsDoneNotGoingOn() throws Exception {
    Files.write(dir.resolve("jobs.jsonl"), List.of(
        "{\"id\": \"a\", \"prompt\": \"a turns\", \"images\": [\"https://img.example/a.png\"]}"));
    Path err = dir.resolve("stderr.txt");
    try (FakeToApisServer fake = FakeToApisServer.start()) {
      fake.nextTask(TaskScript.completes());
      fake.inject(Endpoint.FILE, Fault.stall());
      Result result = interrupt(CliRun.in(dir).env("TOAPIS_API_KEY", FakeToApisServer.DEFAULT_KEY),
          List.of("batch", "jobs.jsonl", "--base-url", fake.baseUrl(), "--poll-interval", "100ms", "--json"),
          () -> !fake.requests(Endpoint.FILE).isEmpty());

      CliRun.Result run = new CliRun.Result(result.exitCode(), result.out(), result.err());
      assertThat(run.exitCode()).as(result.err()).isEqualTo(130);
      assertThat(run.err()).contains("interrupted with 0 of 1 jobs done and 1 whose task completed and whose video was"
          + " being saved (nothing goes on at the provider; the next run saves it)")
          .doesNotContain("it goes on at the provider");
      assertThat(run.json()).containsEntry("with_task", 1.0).containsEntry("saving", 1.0);
    }
  }

  @Test
  void ctrlCWhileABatchJobWaitsOutA429CountsItNotSentAndNotInFlight() throws Exception {
    Files.write(dir.resolve("jobs.jsonl"), List.of(
        "{\"id\": \"a\", \"prompt\": \"a turns\", \"images\": [\"https://img.example/a.png\"]}"));
    Path err = dir.resolve("stderr.txt");
    try (FakeToApisServer fake = FakeToApisServer.start()) {
      fake.inject(Endpoint.CREATE, Fault.rateLimited(Duration.ofSeconds(30)));
      Result result = interrupt(CliRun.in(dir).env("TOAPIS_API_KEY", FakeToApisServer.DEFAULT_KEY),
          List.of("batch", "jobs.jsonl", "--base-url", fake.baseUrl(), "--json"),
          () -> read(err).contains("HTTP 429"));

      CliRun.Result run = new CliRun.Result(result.exitCode(), result.out(), result.err());
      assertThat(run.exitCode()).as(result.err()).isEqualTo(130);
      assertThat(run.json()).containsEntry("in_flight", 0.0).containsEntry("with_task", 0.0)
          .containsEntry("submitting", 0.0).containsEntry("not_sent", 1.0);
      assertThat(run.err()).contains("interrupted with 0 of 1 jobs done and 1 not sent (no task exists; the next run"
          + " sends it)").doesNotContain("with a task (");
      assertThat(fake.creates()).as("no task was made").allSatisfy(create -> assertThat(create.taskId()).isNull());
    }
  }

  @Test
  void ctrlCWhileTheCreateIsOnItsWayKeepsTheJobAsUnknownAndTheNextRunOfItSaysSo() throws Exception {
    Path home = dir.resolve("home");
    try (FakeToApisServer fake = FakeToApisServer.start()) {
      fake.inject(Endpoint.CREATE, Fault.stall());
      List<String> args = List.of("generate", "--model", "seedance-2", "--prompt", "a kite rises", "--base-url",
          fake.baseUrl(), "--json");
      Result result = interrupt(CliRun.in(dir).env("TOAPIS_API_KEY", FakeToApisServer.DEFAULT_KEY)
          .env("VIDGEN_HOME", home.toString()), args, () -> !fake.requests(Endpoint.CREATE).isEmpty());

      java.util.regex.Matcher reference = java.util.regex.Pattern.compile("\"client_business_id\":\"(vg-[0-9a-f-]+)\"")
          .matcher(fake.requests(Endpoint.CREATE).get(0).body());
      assertThat(reference.find()).as("the create carried a client reference").isTrue();
      String sent = reference.group(1);
      CliRun.Result run = new CliRun.Result(result.exitCode(), result.out(), result.err());
      assertThat(run.exitCode()).as(result.err()).isEqualTo(130);
      assertThat(run.json()).containsEntry("status", "interrupted").containsEntry("task_id", null)
          .containsEntry("client_reference", sent).containsEntry("unanswered", "unanswered-" + sent)
          .containsEntry("next_command", "vidgen status unanswered-" + sent + " --base-url " + fake.baseUrl());
      assertThat(result.err()).containsOnlyOnce("interrupted while the create of a seedance-2 task may have been on"
          + " its way").contains("look it up with vidgen status unanswered-" + sent + " --base-url " + fake.baseUrl()
          + " (by its client reference)");

      // The same job again: a script is told of the earlier, unanswered create before it pays again.
      CliRun.Result again = CliRun.in(dir).env("TOAPIS_API_KEY", FakeToApisServer.DEFAULT_KEY)
          .env("VIDGEN_HOME", home.toString()).run("generate", "--model", "seedance-2", "--prompt", "a kite rises",
              "--base-url", fake.baseUrl(), "--no-wait");
      assertThat(again.err()).as(again.all()).contains("as the create vidgen history lists as unanswered-" + sent,
          "its create got no answer, so it may exist and be billed");
    }
  }

  @Test
  void ctrlCWhileACreateWithoutAReferenceIsOnItsWayGivesAScriptTheNoteItCanCloseOrClaim() throws Exception {
    Path home = dir.resolve("home");
    try (FakeToApisServer fake = FakeToApisServer.start()) {
      fake.inject(Endpoint.CREATE, Fault.stall());
      Result result = interrupt(CliRun.in(dir).env("TOAPIS_API_KEY", FakeToApisServer.DEFAULT_KEY)
          .env("VIDGEN_HOME", home.toString()), List.of("generate", "--image", "https://img.example/a.png", "--prompt",
          "a kite rises", "--base-url", fake.baseUrl(), "--json"), () -> !fake.requests(Endpoint.CREATE).isEmpty());

      CliRun.Result run = new CliRun.Result(result.exitCode(), result.out(), result.err());
      assertThat(run.exitCode()).as(result.err()).isEqualTo(130);
      assertThat(run.json()).containsEntry("status", "interrupted").containsEntry("task_id", null)
          .containsEntry("client_reference", null);
      String name = (String) run.json().get("unanswered");
      assertThat(name).as(run.out()).matches("unanswered-noref-vg-[0-9a-f-]+");
      assertThat((String) run.json().get("next")).contains("--made-by " + name);
      assertThat(run.json()).as("its --made-by form waits for a TASK_ID: no command runs as it is")
          .containsEntry("next_command", null);

      // The name is the history's: a script that found no task on the dashboard closes the note with it.
      CliRun.Result closed = CliRun.in(dir).env("VIDGEN_HOME", home.toString())
          .run("history", "--close", name, "--no-task");
      assertThat(closed.exitCode()).as(closed.all()).isZero();
    }
  }

  @Test
  void ctrlCAsTheCreateIsAnsweredKeepsTheTaskAndSaysHowToGoOn() throws Exception {
    Path home = dir.resolve("home");
    try (FakeToApisServer fake = FakeToApisServer.start()) {
      fake.inject(Endpoint.CREATE, Fault.slow(Duration.ofMillis(400)));
      Result result = interrupt(CliRun.in(dir).env("TOAPIS_API_KEY", FakeToApisServer.DEFAULT_KEY)
          .env("VIDGEN_HOME", home.toString()), List.of("generate", "--image", "https://img.example/a.png", "--prompt",
          "a kite rises", "--base-url", fake.baseUrl(), "--json"), () -> !fake.requests(Endpoint.CREATE).isEmpty());

      CliRun.Result run = new CliRun.Result(result.exitCode(), result.out(), result.err());
      assertThat(run.exitCode()).as(result.err()).isEqualTo(130);
      String taskId = fake.creates().get(0).taskId();
      assertThat(run.json()).as("the answer came within the second the notice waits for it")
          .containsEntry("status", "interrupted").containsEntry("task_id", taskId);
      assertThat((String) run.json().get("next")).startsWith("vidgen wait " + taskId);
      CliRun.Result history = CliRun.in(dir).env("VIDGEN_HOME", home.toString()).run("history", "--json");
      assertThat(history.out()).as("the task is in the history, and no unknown entry").contains(taskId)
          .doesNotContain("unanswered-");
    }
  }

  @Test
  void ctrlCWhileTheVideoIsSavedSaysHowToSaveItAndTheHistoryHasItCompleted() throws Exception {
    Path home = dir.resolve("home");
    try (FakeToApisServer fake = FakeToApisServer.start()) {
      fake.nextTask(TaskScript.completes());
      fake.inject(Endpoint.FILE, Fault.stall());
      List<String> args = List.of("generate", "--image", "https://img.example/a.png", "--prompt", "a kite rises",
          "--base-url", fake.baseUrl(), "--poll-interval", "50ms", "--json");
      Result result = interrupt(CliRun.in(dir).env("TOAPIS_API_KEY", FakeToApisServer.DEFAULT_KEY)
          .env("VIDGEN_HOME", home.toString()), args, () -> !fake.requests(Endpoint.FILE).isEmpty());

      CliRun.Result run = new CliRun.Result(result.exitCode(), result.out(), result.err());
      assertThat(run.exitCode()).as(result.err()).isEqualTo(130);
      String taskId = fake.creates().get(0).taskId();
      assertThat(run.json()).containsEntry("status", "interrupted").containsEntry("task_id", taskId);
      assertThat((String) run.json().get("next")).startsWith("vidgen download " + taskId);
      assertThat(result.err()).containsOnlyOnce("interrupted while saving the video of task " + taskId);
      dev.vidgen.serve.history.HistoryEntry entry =
          dev.vidgen.serve.history.TaskHistory.in(home).find(taskId).orElseThrow();
      assertThat(entry.status()).as("the task completed; only its video is still to be saved").isEqualTo("completed");
      assertThat(entry.file()).isNull();
    }
  }

  @Test
  void ctrlCWhileTheVideoIsBeingWrittenLeavesNoPartOfItBehind() throws Exception {
    Path out = dir.resolve("videos");
    try (FakeToApisServer fake = FakeToApisServer.start()) {
      fake.nextTask(TaskScript.completes());
      fake.inject(Endpoint.FILE, Fault.trickle(Duration.ofSeconds(1)));
      List<String> args = List.of("generate", "--image", "https://img.example/a.png", "--prompt", "a kite rises",
          "--base-url", fake.baseUrl(), "--poll-interval", "50ms", "--out", out.resolve("kite.mp4").toString());
      Result result = interrupt(CliRun.in(dir).env("TOAPIS_API_KEY", FakeToApisServer.DEFAULT_KEY)
          .env("VIDGEN_HOME", dir.resolve("home").toString()), args, () -> partsIn(out) > 0);

      assertThat(result.exitCode()).as(result.err()).isEqualTo(130);
      assertThat(result.err()).contains("nothing half-written was left under its name");
      try (var left = Files.list(out)) {
        assertThat(left).as("no temporary file is left beside the video").isEmpty();
      }
    }
  }

  private static long partsIn(Path folder) throws IOException {
    if (!Files.isDirectory(folder)) {
      return 0;
    }
    try (var files = Files.list(folder)) {
      return files.filter(file -> file.getFileName().toString().endsWith(".part")).count();
    }
  }

  @Test
  void ctrlCWhileAStatusReadHangsSaysNothingChangedAndHowToReadItAgain() throws Exception {
    try (FakeToApisServer fake = FakeToApisServer.start()) {
      fake.inject(Endpoint.STATUS, Fault.stall());
      Result result = interrupt(CliRun.in(dir).env("TOAPIS_API_KEY", FakeToApisServer.DEFAULT_KEY)
          .env("VIDGEN_HOME", dir.resolve("home").toString()), List.of("status", "video_hang", "--base-url",
          fake.baseUrl()), () -> !fake.requests(Endpoint.STATUS).isEmpty());

      assertThat(result.exitCode()).as(result.err()).isEqualTo(130);
      assertThat(result.err()).containsOnlyOnce("interrupted while reading the status of task video_hang; nothing"
          + " changed at the provider. Run it again with: vidgen status video_hang --base-url " + fake.baseUrl());
    }
  }

  @Test
  void ctrlCBeforeAWaitsFirstStatusReadAnswersDoesNotSayTheTaskIsStillRunning() throws Exception {
    try (FakeToApisServer fake = FakeToApisServer.start()) {
      fake.inject(Endpoint.STATUS, Fault.stall());
      Result result = interrupt(CliRun.in(dir).env("TOAPIS_API_KEY", FakeToApisServer.DEFAULT_KEY)
          .env("VIDGEN_HOME", dir.resolve("home").toString()), List.of("wait", "video_hang", "--base-url",
          fake.baseUrl()), () -> !fake.requests(Endpoint.STATUS).isEmpty());

      assertThat(result.exitCode()).as(result.err()).isEqualTo(130);
      assertThat(result.err()).as("it may have completed: nothing was read yet")
          .containsOnlyOnce("interrupted before the status of task video_hang was read; it was not cancelled, and"
              + " nothing changed at the provider. Go on with: vidgen wait video_hang")
          .doesNotContain("task video_hang goes on running");
    }
  }

  @Test
  void sigtermWhileTheStatusReadOfADownloadHangsSaysNoFileWasWrittenAndHowToDownloadAgain() throws Exception {
    Path out = dir.resolve("videos").resolve("kite.mp4");
    try (FakeToApisServer fake = FakeToApisServer.start()) {
      fake.inject(Endpoint.STATUS, Fault.stall());
      Result result = interrupt(CliRun.in(dir).env("TOAPIS_API_KEY", FakeToApisServer.DEFAULT_KEY)
          .env("VIDGEN_HOME", dir.resolve("home").toString()), List.of("download", "video_hang", "--out",
          out.toString(), "--base-url", fake.baseUrl()), () -> !fake.requests(Endpoint.STATUS).isEmpty(), "-TERM");

      assertThat(result.exitCode()).as(result.err()).isEqualTo(143);
      assertThat(result.err()).containsOnlyOnce("interrupted while reading the status of task video_hang; nothing"
          + " changed at the provider and no file was written. Run it again with: vidgen download video_hang --out "
          + out + " --base-url " + fake.baseUrl());
      assertThat(out.getParent()).as("nothing written").satisfies(folder -> assertThat(partsIn(folder)).isZero());
      assertThat(out).doesNotExist();
    }
  }

  /** Runs {@code args} in a process, sends it Ctrl-C once {@code ready} holds, and waits for it to end. */
  private Result interrupt(CliRun run, List<String> args, java.util.concurrent.Callable<Boolean> ready)
      throws Exception {
    return interrupt(run, args, ready, "-INT");
  }

  /** Runs {@code args} in a process, sends it {@code signal} (such as {@code -TERM}) once {@code ready} holds. */
  private Result interrupt(CliRun run, List<String> args, java.util.concurrent.Callable<Boolean> ready, String signal)
      throws Exception {
    Path out = dir.resolve("stdout.txt");
    Path err = dir.resolve("stderr.txt");
    Process process = run.startProcess(out, err, args);
    try {
      await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100))
          .until(() -> ready.call() || !process.isAlive());
      assertThat(process.isAlive()).as("still running: " + read(err)).isTrue();
      new ProcessBuilder("kill", signal, Long.toString(process.pid())).start().waitFor(10, TimeUnit.SECONDS);
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("ended after Ctrl-C").isTrue();
      return new Result(process.exitValue(), read(out), read(err));
    } finally {
      process.destroyForcibly();
    }
  }

  private Result interruptWhileWaiting(String... extra) throws Exception {
    Images.png(640, 360).writeTo(dir.resolve("product.png"));
    List<String> args = new java.util.ArrayList<>(List.of("generate", "--image", "product.png", "--prompt",
        "slow push-in", "--set", "mock.duration=10m", "--poll-interval", "100ms"));
    args.addAll(List.of(extra));
    Path err = dir.resolve("stderr.txt");
    Path out = dir.resolve("stdout.txt");
    return interrupt(CliRun.in(dir), args, () -> read(err).contains("submitted") || read(out).contains("submitted"));
  }

  private static String read(Path file) throws IOException {
    return Files.exists(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
  }

  record Result(int exitCode, String out, String err) {}
}
