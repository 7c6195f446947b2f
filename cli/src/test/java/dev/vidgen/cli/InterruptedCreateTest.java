package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vidgen.testkit.fixtures.Images;
import dev.vidgen.testkit.toapis.CreateRecord;
import dev.vidgen.testkit.toapis.Endpoint;
import dev.vidgen.testkit.toapis.Fault;
import dev.vidgen.testkit.toapis.FakeToApisServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ctrl-C (here a SIGTERM, which runs the same shutdown hooks) while a create is on its way: the
 * task it makes is paid for, so the command waits a moment for the answer and keeps the task id
 * instead of leaving the job unknown. Real processes: a shutdown hook runs only in a JVM that ends.
 */
class InterruptedCreateTest {
  @TempDir Path dir;
  @TempDir Path home;
  private final FakeToApisServer fake = FakeToApisServer.builder().unlimitedBalance().start();

  @AfterEach
  void stop() {
    fake.close();
  }

  /**
   * Runs the command as a process, sends it SIGTERM once the fake received {@code creates} creates
   * (whose answers are still to come), and gives what it printed on stderr.
   */
  private String stoppedOnceCreated(int creates, String... args) throws Exception {
    return stoppedOnce(() -> fake.creates().size() == creates, args);
  }

  private String stoppedOnce(java.util.concurrent.Callable<Boolean> arrived, String... args) throws Exception {
    Path err = dir.resolve("err.txt");
    Process process = cli().startProcess(dir.resolve("out.txt"), err, List.of(args));
    try {
      await().atMost(Duration.ofSeconds(60)).until(arrived);
      process.destroy();
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("ended after SIGTERM").isTrue();
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      throw new AssertionError("the request awaited did not arrive (" + fake.requests().size() + " requests); the"
          + " command said:\n"
          + Files.readString(err, StandardCharsets.UTF_8), e);
    } finally {
      process.destroyForcibly();
    }
    return Files.readString(err, StandardCharsets.UTF_8);
  }

  private CliRun cli() {
    return CliRun.in(dir).env("TOAPIS_API_KEY", FakeToApisServer.DEFAULT_KEY).env("VIDGEN_HOME", home.toString());
  }

  @Test
  void generateStoppedWhileItsCreateIsOnItsWayKeepsTheTaskThatAnswersAfterwards() throws Exception {
    fake.inject(Endpoint.CREATE, Fault.slow(Duration.ofSeconds(4)));
    String said = stoppedOnceCreated(1, "generate", "--image", "https://img.example/a.png", "--prompt",
        "a slow create", "--base-url", fake.baseUrl());

    String taskId = fake.creates().get(0).taskId();
    assertThat(said).contains("waiting up to 8 s for its answer so that a paid task id is not lost")
        .contains("interrupted; task " + taskId + " goes on running on the provider");
    CliRun.Result history = cli().run("history", "--json");
    assertThat(history.out()).as("the history keeps the paid task, not an unknown job").contains(taskId)
        .doesNotContain("\"status\":\"unknown\"");
    assertThat(((java.util.List<?>) history.json().get("tasks"))).as("the note written before the wait is closed, not"
        + " kept beside its task as found: " + history.out()).hasSize(1);
    assertThat(fake.creates()).hasSize(1);
  }

  @Test
  @SuppressWarnings("unchecked")
  void generateKilledWhileItsCreateIsOnItsWayLeavesTheJobUnknownSoThatRunningItAgainIsRefusedWhileItMayStillAnswer()
      throws Exception {
    fake.inject(Endpoint.CREATE, Fault.stall()); // never answered: the kill comes while it is on its way
    List<String> job = List.of("generate", "--image", "https://img.example/a.png", "--prompt", "a killed create",
        "--base-url", fake.baseUrl());
    Process process = cli().startProcess(dir.resolve("out.txt"), dir.resolve("err.txt"), job);
    try {
      await().atMost(Duration.ofSeconds(60)).until(() -> fake.creates().size() == 1);
    } finally {
      process.destroyForcibly(); // kill -9: no hook runs
    }
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();

    CliRun.Result history = cli().run("history", "--json");
    assertThat(history.out()).as("written before the create went out").contains("\"status\":\"unknown\"")
        .contains("no answer is recorded yet");
    CliRun.Result again = cli().run(job.toArray(String[]::new));
    assertThat(again.err()).as("the same job is not paid again unannounced, nor while its create may be on its way")
        .contains("the same job was submitted", "its create has had no answer yet and may still be on its way",
            "add --again");
    assertThat(again.err()).as("the time given is when the answer can no longer come, not a bound on the task's date")
        .contains("(UTC), when its answer can no longer come, if the provider's dashboard shows that it made no task"
            + " (a task it made would be dated about ")
        .doesNotContain("made no task after");
    assertThat(again.exitCode()).isEqualTo(ExitCodes.OTHER);
    CliRun.Result close = cli().run("history", "--close", (String) ((List<Map<String, Object>>) cli()
        .run("history", "--json").json().get("tasks")).get(0).get("task_id"), "--no-task");
    assertThat(close.exitCode()).as("no task cannot be known yet: " + close.all()).isEqualTo(2);
    assertThat(close.err()).contains("may still be on its way", "nothing was closed", "wait until");
    assertThat(fake.creates()).as("sent once").hasSize(1);
  }

  @Test
  void aWaitNamedByAnUnansweredCreateSavesTheVideoWhereThatCreatesCommandWasToldTo() throws Exception {
    fake.inject(Endpoint.CREATE, Fault.slow(Duration.ofSeconds(20))); // the task is made; the kill comes before its answer
    Process process = cli().startProcess(dir.resolve("out.txt"), dir.resolve("err.txt"), List.of("generate",
        "--model", "seedance-2", "--prompt", "a killed seedance create", "--out", "c.mp4", "--base-url", fake.baseUrl()));
    try {
      await().atMost(Duration.ofSeconds(60)).until(() -> fake.creates().size() == 1);
    } finally {
      process.destroyForcibly(); // kill -9: no hook runs
    }
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    java.util.regex.Matcher name = java.util.regex.Pattern.compile("unanswered-vg-[A-Za-z0-9-]+")
        .matcher(Files.readString(home.resolve("history.jsonl")));
    assertThat(name.find()).isTrue();

    CliRun.Result waited = cli().run("wait", name.group(), "--base-url", fake.baseUrl(), "--poll-interval", "20ms");

    assertThat(waited.exitCode()).as(waited.all()).isZero();
    assertThat(waited.err()).contains("saving the video to " + dir.resolve("c.mp4") + ", the --out of the command"
        + " whose create this was");
    assertThat(Files.size(dir.resolve("c.mp4"))).isPositive();
    assertThat(fake.creates()).as("paid once").hasSize(1);
  }

  @Test
  @SuppressWarnings("unchecked")
  void generateKilledDuringItsUploadSentNoCreateSoTheSameJobRunAgainIsNotHeldBack() throws Exception {
    Images.png(640, 360).writeTo(dir.resolve("product.png"));
    fake.inject(Endpoint.UPLOAD, Fault.stall()); // the kill comes while the image is being uploaded
    List<String> job = List.of("generate", "--image", "product.png", "--prompt", "killed while uploading",
        "--no-wait", "--base-url", fake.baseUrl());
    Process process = cli().startProcess(dir.resolve("out.txt"), dir.resolve("err.txt"), job);
    try {
      await().atMost(Duration.ofSeconds(60)).until(() -> !fake.requests(Endpoint.UPLOAD).isEmpty());
    } finally {
      process.destroyForcibly(); // kill -9: no hook runs
    }
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String left = Files.readString(home.resolve("history.jsonl"));
    assertThat(left).as("the submit's note, as the kill left it").contains("\"status\":\"unknown\"")
        .contains("its submit began at");
    java.util.regex.Matcher name = java.util.regex.Pattern.compile("unanswered-[A-Za-z0-9-]+").matcher(left);
    assertThat(name.find()).isTrue();
    CliRun.Result status = cli().run("status", name.group(), "--base-url", fake.baseUrl());
    CliRun.Result history = cli().run("history", "--json");
    assertThat(status.err()).as("told what happened, not that a create went out: " + status.all())
        .contains("has nothing to look up: the run that wrote it ended before its create went out; nothing was sent"
            + " or billed");
    assertThat(history.out()).as("history shows no job that may be billed").doesNotContain("\"status\":\"unknown\"");
    assertThat(fake.requests(Endpoint.STATUS)).as("nothing to look up").isEmpty();
    fake.clearFaults();

    CliRun.Result again = cli().run(job.toArray(String[]::new));

    assertThat(again.exitCode()).as(again.all()).isZero();
    assertThat(fake.creates()).as("the first run sent none; this one sent its own").hasSize(1);
    List<Map<String, Object>> tasks = (List<Map<String, Object>>) cli().run("history", "--json").json().get("tasks");
    assertThat(tasks).as("the killed run's note is closed, not left unknown").hasSize(1)
        .allSatisfy(task -> assertThat(task.get("status")).isNotEqualTo("unknown"));
  }

  @Test
  void aRunLeavesNoMarkerBehindWhetherItsCreateWentOutOrItEndedBefore() throws Exception {
    Images.png(640, 360).writeTo(dir.resolve("product.png"));
    fake.inject(Endpoint.UPLOAD, Fault.status(400));
    CliRun.Result refused = cli().run("generate", "--image", "product.png", "--prompt", "upload refused", "--no-wait",
        "--base-url", fake.baseUrl());
    CliRun.Result sent = cli().run("generate", "--image", "https://img.example/a.png", "--prompt", "sent",
        "--no-wait", "--base-url", fake.baseUrl());

    assertThat(refused.exitCode()).as(refused.all()).isNotZero();
    assertThat(sent.exitCode()).as(sent.all()).isZero();
    Path markers = home.resolve("running");
    assertThat(Files.isDirectory(markers) ? Files.list(markers).toList() : List.<Path>of()).isEmpty();
  }

  @Test
  void aSubmitStillRunningIsNotTakenForOneThatEndedBeforeItsCreate() throws Exception {
    Images.png(640, 360).writeTo(dir.resolve("product.png"));
    fake.inject(Endpoint.UPLOAD, Fault.stall());
    List<String> job = List.of("generate", "--image", "product.png", "--prompt", "still uploading", "--no-wait",
        "--base-url", fake.baseUrl());
    Process process = cli().startProcess(dir.resolve("out.txt"), dir.resolve("err.txt"), job);
    try {
      await().atMost(Duration.ofSeconds(60)).until(() -> !fake.requests(Endpoint.UPLOAD).isEmpty());

      CliRun.Result again = cli().run(job.toArray(String[]::new));

      assertThat(again.exitCode()).as("the first run may still send its create: " + again.all())
          .isEqualTo(ExitCodes.OTHER);
      assertThat(again.err()).contains("the same job was started", "which is still going",
          "its create has not been sent yet");
      assertThat(fake.creates()).isEmpty();
    } finally {
      process.destroyForcibly();
    }
  }

  @Test
  @SuppressWarnings("unchecked")
  void aPlaygroundKilledDuringItsUploadSentNoCreateSoTheSameJobGoesOutFromGenerateOnce() throws Exception {
    Path image = dir.resolve("product.png");
    Images.png(640, 360).writeTo(image);
    fake.inject(Endpoint.UPLOAD, Fault.stall()); // the kill comes while the playground uploads the image
    Path out = dir.resolve("serve.out");
    Process serve = cli().startProcess(out, dir.resolve("serve.err"), List.of("serve", "--port", "0", "--base-url",
        fake.baseUrl()));
    java.net.http.HttpClient http = java.net.http.HttpClient.newHttpClient();
    try {
      String url = await().atMost(Duration.ofSeconds(60)).until(() -> playgroundUrl(Files.readString(out)),
          found -> found != null);
      String token = PrintedToken.in(Files.readString(out));
      java.net.http.HttpResponse<String> uploaded = http.send(java.net.http.HttpRequest.newBuilder(
              java.net.URI.create(url + "api/uploads")).header("X-File-Name", "product.png")
          .header(PrintedToken.HEADER, token)
          .POST(java.net.http.HttpRequest.BodyPublishers.ofFile(image)).build(),
          java.net.http.HttpResponse.BodyHandlers.ofString());
      String upload = (String) dev.vidgen.core.json.JsonTrees.tryParseObject(uploaded.body()).orElseThrow().get("upload");
      String job = "{\"model\":\"grok-video-1.5-preview\",\"prompt\":\"killed while uploading\",\"seconds\":10,"
          + "\"aspect_ratio\":\"16:9\",\"images\":[{\"upload\":\"" + upload + "\"}]}";
      http.sendAsync(java.net.http.HttpRequest.newBuilder(java.net.URI.create(url + "api/generate"))
          .header("Content-Type", "application/json").header(PrintedToken.HEADER, token).POST(java.net.http.HttpRequest.BodyPublishers.ofString(job))
          .build(), java.net.http.HttpResponse.BodyHandlers.discarding());
      await().atMost(Duration.ofSeconds(60)).until(() -> !fake.requests(Endpoint.UPLOAD).isEmpty());
    } finally {
      serve.destroyForcibly(); // kill -9: no hook runs
    }
    assertThat(serve.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(Files.readString(home.resolve("history.jsonl"))).as("the playground's note, as the kill left it")
        .contains("\"status\":\"unknown\"").contains("its submit began at");
    fake.clearFaults();

    CliRun.Result again = cli().run("generate", "--image", "product.png", "--prompt", "killed while uploading",
        "--seconds", "10", "--aspect-ratio", "16:9", "--no-wait", "--base-url", fake.baseUrl());

    assertThat(again.exitCode()).as("nothing went out from the playground, so nothing holds the job back: "
        + again.all()).isZero();
    assertThat(fake.creates()).as("the playground sent none; generate sent its own").hasSize(1);
    List<Map<String, Object>> tasks = (List<Map<String, Object>>) cli().run("history", "--json").json().get("tasks");
    assertThat(tasks).as("the playground's note is closed as nothing sent").hasSize(1)
        .allSatisfy(task -> assertThat(task.get("status")).isNotEqualTo("unknown"));
  }

  private static String playgroundUrl(String printed) {
    java.util.regex.Matcher found = java.util.regex.Pattern.compile("(http://127\\.0\\.0\\.1:\\d+/)").matcher(printed);
    return found.find() ? found.group(1) : null;
  }

  /** Runs {@code job} as a process and kills it (kill -9: no hook runs) once the fake has its create. */
  private void killedOnceCreated(List<String> job) throws Exception {
    Process process = cli().startProcess(dir.resolve("out.txt"), dir.resolve("err.txt"), job);
    try {
      await().atMost(Duration.ofSeconds(60)).until(() -> !fake.requests(Endpoint.CREATE).isEmpty());
    } finally {
      process.destroyForcibly();
    }
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
  }

  @Test
  @SuppressWarnings("unchecked")
  void aTaskFoundForAKilledGenerateIsAdvisedToTheOutItsCommandWasGiven() throws Exception {
    fake.inject(Endpoint.CREATE, Fault.slow(Duration.ofSeconds(20))); // the task is made; its answer comes too late
    killedOnceCreated(List.of("generate", "--model", "seedance-2", "--prompt", "a killed create", "--seconds", "5",
        "--out", "sdk.mp4", "--base-url", fake.baseUrl()));
    String note = (String) ((List<Map<String, Object>>) cli().run("history", "--json").json().get("tasks")).get(0)
        .get("task_id");

    CliRun.Result status = cli().run("status", note, "--base-url", fake.baseUrl(), "--json");
    CliRun.Result said = cli().run("status", note, "--base-url", fake.baseUrl());

    assertThat(status.exitCode()).as(status.all()).isZero();
    assertThat(status.json()).containsEntry("task_id", fake.creates().get(0).taskId());
    assertThat(said.out()).as(said.all()).containsPattern("next +vidgen (wait|download) "
        + fake.creates().get(0).taskId() + " .*--out " + java.util.regex.Pattern.quote(dir.resolve("sdk.mp4").toString()));
  }

  @Test
  @SuppressWarnings("unchecked")
  void theMadeByAdviceOfAKilledGenerateWithoutAReferenceNamesItsOut() throws Exception {
    fake.inject(Endpoint.CREATE, Fault.stall());
    killedOnceCreated(List.of("generate", "--image", "https://img.example/a.png", "--prompt", "a killed create",
        "--out", "grok.mp4", "--base-url", fake.baseUrl()));

    Map<String, Object> note = ((List<Map<String, Object>>) cli().run("history", "--json").json().get("tasks")).get(0);
    assertThat((String) note.get("task_id")).startsWith("unanswered-noref-");
    assertThat((String) note.get("error")).contains("vidgen wait TASK_ID --made-by " + note.get("task_id") + " --out "
        + dir.resolve("grok.mp4"));

    // The status of the note gives the same: status takes no --out, so it advises the wait that saves it there.
    CliRun.Result status = cli().run("status", (String) note.get("task_id"), "--base-url", fake.baseUrl());
    assertThat(status.err()).contains("once found, vidgen wait TASK_ID --made-by " + note.get("task_id") + " --out "
        + dir.resolve("grok.mp4"), "records it as what this create made and saves its video there");
  }

  @Test
  void generateStoppedDuringItsUploadSaysNothingWasMade() throws Exception {
    fake.inject(Endpoint.UPLOAD, Fault.slow(Duration.ofSeconds(4)));
    dev.vidgen.testkit.fixtures.Images.png().writeTo(dir.resolve("still.png"));

    String said = stoppedOnce(() -> fake.requests(Endpoint.UPLOAD).size() == 1, "generate", "--image", "still.png",
        "--prompt", "an upload stopped", "--base-url", fake.baseUrl());

    assertThat(said).as("not a silent exit").contains("interrupted before the create went out: no task was made");
    assertThat(fake.creates()).isEmpty();
    assertThat(cli().run("history", "--json").out()).doesNotContain("\"status\":\"unknown\"");
  }

  @Test
  void aCreateAnsweredAfterTheStopHasItsTaskIdOnStdoutAsAnUninterruptedRunHas() throws Exception {
    fake.inject(Endpoint.CREATE, Fault.slow(Duration.ofSeconds(3)));
    // Stopped once the create has arrived, well before its answer leaves.
    stoppedOnce(() -> !fake.requests(Endpoint.CREATE).isEmpty(), "generate", "--image", "https://img.example/a.png",
        "--prompt", "a slow create", "--base-url", fake.baseUrl());

    String taskId = fake.creates().get(0).taskId();
    String stdout = Files.readString(dir.resolve("out.txt"), StandardCharsets.UTF_8);
    assertThat(stdout).as("a script reads task ids from stdout").containsOnlyOnce("task " + taskId + " submitted (");
  }

  @Test
  void generateStoppedBeforeItsCreateWentOutIsNotRecordedAsA429() throws Exception {
    fake.inject(Endpoint.BALANCE, Fault.slow(Duration.ofSeconds(10)));

    String said = stoppedOnce(() -> !fake.requests(Endpoint.BALANCE).isEmpty(), "generate", "--image",
        "https://img.example/a.png", "--prompt", "a stop before the create", "--base-url", fake.baseUrl());

    assertThat(said).contains("interrupted before the create went out: no task was made");
    assertThat(fake.creates()).isEmpty();
    String history = Files.readString(home.resolve("history.jsonl"), StandardCharsets.UTF_8);
    // 429 as a word of its own: the lines' timestamps, the fake's port and the note's random id (hex, such as
    // "…-429d-…") may hold the digits 429.
    assertThat(history).as("no 429 or 503 happened").doesNotContainPattern("(?<![0-9A-Za-z])429(?![0-9A-Za-z])")
        .doesNotContain("held back or refused")
        .contains("stopped before its create went out; nothing was made");
  }

  @Test
  void generateStoppedWhileItsCreateWaitsOutA429LeavesNoUnknownJob() throws Exception {
    fake.inject(Endpoint.CREATE, Fault.rateLimited(Duration.ofSeconds(30)));
    String said = stoppedOnceCreated(1, "generate", "--image", "https://img.example/a.png", "--prompt",
        "a refused create", "--base-url", fake.baseUrl());

    assertThat(said).doesNotContain("may exist and be billed").doesNotContain("waiting up to 8 s")
        .as("the cancelled resend is no error of its own").doesNotContain("unexpected error");
    CliRun.Result history = cli().run("history", "--json");
    assertThat(history.out()).as("a 429 made no task: nothing to look for").doesNotContain("\"status\":\"unknown\"");
    assertThat(fake.taskIds()).isEmpty();
  }

  @Test
  void aBatchStoppedWhileCreatesAreOnTheirWayJournalsTheirTasksAndTheNextRunFollowsThem() throws Exception {
    fake.inject(Endpoint.CREATE, Fault.slow(Duration.ofSeconds(4)), 2);
    Path jobs = dir.resolve("jobs.jsonl");
    Files.write(jobs, List.of(
        "{\"id\": \"a\", \"prompt\": \"a turns\", \"images\": [\"https://img.example/a.png\"], \"seconds\": 10}",
        "{\"id\": \"b\", \"prompt\": \"b turns\", \"images\": [\"https://img.example/b.png\"], \"seconds\": 10}",
        "{\"id\": \"c\", \"prompt\": \"c turns\", \"images\": [\"https://img.example/c.png\"], \"seconds\": 10}"));
    String said = stoppedOnceCreated(2, "batch", jobs.toString(), "--concurrency", "2", "--base-url", fake.baseUrl());

    assertThat(said)
        .contains("interrupted with 2 creates on the way; waiting up to 8 s for their answers")
        .contains("of the 2 creates on the way, 2 ended and are in the journal (with their tasks, or, without an answer,"
            + " among the jobs above whose create has no answer yet), 0 did not answer");
    assertThat(fake.creates()).as("no new create went out while the process stopped (c waits for the next run)")
        .hasSize(2);
    CliRun.Result again = cli().run("batch", jobs.toString(), "--base-url", fake.baseUrl(), "--poll-interval", "20ms",
        "--json");
    assertThat(again.exitCode()).as(again.all()).isZero();
    assertThat(fake.creates()).as("the next run followed a's and b's tasks and sent c; it paid for none twice")
        .hasSize(3);
  }

  @Test
  void aBatchStoppedWhileItsVideosAreWrittenLeavesNoPartFilesAndTheNextRunSavesThem() throws Exception {
    Path jobs = twoJobsWhoseVideosTrickle();
    Path videos = dir.resolve("jobs-videos");
    String said = stoppedOnce(() -> partsIn(videos) == 2, "batch", jobs.toString(), "--concurrency", "2",
        "--base-url", fake.baseUrl(), "--poll-interval", "20ms");

    assertThat(said).contains("interrupted");
    assertThat(namesIn(videos)).as("a graceful stop deletes the partial files of the downloads it abandons")
        .noneMatch(name -> name.endsWith(".part"));
    savedByTheNextRun(jobs, videos);
  }

  @Test
  void aBatchKilledWhileItsVideosAreWrittenLeavesPartFilesThatTheNextRunRemoves() throws Exception {
    Path jobs = twoJobsWhoseVideosTrickle();
    Path videos = dir.resolve("jobs-videos");
    Process process = cli().startProcess(dir.resolve("out.txt"), dir.resolve("err.txt"), List.of("batch",
        jobs.toString(), "--concurrency", "2", "--base-url", fake.baseUrl(), "--poll-interval", "20ms"));
    try {
      await().atMost(Duration.ofSeconds(60)).until(() -> partsIn(videos) == 2);
    } finally {
      process.destroyForcibly(); // kill -9: no hook runs
    }
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(partsIn(videos)).as("kill -9 leaves them").isEqualTo(2);

    savedByTheNextRun(jobs, videos);
  }

  /** Two jobs whose videos are sent 16 bytes every 200 ms by their first download only. */
  private Path twoJobsWhoseVideosTrickle() throws java.io.IOException {
    fake.inject(Endpoint.FILE, Fault.trickle(Duration.ofMillis(200)), 2);
    Path jobs = dir.resolve("jobs.jsonl");
    Files.write(jobs, List.of(
        "{\"id\": \"a\", \"prompt\": \"a turns\", \"images\": [\"https://img.example/a.png\"], \"seconds\": 10}",
        "{\"id\": \"b\", \"prompt\": \"b turns\", \"images\": [\"https://img.example/b.png\"], \"seconds\": 10}"));
    return jobs;
  }

  /** The same batch run again downloads both videos, pays for no task twice and leaves no partial file. */
  private void savedByTheNextRun(Path jobs, Path videos) throws java.io.IOException {
    CliRun.Result again = cli().run("batch", jobs.toString(), "--base-url", fake.baseUrl(), "--poll-interval", "20ms",
        "--json");
    assertThat(again.exitCode()).as(again.all()).isZero();
    assertThat(fake.creates()).as("both tasks were kept in the journal and followed, not paid for again").hasSize(2);
    assertThat(namesIn(videos)).as("both videos saved, nothing half-written left").contains("a.mp4", "b.mp4")
        .noneMatch(name -> name.endsWith(".part"));
  }

  private static long partsIn(Path folder) throws java.io.IOException {
    return namesIn(folder).stream().filter(name -> name.endsWith(".part")).count();
  }

  private static List<String> namesIn(Path folder) throws java.io.IOException {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (java.util.stream.Stream<Path> files = Files.list(folder)) {
      return files.map(file -> file.getFileName().toString()).toList();
    }
  }

  @Test
  void aBatchStoppedWhileSomeCreatesWaitForAFreeConnectionNeverSendsThem() throws Exception {
    fake.inject(Endpoint.CREATE, Fault.slow(Duration.ofSeconds(4)), 5);
    Path jobs = dir.resolve("jobs.jsonl");
    List<String> lines = new java.util.ArrayList<>();
    for (char id = 'a'; id <= 'g'; id++) {
      lines.add("{\"id\": \"" + id + "\", \"prompt\": \"" + id + " turns\", \"images\": [\"https://img.example/" + id
          + ".png\"], \"seconds\": 10}");
    }
    Files.write(jobs, lines);
    // Eight creates at once, five connections: two creates wait in the HTTP client's queue when the stop comes.
    String said = stoppedOnceCreated(5, "batch", jobs.toString(), "--concurrency", "8", "--base-url", fake.baseUrl());

    assertThat(fake.creates()).as("the two waiting creates never went out, not even once a connection was free")
        .hasSize(5);
    // A waiting create may already be in the client's hands when the stop comes (the run's timing decides): it is
    // counted on its way, then said never to have left.
    java.util.regex.Matcher onTheWay = java.util.regex.Pattern.compile("interrupted with (\\d) creates on the way")
        .matcher(said);
    assertThat(onTheWay.find()).as(said).isTrue();
    int counted = Integer.parseInt(onTheWay.group(1));
    assertThat(counted).as("the five sent, and perhaps creates that waited for a connection").isBetween(5, 7);
    assertThat(said).contains("of the " + counted + " creates on the way, 5 ended and are in the journal (with their"
        + " tasks, or, without an answer, among the jobs above whose create has no answer yet), "
        + (counted > 5 ? (counted - 5) + " never left (nothing was made), " : "") + "0 did not answer");
    // A job held back never went out, so its line may still be changed: it is not "tried" in the journal.
    List<String> sent = fake.creates().stream().map(CreateRecord::body).toList();
    List<String> edited = lines.stream()
        .map(line -> sent.stream().anyMatch(body -> body.contains("\"" + line.charAt(8) + " turns\"")) ? line
            : line.replace(" turns\"", " turns slowly\""))
        .toList();
    assertThat(edited).as("two lines changed").filteredOn(line -> line.contains("slowly")).hasSize(2);
    Files.write(jobs, edited);
    CliRun.Result again = cli().run("batch", jobs.toString(), "--base-url", fake.baseUrl(), "--poll-interval", "20ms",
        "--json");
    assertThat(again.exitCode()).as(again.all()).isZero();
    assertThat(again.out()).contains("\"completed\":7").contains("\"unknown\":0");
    assertThat(fake.creates()).as("the next run sent the two held back; none was paid twice").hasSize(7);
  }

  @Test
  void aBatchStoppedWhileACreateWaitsOutA429LeavesItsJobForTheNextRunNotUnknown() throws Exception {
    fake.inject(Endpoint.CREATE, Fault.rateLimited(Duration.ofSeconds(30)), 1);
    Path jobs = dir.resolve("jobs.jsonl");
    Files.write(jobs, List.of(
        "{\"id\": \"a\", \"prompt\": \"a turns\", \"images\": [\"https://img.example/a.png\"], \"seconds\": 10}"));
    String said = stoppedOnceCreated(1, "batch", jobs.toString(), "--base-url", fake.baseUrl());

    // Stopped before the 429 came back, the create was on its way and is answered; after, it was waiting: either way
    // it does not keep the process for 8 s nor leave an unanswered create behind.
    assertThat(said).as("the 429 made no task").doesNotContain("1 did not answer");
    CliRun.Result again = cli().run("batch", jobs.toString(), "--base-url", fake.baseUrl(), "--poll-interval", "20ms",
        "--json");
    assertThat(again.exitCode()).as(again.all()).isZero();
    assertThat(again.out()).as("sent again without --resubmit-unknown").contains("\"completed\":1")
        .contains("\"unknown\":0");
    assertThat(fake.taskIds()).as("one task, paid once").hasSize(1);
  }

  @Test
  void extendStoppedWhileItsCreateIsOnItsWayKeepsTheTaskThatAnswersAfterwards() throws Exception {
    CliRun.Result first = cli().run("generate", "--model", "grok-video-1.0", "--prompt", "a red kite rises",
        "--base-url", fake.baseUrl(), "--poll-interval", "20ms", "--out", "source/", "--json");
    assertThat(first.exitCode()).as(first.all()).isZero();
    String source = (String) first.json().get("task_id");
    fake.inject(Endpoint.EXTEND, Fault.slow(Duration.ofSeconds(4)));

    String said = stoppedOnce(() -> fake.requests(Endpoint.EXTEND).size() == 1, "extend", source, "--prompt",
        "the kite climbs higher", "--base-url", fake.baseUrl());

    List<String> tasks = fake.taskIds();
    assertThat(tasks).as("the source and the extend").hasSize(2);
    String extended = tasks.get(1);
    assertThat(said).contains("waiting up to 8 s for its answer so that a paid task id is not lost")
        .contains("interrupted; task " + extended + " goes on running on the provider");
    CliRun.Result history = cli().run("history", "--json");
    assertThat(history.out()).as("the history keeps the paid extend").contains(extended)
        .doesNotContain("\"status\":\"unknown\"").doesNotContain("\"status\":\"found\"");
  }

  @Test
  void anExtendWithoutAnAnswerIsKeptInTheHistoryAsUnknown() throws Exception {
    CliRun.Result first = cli().run("generate", "--model", "grok-video-1.0", "--prompt", "a red kite rises",
        "--base-url", fake.baseUrl(), "--poll-interval", "20ms", "--out", "source/", "--json");
    String source = (String) first.json().get("task_id");
    fake.inject(Endpoint.EXTEND, Fault.stall());

    CliRun.Result extended = cli().run("extend", source, "--prompt", "the kite climbs higher", "--base-url",
        fake.baseUrl(), "--set", "timeout.call=1s");

    assertThat(extended.exitCode()).as(extended.all()).isEqualTo(5);
    assertThat(extended.err()).contains("may exist and be billed").as("the source is not the task that may be billed")
        .doesNotContain("(task " + source);
    CliRun.Result history = cli().run("history", "--json");
    assertThat(history.out()).as("kept as unknown").contains("\"status\":\"unknown\"")
        .contains("\"source\":\"extend of " + source + "\"");
  }

  @Test
  void extendStoppedAfterAServerErrorIsNotSentAgainAndIsKeptAsUnknown() throws Exception {
    CliRun.Result first = cli().run("generate", "--model", "grok-video-1.0", "--prompt", "a red kite rises",
        "--base-url", fake.baseUrl(), "--poll-interval", "20ms", "--out", "source/", "--json");
    String source = (String) first.json().get("task_id");
    // The 500 comes 2 s after the extend made its task: the stop lands first, and no resend may follow it.
    fake.inject(Endpoint.EXTEND, Fault.serverError().afterProcessing().answeredAfter(Duration.ofSeconds(2)));

    String said = stoppedOnce(() -> fake.requests(Endpoint.EXTEND).size() == 1, "extend", source, "--prompt",
        "the kite climbs higher", "--base-url", fake.baseUrl());

    assertThat(fake.requests(Endpoint.EXTEND)).as("not sent again after the stop").hasSize(1);
    assertThat(said).contains("got an answer that may have made it").contains("The job is in the history as unknown")
        .contains("so running it again asks first");
    CliRun.Result history = cli().run("history", "--json");
    assertThat(history.out()).contains("\"status\":\"unknown\"").contains("\"source\":\"extend of " + source + "\"");
  }

  @Test
  void generateStoppedWhileItsCreateWaitsOutA429SaysNothingWasMade() throws Exception {
    fake.inject(Endpoint.CREATE, Fault.rateLimited(Duration.ofSeconds(30)));
    String said = stoppedOnceCreated(1, "generate", "--image", "https://img.example/a.png", "--prompt",
        "a refused create", "--base-url", fake.baseUrl(), "--json");

    assertThat(said).contains("interrupted before the create was sent again").contains("nothing was made or billed");
    assertThat(fake.creates()).as("not sent again").hasSize(1);
  }

  @Test
  void theSameExtendOfTheSameTaskAgainSaysSoBeforePayingAgain() throws Exception {
    CliRun.Result first = cli().run("generate", "--model", "grok-video-1.0", "--prompt", "a red kite rises",
        "--base-url", fake.baseUrl(), "--poll-interval", "20ms", "--out", "source/", "--json");
    String source = (String) first.json().get("task_id");
    List<String> extend = List.of("extend", source, "--prompt", "the kite climbs higher", "--base-url", fake.baseUrl(),
        "--no-wait");

    CliRun.Result once = cli().run(extend.toArray(String[]::new));
    CliRun.Result twice = cli().run(extend.toArray(String[]::new));
    CliRun.Result other = cli().run("extend", source, "--prompt", "the kite lands", "--base-url", fake.baseUrl(),
        "--no-wait");

    assertThat(once.err()).doesNotContain("the same job was submitted");
    assertThat(twice.exitCode()).as("a script is refused; a terminal would be asked: " + twice.all()).isEqualTo(1);
    assertThat(twice.err()).contains("the same job was submitted").contains("nothing was sent")
        .contains("or add --again to pay again (its price is unknown) for another take");
    assertThat(fake.requests(Endpoint.EXTEND)).as("the same extend is not paid twice").hasSize(2);
    assertThat(other.err()).as("another prompt is another job").doesNotContain("the same job was submitted");
  }

  @Test
  void aCreateOnItsWayAtCtrlCThatIsThenRefusedWithA429LeavesNoUnknownJob() throws Exception {
    fake.inject(Endpoint.CREATE, Fault.rateLimited(Duration.ofSeconds(30)).answeredAfter(Duration.ofSeconds(3)));
    String said = stoppedOnceCreated(1, "generate", "--image", "https://img.example/a.png", "--prompt",
        "a refused create", "--base-url", fake.baseUrl());

    assertThat(said).contains("waiting up to 8 s").contains("nothing was made or billed");
    CliRun.Result history = cli().run("history", "--json");
    assertThat(history.out()).as("the unknown row written while it was on its way is closed").doesNotContain(
        "\"status\":\"unknown\"");
    assertThat(fake.creates()).hasSize(1);
  }
}
