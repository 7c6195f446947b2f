package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vidgen.testkit.fixtures.Images;
import dev.vidgen.testkit.toapis.Endpoint;
import dev.vidgen.testkit.toapis.FakeToApisServer;
import dev.vidgen.testkit.toapis.Fault;
import dev.vidgen.testkit.toapis.Lifecycle;
import dev.vidgen.testkit.toapis.TaskScript;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Where {@code --out} puts the video (folder, file, stdout), what is checked before anything is
 * paid for, what a failed save leaves the user, and how hostile server text is printed; each
 * runs the real command against the fake ToAPIs.
 */
class OutAndSafetyCommandsTest {
  private static final String KEY = "sk-test" + "6".repeat(44);

  @RegisterExtension
  final CliOnFakeToApis cli = CliOnFakeToApis.builder(KEY).start();
  private final Path dir = cli.dir();
  private FakeToApisServer fake = cli.fake();

  private String[] withFake(String... args) {
    return Stream.concat(Stream.of(args),
        Stream.of("--base-url", fake.baseUrl(), "--poll-interval", "20ms", "--retry-delay", "1ms"))
        .toArray(String[]::new);
  }

  private CliRun.Result vidgen(String... args) {
    CliRun.Result result = cli.withoutHome().run(withFake(args));
    assertThat(result.all()).as("the key is never printed").doesNotContain(KEY.substring(3));
    return result;
  }

  /** Runs vidgen against the fake with the key and a task history of its own, in {@code dir/home}. */
  private CliRun.Result withHistory(String... args) throws IOException {
    Path home = Files.createDirectories(dir.resolve("home"));
    return cli.withoutHome().env("VIDGEN_HOME", home.toString()).run(withFake(args));
  }

  /** Generates a video saved as clip.mp4, the history kept; returns its task. */
  private String savedToClip() throws IOException {
    CliRun.Result sent = withHistory("generate", "--image", "product.png", "--prompt", "slow push-in",
        "--out", "clip.mp4");
    assertThat(sent.exitCode()).as(sent.all()).isZero();
    return fake.taskIds().get(0);
  }

  private CliRun.Result generate(String... more) {
    return vidgen(Stream.concat(Stream.of("generate", "--image", "product.png", "--prompt", "slow push-in"),
        Stream.of(more)).toArray(String[]::new));
  }

  @Test
  void aRedirectedCallSaysToCheckTheBaseUrlAndVerboseHidesWhatABaseUrlMayHide() {
    fake.inject(Endpoint.BALANCE, Fault.answer(302, "text/plain", "").withHeader("Location", "https://elsewhere.example/"));
    CliRun.Result redirected = vidgen("balance");
    assertThat(redirected.err()).as(redirected.all()).contains("a redirect to https://elsewhere.example/",
        "check --base-url (or TOAPIS_BASE_URL)");

    CliRun.Result verbose = cli.withoutHome()
        .run("balance", "--verbose", "--base-url", "http://me:hunter2@127.0.0.1:9/?token=swordfish#frag");
    assertThat(verbose.exitCode()).as(verbose.all()).isEqualTo(ExitCodes.INVALID_JOB);
    assertThat(verbose.all()).contains("base URL http://…@127.0.0.1:9/?…").doesNotContain("hunter2", "swordfish");
  }

  @Test
  void aKeyPastedIntoTheBaseUrlIsRefusedAsABadBaseUrlAndNeverPrinted() {
    String withKey = fake.baseUrl() + "/" + KEY;
    List<CliRun.Result> runs = List.of(
        cli.withoutHome().run("balance", "--verbose", "--base-url", withKey),
        cli.withoutHome().run("generate", "--image", "product.png", "--prompt", "p",
            "--dry-run", "--verbose", "--base-url", withKey),
        cli.withoutHome().env("TOAPIS_BASE_URL", withKey).run("balance", "--verbose"));

    assertThat(runs).allSatisfy(run -> {
      assertThat(run.exitCode()).as(run.all()).isEqualTo(ExitCodes.INVALID_JOB);
      assertThat(run.all()).contains("must not contain the API key").doesNotContain(KEY.substring(3));
    });
    assertThat(fake.requests()).as("nothing was sent").isEmpty();
  }

  @Test
  void aTrailingSlashMeansAFolderThatIsMadeAndTheFileIsNamedAfterTheTask() throws IOException {
    CliRun.Result result = generate("--out", "videos/new/", "--json");

    assertThat(result.exitCode()).as(result.all()).isZero();
    String taskId = (String) result.json().get("task_id");
    Path video = dir.resolve("videos/new/" + taskId + ".mp4");
    assertThat(video).isRegularFile();
    assertThat(Mp4Files.boxes(video)).startsWith("ftyp");
    assertThat(result.json().get("file")).isEqualTo(video.toString());
  }

  @Test
  void anOutInVidgensDataFolderIsRefusedEvenWithForceSoTheHistoryStays() throws IOException {
    assertThat(withHistory("generate", "--image", "product.png", "--prompt", "first job", "--out", "first.mp4")
        .exitCode()).isZero();
    Path history = dir.resolve("home").resolve("history.jsonl");
    byte[] before = Files.readAllBytes(history);

    CliRun.Result over = withHistory("generate", "--image", "product.png", "--prompt", "second job", "--out",
        history.toString(), "--force");

    assertThat(over.exitCode()).as(over.all()).isEqualTo(2);
    assertThat(over.err()).contains("it is vidgen's own file, the task history");
    assertThat(Files.readAllBytes(history)).as("the history as it was").isEqualTo(before);
    assertThat(fake.creates()).as("nothing sent").hasSize(1);
  }

  @Test
  void anImageReplacedAfterValidationBeforeItsUploadCreatesNothingAndTheNewImageIsAnotherJob() throws Exception {
    Path home = Files.createDirectories(dir.resolve("home"));
    fake.inject(Endpoint.BALANCE, Fault.slow(Duration.ofSeconds(2)), 1);
    Path stdout = dir.resolve("stdout.txt");
    Path stderr = dir.resolve("stderr.txt");
    Process first = cli.withoutHome().env("VIDGEN_HOME", home.toString())
        .startProcess(stdout, stderr, List.of(withFake("generate", "--image", "product.png", "--prompt", "re-exported",
            "--no-wait")));
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
        .until(() -> !fake.requests(Endpoint.BALANCE).isEmpty() || !first.isAlive());
    Images.png(800, 450).writeTo(dir.resolve("product.png")); // an editor exports the frame again
    assertThat(first.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(first.exitValue()).as(Files.readString(stderr)).isEqualTo(ExitCodes.INVALID_JOB);
    String said = Files.readString(stderr);
    assertThat(said).contains("product.png changed after the job was validated, found before its upload: nothing"
        + " of this job was uploaded, no task was created").doesNotContain("nothing was sent",
        "before its upload was done");
    assertThat(said.split("run it again once the file is written", -1)).as("the advice once: " + said).hasSize(2);
    assertThat(fake.requests(Endpoint.UPLOAD)).as("bytes that were never checked are not uploaded").isEmpty();
    assertThat(fake.creates()).as("nothing paid for an image other than the one validated").isEmpty();

    CliRun.Result again = withHistory("generate", "--image", "product.png", "--prompt", "re-exported", "--no-wait");

    assertThat(again.exitCode()).as("the new image, sent: " + again.all()).isZero();
    assertThat(fake.creates()).hasSize(1);
  }

  @Test
  void anExistingFolderWithoutASlashIsAFolderToo() throws IOException {
    Files.createDirectories(dir.resolve("clips"));

    CliRun.Result result = generate("--out", "clips", "--json");

    assertThat(result.exitCode()).as(result.all()).isZero();
    assertThat(dir.resolve("clips/" + result.json().get("task_id") + ".mp4")).isRegularFile();
  }

  @Test
  void noWaitChecksTheOutItsWaitWillSaveToBeforePaying() throws IOException {
    Files.writeString(dir.resolve("keep.mp4"), "precious");
    Files.writeString(dir.resolve("a-file"), "not a folder");

    CliRun.Result existing = generate("--no-wait", "--out", "keep.mp4");
    CliRun.Result underAFile = generate("--no-wait", "--out", "a-file/clip.mp4");

    assertThat(existing.exitCode()).as(existing.all()).isEqualTo(ExitCodes.INVALID_JOB);
    assertThat(existing.err()).contains("keep.mp4 already exists", "nothing was sent");
    assertThat(underAFile.exitCode()).as(underAFile.all()).isEqualTo(ExitCodes.INVALID_JOB);
    assertThat(fake.requests()).as("nothing paid for a video the printed wait could not save").isEmpty();

    CliRun.Result forced = generate("--no-wait", "--out", "keep.mp4", "--force");

    assertThat(forced.exitCode()).as(forced.all()).isZero();
    assertThat(forced.out()).as("the way on replaces the file too")
        .containsPattern("next +vidgen wait \\S+ .*--out " + java.util.regex.Pattern.quote(dir.resolve("keep.mp4").toString())
            + " --force");
  }

  @Test
  void aFileThatAnotherRunSavedAtTheOutMeanwhileIsKeptAndTheWayOnSavesBesideItNotOverIt() throws Exception {
    fake.nextTask(TaskScript.completes().taking(Lifecycle.byTime(Duration.ZERO, Duration.ofSeconds(2))));
    // Every status read waits until the other run's file is in place, so this run cannot find its task done sooner.
    CountDownLatch otherFileSaved = new CountDownLatch(1);
    fake.inject(Endpoint.STATUS, Fault.heldUntil(otherFileSaved, Duration.ofSeconds(60)), 20);
    java.util.concurrent.CompletableFuture<CliRun.Result> running = java.util.concurrent.CompletableFuture.supplyAsync(
        () -> generate("--out", "same.mp4"));
    await().atMost(Duration.ofSeconds(20)).until(() -> !fake.taskIds().isEmpty() || running.isDone());
    assertThat(running).as(() -> running.join().all()).isNotDone();
    // Another job of the same --out saves its own paid video there while this task runs.
    Path same = dir.resolve("same.mp4");
    Files.writeString(same, "another task's paid video");
    otherFileSaved.countDown();

    CliRun.Result waited = running.get(60, java.util.concurrent.TimeUnit.SECONDS);

    assertThat(waited.exitCode()).as(waited.all()).isEqualTo(ExitCodes.OTHER);
    assertThat(waited.err()).contains("same.mp4 already exists", "it was kept and this video was not saved")
        .doesNotContain("--force");
    assertThat(same).hasContent("another task's paid video");
    String task = fake.taskIds().get(0);
    Path beside = dir.resolve("same-" + task + ".mp4");
    assertThat(waited.err()).contains("vidgen download " + task, "--out " + beside);

    CliRun.Result saved = vidgen("download", task, "--out", beside.toString());
    assertThat(saved.exitCode()).as(saved.all()).isZero();
    assertThat(Mp4Files.boxes(beside)).startsWith("ftyp");
    assertThat(same).hasContent("another task's paid video");
  }

  @Test
  void aFileThatARunOfTheSameTaskSavedAtTheOutWhileThisOneDownloadedCountsAsSaved() throws Exception {
    fake.nextTask(TaskScript.completes().taking(Lifecycle.byTime(Duration.ZERO, Duration.ofSeconds(2))));
    CliRun.Result sent = withHistory("generate", "--image", "product.png", "--prompt", "slow push-in", "--no-wait",
        "--out", "same.mp4");
    assertThat(sent.exitCode()).as(sent.all()).isZero();
    String task = fake.taskIds().get(0);
    // Of two runs waiting for the task, the one that downloads first is slow: the other saves the video there first.
    fake.inject(Endpoint.FILE, Fault.slow(Duration.ofSeconds(3)), 1);
    CompletableFuture<CliRun.Result> running = CompletableFuture.supplyAsync(() -> waitFor(task));

    CliRun.Result other = waitFor(task);
    CliRun.Result waited = running.get(60, TimeUnit.SECONDS);

    assertThat(other.exitCode()).as(other.all()).isZero();
    assertThat(waited.exitCode()).as(waited.all()).isZero();
    assertThat(other.err() + waited.err()).contains("same.mp4 already holds this task's video",
        "by another run of the same task, as the history says");
    assertThat(Mp4Files.boxes(dir.resolve("same.mp4"))).startsWith("ftyp");
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(file -> file.getFileName().toString())).as("nothing beside it, no part")
          .noneMatch(name -> name.startsWith("same-") || name.endsWith(".part"));
    }
  }

  private CliRun.Result waitFor(String task) {
    try {
      return withHistory("wait", task, "--out", "same.mp4");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void anOverdrawnAccountIsSaidToBeOneAndItsCreateIsRefusedBeforeAnythingIsSent() {
    fake.balance(new java.math.BigDecimal("-5"), false);

    CliRun.Result balance = vidgen("balance");
    CliRun.Result refused = generate("--out", "x.mp4");

    assertThat(balance.out()).as(balance.all()).contains("-5 credits (-$0.025)", "overdrawn: nothing can be spent until"
        + " it is topped up").doesNotContain("unlimited").doesNotContain("$-");
    assertThat(refused.exitCode()).as(refused.all()).isEqualTo(8);
    assertThat(fake.creates()).isEmpty();
  }

  @Test
  void aWaitOrDownloadRunAgainOnAFileHoldingThisTasksVideoHasNothingToDo() throws IOException {
    String task = savedToClip();
    Path clip = dir.resolve("clip.mp4");
    byte[] video = Files.readAllBytes(clip);
    int files = fake.requests(Endpoint.FILE).size();

    // A retried CI step: the same wait, then the same download, on the file the first run saved.
    CliRun.Result waited = withHistory("wait", task, "--out", "clip.mp4", "--json");
    CliRun.Result downloaded = withHistory("download", task, "--out", "clip.mp4");

    for (CliRun.Result again : List.of(waited, downloaded)) {
      assertThat(again.exitCode()).as(again.all()).isZero();
      assertThat(again.err()).contains(clip.toAbsolutePath() + " already holds this task's video, saved ",
          "as the history says; nothing was downloaded (--force downloads it again)");
    }
    assertThat(waited.json()).containsEntry("task_id", task).containsEntry("file", clip.toAbsolutePath().toString());
    assertThat(fake.requests(Endpoint.FILE)).as("nothing downloaded again").hasSize(files);
    assertThat(clip).hasBinaryContent(video);

    // Written over since (by hand, another tool): no longer known to be this task's video, so it is kept and refused.
    Files.writeString(clip, "another task's paid video");
    Files.setLastModifiedTime(clip, java.nio.file.attribute.FileTime.from(java.time.Instant.now().plusSeconds(60)));
    CliRun.Result refused = withHistory("wait", task, "--out", "clip.mp4");
    assertThat(refused.exitCode()).as(refused.all()).isEqualTo(ExitCodes.INVALID_JOB);
    assertThat(refused.err()).contains("clip.mp4 already exists (it may be another task's paid video)");
    assertThat(clip).hasContent("another task's paid video");
  }

  @Test
  void theAdviceToSaveATaskWhoseOutAnotherTasksVideoTookNamesTheFreeFileBesideIt() throws IOException {
    CliRun.Result late = withHistory("generate", "--image", "product.png", "--prompt", "job B", "--out", "clip.mp4",
        "--no-wait");
    assertThat(late.exitCode()).as(late.all()).isZero();
    String taskB = fake.taskIds().get(0);
    CliRun.Result first = withHistory("generate", "--image", "product.png", "--prompt", "job A", "--out", "clip.mp4");
    assertThat(first.exitCode()).as(first.all()).isZero();
    byte[] videoA = Files.readAllBytes(dir.resolve("clip.mp4"));
    String beside = dir.resolve("clip-" + taskB + ".mp4").toAbsolutePath().toString();

    CliRun.Result status = withHistory("status", taskB);
    for (int read = 1; read < 10 && !status.out().contains("status    completed"); read++) {
      status = withHistory("status", taskB); // the fake's tasks move on with each read
    }
    CliRun.Result history = withHistory("history");

    assertThat(status.out()).as(status.all()).contains("vidgen download " + taskB).contains("--out " + beside);
    assertThat(history.out()).as(history.all()).contains("--out " + beside);
    CliRun.Result saved = withHistory("download", taskB, "--out", beside);
    assertThat(saved.exitCode()).as("the advice works as printed: " + saved.all()).isZero();
    assertThat(dir.resolve("clip.mp4")).as("job A's video kept").hasBinaryContent(videoA);
  }

  @Test
  void aVideoIsNotWrittenToATerminalAndNothingIsSent() throws IOException {
    Path home = Files.createDirectories(dir.resolve("home"));
    CliRun.Result refused = cli.withoutHome().env("VIDGEN_HOME", home.toString())
        .stdoutTerminal(true).run(withFake("generate", "--image", "product.png", "--prompt", "slow push-in", "--out",
            "-"));

    assertThat(refused.exitCode()).as(refused.all()).isEqualTo(ExitCodes.INVALID_JOB);
    assertThat(refused.err()).contains("--out - writes the video's bytes to standard output, which is a terminal"
        + " here; nothing was sent", "redirect it (> clip.mp4");
    assertThat(fake.requests(Endpoint.UPLOAD)).isEmpty();
    assertThat(fake.creates()).isEmpty();
  }

  @Test
  void anOutThatIsTheJobsOwnImageIsRefusedEvenWithForceAndNothingIsSent() throws IOException {
    byte[] image = Files.readAllBytes(dir.resolve("product.png"));
    Files.createSymbolicLink(dir.resolve("alias.png"), dir.resolve("product.png"));

    for (String out : List.of("product.png", "alias.png", "./sub/../product.png")) {
      CliRun.Result refused = withHistory("generate", "--image", "product.png", "--prompt", "slow push-in", "--out",
          out, "--force");

      assertThat(refused.exitCode()).as(refused.all()).isEqualTo(ExitCodes.INVALID_JOB);
      assertThat(refused.err()).contains("--out " + out + " is this job's own input",
          "the video would be saved over it; nothing was sent");
    }
    assertThat(fake.requests(Endpoint.UPLOAD)).isEmpty();
    assertThat(fake.creates()).isEmpty();
    assertThat(dir.resolve("product.png")).hasBinaryContent(image);
  }

  @Test
  void aFileWrittenOverMomentsAfterItsSaveIsNotTakenForThisTasksVideo() throws IOException {
    String task = savedToClip();
    Path clip = dir.resolve("clip.mp4");
    java.time.Instant saved = Files.getLastModifiedTime(clip).toInstant();
    org.junit.jupiter.api.Assumptions.assumeTrue(saved.getNano() != 0,
        "this file system keeps whole seconds only, where a file written over in the same second cannot be told");

    // Another tool appends to it at once: its time is a moment after the history's entry, and its bytes are others.
    Files.writeString(clip, " and an edit", java.nio.file.StandardOpenOption.APPEND);
    Files.setLastModifiedTime(clip, java.nio.file.attribute.FileTime.from(saved.plusMillis(1900)));
    long edited = Files.size(clip);
    CliRun.Result again = withHistory("download", task, "--out", "clip.mp4");

    assertThat(again.err()).as(again.all()).doesNotContain("already holds this task's video");
    assertThat(again.exitCode()).as(again.all()).isEqualTo(ExitCodes.INVALID_JOB);
    assertThat(again.err()).contains("clip.mp4 already exists (it may be another task's paid video)");
    assertThat(Files.size(clip)).as("kept as it is").isEqualTo(edited);
  }

  @Test
  void aTaskIdTheProviderGivesOutAgainIsANewTaskNotTheOneSavedBefore() throws IOException {
    CliRun.Result first = withHistory("generate", "--image", "product.png", "--prompt", "job A",
        "--out", "videos/");
    assertThat(first.exitCode()).as(first.all()).isZero();
    String task = fake.taskIds().get(0);
    Path saved = dir.resolve("videos").resolve(task + ".mp4");
    // Job A's own video (the fake serves the same bytes for every task), its time as the history knows it.
    java.nio.file.attribute.FileTime written = Files.getLastModifiedTime(saved);
    Files.writeString(saved, "job A's paid video");
    Files.setLastModifiedTime(saved, written);

    fake = cli.restartFake(); // the provider restarts and gives its task ids out again
    CliRun.Result second = withHistory("generate", "--model", "seedance-2", "--prompt", "job B",
        "--out", "videos/", "--json");

    assertThat(fake.taskIds()).containsExactly(task);
    assertThat(second.exitCode()).as(second.all()).isZero();
    assertThat(second.err()).as("not taken for job A's video").doesNotContain("nothing was downloaded")
        .contains("already holds another video (not this task's), which was kept");
    assertThat(saved).as("job A's video is kept").hasContent("job A's paid video");
    Path beside = dir.resolve("videos").resolve(task + "-" + task + ".mp4");
    assertThat(second.json()).containsEntry("file", beside.toAbsolutePath().toString());
    assertThat(Mp4Files.boxes(beside)).startsWith("ftyp");
    Map<String, Object> history = withHistory("history", "--json").json();
    assertThat(history.get("tasks")).asList().filteredOn(entry -> task.equals(((Map<?, ?>) entry).get("task_id")))
        .as("job B's entry, newest first, and job A's, which stays").extracting(entry -> ((Map<?, ?>) entry).get("model"),
            entry -> ((Map<?, ?>) entry).get("status"))
        .containsExactly(org.assertj.core.groups.Tuple.tuple("seedance-2", "completed"),
            org.assertj.core.groups.Tuple.tuple("grok-video-1.5-preview", "completed"));

    int files = fake.requests(Endpoint.FILE).size();
    CliRun.Result again = withHistory("download", task, "--out", "videos/");
    assertThat(again.exitCode()).as(again.all()).isZero();
    assertThat(again.err()).contains("already holds this task's video", "nothing was downloaded");
    assertThat(fake.requests(Endpoint.FILE)).as("not fetched a third time").hasSize(files);
    assertThat(dir.resolve("videos").resolve(task + "-" + task + "-2.mp4")).doesNotExist();
  }

  @Test
  void aPrintedWaitWhoseOutAnotherTaskFilledMeanwhileAdvisesAPathBesideItNotForce() throws IOException {
    CliRun.Result sent = generate("--no-wait", "--out", "clip.mp4");
    assertThat(sent.exitCode()).as(sent.all()).isZero();
    Path clip = Files.writeString(dir.resolve("clip.mp4"), "another task's paid video");
    String task = fake.taskIds().get(0);

    CliRun.Result waited = pasted(dir, ShellWords.split(next(sent)));

    assertThat(waited.exitCode()).as(waited.all()).isEqualTo(ExitCodes.INVALID_JOB);
    assertThat(waited.err()).contains("clip.mp4 already exists (it may be another task's paid video)",
        "save this task's video beside it with --out " + dir.resolve("clip-" + task + ".mp4"));
    assertThat(clip).hasContent("another task's paid video");
  }

  @Test
  void theWayOnNamesARelativeOutByItsAbsolutePathSoThatItWorksPastedInAnotherFolder() throws IOException {
    Path elsewhere = Files.createDirectories(dir.resolve("elsewhere"));

    CliRun.Result file = generate("--no-wait", "--out", "./scratch/../my clips/take 1.mp4");
    CliRun.Result folder = generate("--no-wait", "--out", "raw/");

    assertThat(file.exitCode()).as(file.all()).isZero();
    List<String> fileWords = ShellWords.split(next(file));
    assertThat(fileWords).as(file.out()).containsSubsequence("--out", dir.resolve("my clips/take 1.mp4").toString());
    List<String> folderWords = ShellWords.split(next(folder));
    assertThat(folderWords).as("a folder keeps its slash: raw/ need not exist yet")
        .containsSubsequence("--out", dir.resolve("raw") + "/");

    // Pasted as printed, in another folder: the videos go where the user said, not under that folder.
    CliRun.Result fileWait = pasted(elsewhere, fileWords);
    CliRun.Result folderWait = pasted(elsewhere, folderWords);

    assertThat(fileWait.exitCode()).as(fileWait.all()).isZero();
    assertThat(Mp4Files.boxes(dir.resolve("my clips/take 1.mp4"))).startsWith("ftyp");
    assertThat(folderWait.exitCode()).as(folderWait.all()).isZero();
    assertThat(dir.resolve("raw/" + fake.taskIds().get(1) + ".mp4")).isRegularFile();
    try (Stream<Path> left = Files.list(elsewhere)) {
      assertThat(left).as("nothing saved in the folder the command was pasted in").isEmpty();
    }
  }

  /** The {@code next} line of a human {@code --no-wait} summary. */
  private static String next(CliRun.Result result) {
    return result.out().lines().filter(line -> line.startsWith("next ")).findFirst()
        .orElseThrow(() -> new AssertionError(result.all())).replaceFirst("^next +", "");
  }

  /** Runs a printed command's words (after "vidgen") in {@code folder}, polling quickly. */
  private CliRun.Result pasted(Path folder, List<String> words) {
    assertThat(words.get(0)).isEqualTo("vidgen");
    List<String> args = new java.util.ArrayList<>(words.subList(1, words.size()));
    args.addAll(List.of("--poll-interval", "20ms"));
    return CliRun.in(folder).env("TOAPIS_API_KEY", KEY).run(args.toArray(String[]::new));
  }

  @Test
  void anExistingFileIsRefusedBeforeAnythingIsSentAndReplacedOnlyWithForce() throws IOException {
    Path existing = dir.resolve("keep.mp4");
    Files.writeString(existing, "precious");

    CliRun.Result refused = generate("--out", "keep.mp4");

    assertThat(refused.exitCode()).as(refused.all()).isEqualTo(ExitCodes.INVALID_JOB);
    assertThat(refused.err()).contains("keep.mp4 already exists", "nothing was sent", "--force");
    assertThat(fake.requests()).isEmpty();
    assertThat(existing).hasContent("precious");

    CliRun.Result forced = generate("--out", "keep.mp4", "--force");

    assertThat(forced.exitCode()).as(forced.all()).isZero();
    assertThat(Mp4Files.boxes(existing)).startsWith("ftyp");
  }

  @Test
  void anExistingFileWithATrailingSlashIsRefusedNotOverwritten() throws IOException {
    Path existing = dir.resolve("existing.mp4");
    Files.writeString(existing, "precious");

    CliRun.Result result = generate("--out", "existing.mp4/");

    assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.INVALID_JOB);
    assertThat(result.err()).contains("is a file, not a folder", "nothing was sent");
    assertThat(fake.requests()).isEmpty();
    assertThat(existing).hasContent("precious");
  }

  @ParameterizedTest
  @ValueSource(strings = {"product.png/video.mp4", "/proc/vidgen-no-such/dir/video.mp4", "/proc/video.mp4"})
  void anUnwritableOutIsExit2BeforeAnyCreate(String out) {
    CliRun.Result result = generate("--out", out, "--json");

    assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.INVALID_JOB);
    assertThat(result.err()).contains("nothing was sent");
    assertThat(fake.requests()).as("no upload, no create").isEmpty();
    assertThat(result.json()).extractingByKey("error").asString().contains("output");
  }

  @Test
  void outDashWritesTheVideoToStdoutAndEverythingElseToStderr() throws Exception {
    Path stdout = dir.resolve("stdout.bin");
    Path stderr = dir.resolve("stderr.txt");
    Path home = dir.resolve("home");
    Process process = cli.withoutHome().env("VIDGEN_HOME", home.toString())
        .startProcess(stdout, stderr,
            List.of(withFake("generate", "--image", "product.png", "--prompt", "p", "--out", "-", "--json")));

    boolean ended = process.waitFor(60, TimeUnit.SECONDS);
    if (!ended) {
      process.destroyForcibly();
    }
    String err = Files.readString(stderr, StandardCharsets.UTF_8);
    assertThat(ended).as(err).isTrue();
    assertThat(process.exitValue()).as(err).isZero();
    assertThat(err).contains("\"task_id\"", "\"file\":\"-\"").doesNotContain(KEY.substring(3));
    assertThat(dir.resolve("-")).doesNotExist();
    assertThat(Mp4Files.boxes(stdout)).startsWith("ftyp");

    CliRun.Result history = CliRun.in(dir).env("VIDGEN_HOME", home.toString()).run("history");
    assertThat(history.out()).as("written whole, so not a video still to save").contains("- (written to standard output)")
        .doesNotContain("not saved", "save it with");
    Map<String, Object> json = CliRun.in(dir).env("VIDGEN_HOME", home.toString()).run("history", "--json").json();
    assertThat(json.get("tasks")).asList().singleElement().asInstanceOf(InstanceOfAssertFactories.MAP)
        .containsEntry("result", "stdout").containsEntry("error", null).containsEntry("next", null)
        .containsKey("result_written_at");
  }

  @Test
  void aLinkNamedAfterTheTaskInTheOutFolderIsKeptAndTheWayOnSavesTheVideoBesideIt() throws Exception {
    CliRun.Result submitted = generate("--no-wait", "--json");
    String taskId = (String) submitted.json().get("task_id");
    Path folder = Files.createDirectory(dir.resolve("videos"));
    Path kept = Files.writeString(dir.resolve("kept.mp4"), "someone's video");
    Path link = Files.createSymbolicLink(folder.resolve(OutTarget.fileName(dev.vidgen.core.domain.TaskId.of(taskId),
        "mp4")), kept);

    CliRun.Result waited = vidgen("wait", taskId, "--out", "videos/", "--json");

    assertThat(waited.exitCode()).as(waited.all()).isEqualTo(ExitCodes.OTHER);
    assertThat(waited.err() + waited.out()).contains("is a symbolic link to " + kept, "it was kept and this video was"
        + " not saved").doesNotContain("unexpected error");
    java.util.regex.Matcher command = java.util.regex.Pattern.compile("\"download_command\":\"([^\"]+)\"")
        .matcher(waited.out() + waited.err());
    assertThat(command.find()).as(waited.all()).isTrue();
    String next = command.group(1);
    Path free = Finisher.besides(link, taskId);
    assertThat(next).as("the way on names a free file, not the link").contains("--out " + free);
    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(Files.readString(kept)).isEqualTo("someone's video");

    String[] words = next.split(" ");
    CliRun.Result saved = cli.withoutHome().run(Arrays.copyOfRange(words, 1, words.length));
    assertThat(saved.exitCode()).as(saved.all()).isZero();
    assertThat(Mp4Files.boxes(free)).startsWith("ftyp");
  }

  @Test
  void aLinkOrASpecialFileAtOutIsRefusedEvenWithForceForSavingWouldReplaceIt() throws Exception {
    Path target = Files.writeString(dir.resolve("real.mp4"), "someone's video");
    Path link = Files.createSymbolicLink(dir.resolve("latest.mp4"), target);

    for (String out : List.of("latest.mp4", "/dev/null")) {
      CliRun.Result refused = generate("--out", out, "--force");

      assertThat(refused.exitCode()).as(refused.all()).isEqualTo(ExitCodes.INVALID_JOB);
      assertThat(refused.err()).contains(out.equals("latest.mp4") ? "it is a symbolic link to " + target
              : "it is a special file", "which would replace it; nothing was sent", "--out - to write the video to"
              + " standard output");
    }
    assertThat(fake.requests()).as("no upload, no create").isEmpty();
    assertThat(Files.isSymbolicLink(link)).isTrue();
    assertThat(Files.readString(target)).isEqualTo("someone's video");
  }

  @Test
  void aVideoThatStandardOutputDoesNotTakeIsNotReportedSavedAndTheWayOnSavesItToAFile() {
    Path home = dir.resolve("home");
    CliRun.Result failed = cli.withoutHome().env("VIDGEN_HOME", home.toString()).stdoutFails()
        .run(withFake("generate", "--image", "product.png", "--prompt", "p", "--out", "-", "--json"));

    String taskId = fake.taskIds().get(0);
    String saveIt = "vidgen download " + taskId + " --out " + dir.resolve(taskId + ".mp4");
    assertThat(failed.exitCode()).as(failed.all()).isEqualTo(ExitCodes.OTHER);
    assertThat(failed.err()).as("with --out - the JSON goes to stderr").contains("\"kind\":\"download_failed\"",
        "could not save the video of task " + taskId + " to standard output: the video could not be written to"
            + " standard output", "\"download_command\":\"" + saveIt)
        .doesNotContain("\"file\":\"-\"", "\"status\":\"completed\",\"file\"");

    Map<String, Object> history = CliRun.in(dir).env("VIDGEN_HOME", home.toString()).run("history", "--json").json();
    assertThat(history.get("tasks")).asList().singleElement().asInstanceOf(InstanceOfAssertFactories.MAP)
        .containsEntry("task_id", taskId).containsEntry("status", "completed").containsEntry("file", null)
        .extractingByKey("next").asString().as("the working folder, where download names the file after the task,"
            + " on the server the task was made on")
        .isEqualTo("vidgen download " + taskId + " --provider toapis --out " + dir + java.io.File.separator
            + " --base-url " + fake.baseUrl());

    String[] command = saveIt.split(" ");
    CliRun.Result saved = vidgen(Arrays.copyOfRange(command, 1, command.length));
    assertThat(saved.exitCode()).as(saved.all()).isZero();
    assertThat(dir.resolve(taskId + ".mp4")).exists();
  }

  @Test
  @EnabledOnOs(OS.LINUX)
  void aVideoSentToAFullDiskThroughTheRealStdoutIsAFailureNotASuccess() throws Exception {
    Path stderr = dir.resolve("stderr.txt");
    Process process = cli.withoutHome().startProcess(Path.of("/dev/full"), stderr,
        List.of(withFake("generate", "--image", "product.png", "--prompt", "p", "--out", "-")));

    boolean ended = process.waitFor(60, TimeUnit.SECONDS);
    if (!ended) {
      process.destroyForcibly();
    }
    String err = Files.readString(stderr, StandardCharsets.UTF_8);
    assertThat(ended).as(err).isTrue();
    assertThat(process.exitValue()).as(err).isEqualTo(ExitCodes.OTHER);
    assertThat(err).contains("could not be written to standard output",
        "vidgen download " + fake.taskIds().get(0) + " --out " + dir.resolve(fake.taskIds().get(0) + ".mp4"));
  }

  @Test
  @EnabledOnOs(OS.LINUX)
  void aListingWhoseReaderEndedEarlyEndsQuietlyButAJobWhoseAnswerWasLostSaysSo() throws Exception {
    // As `vidgen models | head -n 8` with head gone before the rest was written: its pipe closed before any write.
    Process listing = readerGone(List.of("models", "--provider", "mock", "--json"));
    Process job = readerGone(List.of("generate", "--provider", "mock", "--model", "seedance-2", "--prompt",
        "a red kite", "--out", dir.resolve("kite.mp4").toString(), "--json"));

    for (Process process : List.of(listing, job)) {
      assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    }
    String listingErr = new String(listing.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    String jobErr = new String(job.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(listing.exitValue()).as(listingErr).isZero();
    assertThat(listingErr).doesNotContain("could not write");
    assertThat(job.exitValue()).as("its task id and file were in the lost answer: " + jobErr)
        .isEqualTo(ExitCodes.OTHER);
    assertThat(jobErr).contains("could not write to standard output", "was lost");
  }

  /** Starts vidgen with its standard output a pipe whose reader is already gone. */
  private Process readerGone(List<String> args) throws IOException {
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    List<String> command = new java.util.ArrayList<>(List.of(java.toString(), "-cp",
        System.getProperty("java.class.path"), "-XX:TieredStopAtLevel=1", "dev.vidgen.cli.Main"));
    command.addAll(args);
    ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile())
        .redirectInput(ProcessBuilder.Redirect.from(new java.io.File("/dev/null")));
    builder.environment().clear();
    builder.environment().put("PATH", System.getenv().getOrDefault("PATH", "/usr/bin:/bin"));
    Process process = builder.start();
    process.getInputStream().close();
    return process;
  }

  @Test
  void aJsonAnswerThatStandardOutputDoesNotTakeEndsWithExit1NotSuccess() {
    CliRun.Result result = cli.withoutHome().stdoutFails().run(withFake("balance", "--json"));

    assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.OTHER);
    assertThat(result.err()).contains("could not write to standard output", "was lost");
  }

  @Test
  void aFailedDownloadToStdoutSaysStandardOutputNotATemporaryFile() {
    fake.inject(Endpoint.FILE, Fault.answer(200, "video/mp4", "<html>not a video</html>"));

    CliRun.Result failed = generate("--out", "-", "--json");

    String taskId = fake.taskIds().get(0);
    assertThat(failed.exitCode()).as(failed.all()).isEqualTo(ExitCodes.OTHER);
    assertThat(failed.err()).as("with --out - the JSON goes to stderr").contains("\"kind\":\"download_failed\"",
        "could not save the video of task " + taskId + " to standard output: ",
        "vidgen download " + taskId + " --out -").doesNotContain(System.getProperty("java.io.tmpdir") + "/vidgen-");
  }

  @Test
  void aVideoTheServerCutShortWithAMatchingLengthIsNotSavedAndTheCommandThatSavesItIsPrinted() throws IOException {
    // The sample's mdat box runs from byte 950 to its end (2330): the cut falls inside it, and every fetch gets it.
    fake.inject(Endpoint.FILE, Fault.cutShort(1000), 100);

    CliRun.Result failed = generate("--out", "clip.mp4");

    String taskId = fake.taskIds().get(0);
    assertThat(failed.exitCode()).as(failed.all()).isEqualTo(ExitCodes.PROVIDER_ERROR);
    assertThat(failed.err()).contains("cut short", "its mdat box at offset 950 claims 1380 bytes but only 50 are there",
        "vidgen download " + taskId + " --out " + dir.resolve("clip.mp4"));
    try (Stream<Path> files = Files.list(dir)) {
      assertThat(files.map(path -> path.getFileName().toString()))
          .as("neither the cut video nor its .part").containsExactly("product.png");
    }

    fake.clearFaults();
    CliRun.Result saved = vidgen("download", taskId, "--out", "clip.mp4");
    assertThat(saved.exitCode()).as(saved.all()).isZero();
    assertThat(Mp4Files.boxes(dir.resolve("clip.mp4"))).contains("moov", "mdat");
  }

  @Test
  void anUploadSentAgainSaysSoOnStderrRatherThanWaitingInSilence() {
    fake.inject(Endpoint.UPLOAD, Fault.serverError());

    CliRun.Result saved = generate("--out", "clip.mp4", "--json");

    assertThat(saved.exitCode()).as(saved.all()).isZero();
    assertThat(saved.err().lines().filter(line -> line.contains("sending it again")))
        .as(saved.err()).singleElement().asString()
        .startsWith("vidgen: an upload got no usable answer; sending it again in ").contains("(try 2)");
    assertThat(fake.requests(Endpoint.UPLOAD)).hasSize(2);
    assertThat(fake.creates()).hasSize(1);
  }

  @Test
  void aDownloadFetchedAgainSaysSoOnStderrOncePerRetryAndNeverOnStdout() {
    fake.inject(Endpoint.FILE, Fault.cutShort(1000), 2);

    CliRun.Result saved = generate("--out", "clip.mp4", "--json");

    assertThat(saved.exitCode()).as(saved.all()).isZero();
    assertThat(saved.err().lines().filter(line -> line.contains("fetching it again")))
        .as(saved.err()).hasSize(2)
        .allSatisfy(line -> assertThat(line).startsWith("vidgen: the video that arrived was not whole; fetching it again in ")
            .contains("the video download came in full (all 1000 bytes the provider announced) but is not a whole MP4 video")
            .doesNotContain("no HTTP response", "download was cut short"));
    assertThat(saved.err()).contains("(try 2)", "(try 3)");
    assertThat(saved.out()).doesNotContain("fetching").startsWith("{").hasLineCount(1);
  }

  @Test
  void statusAndHistoryAdviseSavingToTheOutTheGenerateWasGivenNotAPlaceholder() {
    fake.inject(Endpoint.FILE, Fault.cutShort(1000), 100);
    String home = dir.resolve("home").toString();
    CliRun.Result failed = cli.withoutHome().env("VIDGEN_HOME", home)
        .run(withFake("generate", "--image", "product.png", "--prompt", "p", "--out", "kept/clip.mp4"));
    assertThat(failed.exitCode()).as(failed.all()).isEqualTo(ExitCodes.PROVIDER_ERROR);
    fake.clearFaults();
    String taskId = fake.taskIds().get(0);
    String saveIt = "vidgen download " + taskId + " --out " + dir.resolve("kept/clip.mp4");

    CliRun.Result status = cli.withoutHome().env("VIDGEN_HOME", home)
        .run(withFake("status", taskId));
    Map<String, Object> history = CliRun.in(dir).env("VIDGEN_HOME", home).run("history", "--json").json();

    assertThat(status.out()).as(status.all()).contains(saveIt).doesNotContain("--out FILE");
    assertThat(history.get("tasks")).asList().singleElement().asInstanceOf(InstanceOfAssertFactories.MAP)
        .containsEntry("out", dir.resolve("kept/clip.mp4").toString())
        .extractingByKey("next").asString()
        .startsWith("vidgen download " + taskId + " --provider toapis --out " + dir.resolve("kept/clip.mp4"));
  }

  @Test
  void aDownloadThatFailsAfterCompletionKeepsTheTaskAndPrintsTheCommandThatFinishesIt() throws IOException {
    fake.inject(Endpoint.FILE, Fault.status(403));

    CliRun.Result failed = generate("--out", "late.mp4", "--json");

    assertThat(failed.exitCode()).as(failed.all()).isEqualTo(ExitCodes.PROVIDER_ERROR);
    String taskId = fake.taskIds().get(0);
    assertThat(failed.json()).containsEntry("task_id", taskId).containsEntry("status", "completed")
        .containsEntry("download_command",
            "vidgen download " + taskId + " --out " + dir.resolve("late.mp4") + " --base-url " + fake.baseUrl());
    assertThat(failed.json().get("video_url")).asString().startsWith("http");
    assertThat(failed.json()).extractingByKey("error").asString()
        .doesNotContain("authentication", TOAPIS_KEY_HINT).contains("result_unavailable");
    assertThat(failed.err()).contains("vidgen status " + taskId, "vidgen download " + taskId + " --out " + dir.resolve("late.mp4"))
        .doesNotContain(TOAPIS_KEY_HINT, "not found");

    // Pasted as it is, without the options the test adds: it reaches the same server.
    String[] command = ((String) failed.json().get("download_command")).split(" ");
    CliRun.Result finished = cli.withoutHome().run(Arrays.copyOfRange(command, 1, command.length));

    assertThat(finished.exitCode()).as(finished.all()).isZero();
    assertThat(Mp4Files.boxes(dir.resolve("late.mp4"))).startsWith("ftyp");
  }

  private static final String TOAPIS_KEY_HINT = "check TOAPIS_API_KEY";

  @Test
  void aLaterDownloadRemovesTheStalePartFilesOfAKilledOne() throws IOException {
    CliRun.Result submitted = generate("--no-wait", "--json");
    String taskId = (String) submitted.json().get("task_id");
    vidgen("status", taskId);
    vidgen("status", taskId);
    Path stale = Files.writeString(dir.resolve("." + taskId + ".mp4.3fa2c0de11b7.part"), "half a video");
    Path unrelated = Files.writeString(dir.resolve(".other.mp4.3fa2c0de11b7.part"), "not ours");

    CliRun.Result result = vidgen("download", taskId, "--out", "./");

    assertThat(result.exitCode()).as(result.all()).isZero();
    assertThat(dir.resolve(taskId + ".mp4")).isRegularFile();
    assertThat(stale).doesNotExist();
    assertThat(unrelated).exists();
  }

  @Test
  void hostileTextFromTheServerIsEscapedAndKeysInItAreMasked() {
    fake.nextTask(TaskScript.fails("bad\u001b[2J", "\u001b[31mboom\r\nvidgen: done sk-leaked1234567890abcdef \u202e"));

    CliRun.Result result = generate("--out", "x.mp4");

    assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.TASK_FAILED);
    assertThat(result.all()).doesNotContain("\u001b", "\r", "\u202e", "sk-leaked1234567890abcdef")
        .contains("\\x1B[31mboom\\r\\nvidgen: done sk-…");
    assertThat(result.err().lines()).noneMatch(line -> line.startsWith("vidgen: done"));
  }

  @Test
  void aHostileTaskIdIsEscapedAndQuotedInEveryPrintedCommand() {
    String id = "x;rm -rf ~\u001b[8m";
    String escapedJson = "x;rm -rf ~\\u001b[8m";
    fake.inject(Endpoint.CREATE, Fault.answer(200, "application/json",
        "{\"id\":\"" + escapedJson + "\",\"object\":\"generation.task\",\"status\":\"queued\"}"));
    fake.inject(Endpoint.STATUS, Fault.answer(200, "application/json",
        "{\"id\":\"" + escapedJson + "\",\"status\":\"failed\"}"));

    CliRun.Result result = generate("--out", "x.mp4");

    assertThat(result.all()).doesNotContain("\u001b").doesNotContain("vidgen wait " + id)
        .contains("vidgen wait $'x;rm -rf ~\\x1B[8m'");
  }

  @Test
  void anUnknownStatusWordIsShownWhilePollingGoesOn() {
    fake.nextTask(TaskScript.completes().pendingAs("warming_up"));

    CliRun.Result result = generate("--out", "w.mp4");

    assertThat(result.exitCode()).as(result.all()).isZero();
    assertThat(result.err()).contains("provider says warming_up");
  }

  @Test
  void aCancelledTaskEndsAsFailedWithThatWord() {
    CliRun.Result submitted = generate("--no-wait", "--json");
    String taskId = (String) submitted.json().get("task_id");
    fake.inject(Endpoint.STATUS, Fault.answer(200, "application/json",
        "{\"id\":\"" + taskId + "\",\"status\":\"cancelled\"}"));

    CliRun.Result result = vidgen("wait", taskId, "--json");

    assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.TASK_FAILED);
    assertThat(result.json()).containsEntry("status", "failed");
    assertThat(result.json()).extractingByKey("error").asString().contains("cancelled");
    assertThat(List.of(result.err())).allMatch(err -> !err.contains("still running"));
  }

  /**
   * A download of a finished, paid task that kept breaking off until the retries ran out: a download
   * failure naming the paid task, never a "try again later" that would pay for it twice.
   */
  @Test
  void aDownloadThatKeptBreakingOffIsADownloadFailureOfAPaidTaskWithTheProvidersCodeAndExitCode() {
    fake.inject(Endpoint.FILE, Fault.cutShort(1000), 100);

    CliRun.Result failed = cli.withoutHome().run("generate", "--image", "product.png",
        "--prompt", "p", "--out", "clip.mp4", "--json", "--base-url", fake.baseUrl(), "--poll-interval", "20ms",
        "--retry-delay", "1ms");

    String taskId = fake.taskIds().get(0);
    assertThat(failed.exitCode()).as(failed.all()).isEqualTo(ExitCodes.PROVIDER_ERROR);
    assertThat(fake.creates()).as("made and paid once").hasSize(1);
    assertThat(fake.requests(Endpoint.FILE)).as("its retries were used up").hasSizeGreaterThan(1);
    Map<String, Object> json = failed.json();
    assertThat(json).containsEntry("task_id", taskId);
    assertThat(json.get("error")).asInstanceOf(InstanceOfAssertFactories.MAP)
        .containsEntry("kind", "download_failed")
        .containsEntry("code", "download_broke_off")
        .containsEntry("exit_code", (double) ExitCodes.PROVIDER_ERROR)
        .hasEntrySatisfying("message", message -> assertThat(message).asString()
            .contains("could not save the video of task " + taskId, "cut short",
                "the task is finished and paid for, so do not generate it again"))
        .hasEntrySatisfying("next", next -> assertThat(next).asString()
            .contains("vidgen download " + taskId + " --out " + dir.resolve("clip.mp4")));
  }
}
