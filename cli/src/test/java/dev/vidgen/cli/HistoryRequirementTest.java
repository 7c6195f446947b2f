package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.vidgen.serve.history.HistoryEntry;
import dev.vidgen.testkit.toapis.Endpoint;
import dev.vidgen.testkit.toapis.FakeToApisServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code VIDGEN_REQUIRE_HISTORY}: a paid run that cannot use the task history stops before anything is sent. */
class HistoryRequirementTest {
  private static final String KEY = "sk-test" + "7".repeat(44);

  @RegisterExtension
  final CliOnFakeToApis cli = CliOnFakeToApis.builder(KEY).start();
  private final Path dir = cli.dir();
  private final Path home = cli.home();
  private final FakeToApisServer fake = cli.fake();

  private CliRun.Result generate(CliRun run, String... more) {
    String[] args = Stream.of(Stream.of("generate", "--image", "product.png", "--prompt", "slow push-in", "--no-wait",
        "--json", "--base-url", fake.baseUrl(), "--retry-delay", "1ms"), Stream.of(more))
        .flatMap(s -> s).toArray(String[]::new);
    return run.run(args);
  }

  private CliRun toApis() {
    return cli.withoutHome();
  }

  @SuppressWarnings("unchecked")
  /** A folder that reads as one but takes no file, root included: this process's {@code /proc} folder (Linux). */
  private static Path unwritableFolder() {
    Path proc = Path.of("/proc/self");
    assumeTrue(Files.isDirectory(proc), "/proc: a folder that takes no file");
    return proc;
  }

  private static Map<String, Object> error(CliRun.Result result) {
    return (Map<String, Object>) result.json().get("error");
  }

  @Test
  void aDataFolderVariableThatIsEmptyOrRelativeIsNamedAsSuchNotAsUnset() {
    CliRun.Result refused = generate(toApis().env("VIDGEN_REQUIRE_HISTORY", "1").env("VIDGEN_HOME", "")
        .env("XDG_DATA_HOME", "data"));

    assertThat(refused.exitCode()).as(refused.all()).isEqualTo(ExitCodes.OTHER);
    assertThat((String) error(refused).get("message")).isEqualTo("no task history: VIDGEN_HOME is set but empty,"
        + " XDG_DATA_HOME is a relative path (ignored) and HOME is not set, and VIDGEN_REQUIRE_HISTORY is set, so"
        + " nothing was sent");
    assertThat(fake.requests(Endpoint.CREATE)).isEmpty();
  }

  @Test
  void withoutADataFolderARequiredHistoryStopsThePaidRunAlsoWithAgainButNotTheMock() {
    CliRun.Result plain = generate(toApis().env("VIDGEN_REQUIRE_HISTORY", "1"));
    CliRun.Result again = generate(toApis().env("VIDGEN_REQUIRE_HISTORY", "true"), "--again");

    for (CliRun.Result refused : java.util.List.of(plain, again)) {
      assertThat(refused.exitCode()).as(refused.all()).isEqualTo(ExitCodes.OTHER);
      assertThat(error(refused)).containsEntry("kind", "history_required");
      assertThat((String) error(refused).get("message")).isEqualTo("no task history: none of VIDGEN_HOME,"
          + " XDG_DATA_HOME and HOME is set, and VIDGEN_REQUIRE_HISTORY is set, so nothing was sent");
      assertThat(refused.all()).contains("set VIDGEN_HOME", "unset VIDGEN_REQUIRE_HISTORY");
    }
    assertThat(fake.requests(Endpoint.CREATE)).isEmpty();
    assertThat(fake.requests(Endpoint.UPLOAD)).as("not even the image went out").isEmpty();

    CliRun.Result onTheMock = CliRun.in(dir).env("VIDGEN_REQUIRE_HISTORY", "1").run("generate", "--provider", "mock",
        "--image", "product.png", "--prompt", "slow push-in", "--out", "mock.mp4");
    assertThat(onTheMock.exitCode()).as("the mock charges nothing: " + onTheMock.all()).isZero();
  }

  @Test
  void aHistoryThatCannotBeWrittenStopsTheRunWhenRequiredAndOnlyWarnsOtherwise() throws Exception {
    // A data folder no line can be written to: it reads as empty. (A link where the file would be, used here before,
    // is refused before anything is sent now, as another user may have planted it: PlantedDataFolderTest.)
    Path home = unwritableFolder();

    CliRun.Result refused = generate(toApis().env("VIDGEN_HOME", home.toString()).env("VIDGEN_REQUIRE_HISTORY", "yes"));

    assertThat(refused.exitCode()).as(refused.all()).isEqualTo(ExitCodes.OTHER);
    assertThat((String) error(refused).get("message"))
        .containsPattern("^could not (record the job in the task history before its create|lock the task history)"
            + " \\(cannot (write|lock) the task history /proc/self/history\\.jsonl")
        .endsWith("and VIDGEN_REQUIRE_HISTORY is set, so nothing was sent");
    assertThat(refused.err()).as("no word of paying again, since nothing was paid").doesNotContain("would pay again");
    assertThat(fake.requests(Endpoint.CREATE)).isEmpty();
    assertThat(fake.requests(Endpoint.UPLOAD)).isEmpty();
    if (Files.isDirectory(home.resolve("running"))) {
      try (Stream<Path> left = Files.list(home.resolve("running"))) {
        assertThat(left).as("no run marker left behind").isEmpty();
      }
    }

    CliRun.Result warned = generate(toApis().env("VIDGEN_HOME", home.toString()));
    assertThat(warned.exitCode()).as(warned.all()).isZero();
    assertThat(warned.err()).contains("could not record the job in the task history before its create",
        "the same job run again would not notice a task it may have made").doesNotContain("unanswered create");
    assertThat(fake.requests(Endpoint.CREATE)).hasSize(1);
  }

  @Test
  void linesTheHistoryCannotReadStopARequiredRunAndHistorySaysTheyAreNotShown() throws Exception {
    Files.writeString(home.resolve("history.jsonl"), "{\"task_id\":\"video_1\",\"submitted_at\":1768380224}\n");

    CliRun.Result refused = generate(toApis().env("VIDGEN_HOME", home.toString()).env("VIDGEN_REQUIRE_HISTORY", "1"));
    CliRun.Result listed = CliRun.in(dir).env("VIDGEN_HOME", home.toString()).run("history");
    CliRun.Result listedJson = CliRun.in(dir).env("VIDGEN_HOME", home.toString()).run("history", "--json");

    assertThat(refused.exitCode()).as(refused.all()).isEqualTo(ExitCodes.OTHER);
    assertThat((String) error(refused).get("message")).startsWith("1 line of the task history ")
        .endsWith("could not be read (written by another version of vidgen, or changed by hand): the job it holds is"
            + " not seen (unless a later note of that job, still readable, names its task), and VIDGEN_REQUIRE_HISTORY"
            + " is set, so nothing was sent");
    assertThat(refused.all()).contains("move the lines that cannot be read out of");
    assertThat(fake.requests(Endpoint.CREATE)).isEmpty();
    assertThat(listed.out()).as(listed.all()).startsWith("No task line can be read;");
    assertThat(listed.err()).contains("1 line of " + home.resolve("history.jsonl") + " could not be read");
    assertThat(listedJson.json()).containsEntry("unreadable_lines", 1.0);
  }

  @Test
  void aRelativeDataFolderIsSaidToGiveEachFolderAHistoryOfItsOwn() {
    // Relative to the folder the tests run in (the module's): under target/, a new one each run.
    String relative = "target/relative-home-" + System.nanoTime();
    CliRun.Result run = generate(toApis().env("VIDGEN_HOME", relative));

    assertThat(run.exitCode()).as(run.all()).isZero();
    assertThat(run.err()).contains("VIDGEN_HOME is the relative path " + relative + ", so each folder vidgen runs in"
        + " has a task history of its own");
  }

  @Test
  void aHistoryThatCannotBeLockedStopsTheRunWhenRequired() throws Exception {
    Files.createDirectories(home.resolve("history.jsonl.lock")); // a folder where the lock file goes

    CliRun.Result refused = generate(toApis().env("VIDGEN_HOME", home.toString()).env("VIDGEN_REQUIRE_HISTORY", "on"));

    assertThat(refused.exitCode()).as(refused.all()).isEqualTo(ExitCodes.OTHER);
    assertThat((String) error(refused).get("message")).startsWith("could not lock the task history (")
        .endsWith("and VIDGEN_REQUIRE_HISTORY is set, so nothing was sent");
    assertThat(fake.requests(Endpoint.CREATE)).isEmpty();
  }

  @Test
  @SuppressWarnings("unchecked")
  void aHistoryThatCannotBeLockedStillGetsTheAnsweredTaskNotAnOpenCreate() throws Exception {
    Files.createDirectories(home.resolve("history.jsonl.lock")); // a folder where the lock file goes

    CliRun.Result made = generate(toApis().env("VIDGEN_HOME", home.toString()));

    assertThat(made.exitCode()).as(made.all()).isZero();
    String taskId = (String) made.json().get("task_id");
    assertThat(made.err()).contains("could not lock the task history (cannot lock the task history "
        + home.resolve("history.jsonl.lock"), "so task " + taskId + " is appended to it without the lock, so that its"
        + " id is kept").doesNotContain("could not record task");
    Map<String, Object> listed = CliRun.in(dir).env("VIDGEN_HOME", home.toString()).run("history", "--json").json();
    assertThat((java.util.List<Map<String, Object>>) listed.get("tasks")).as("the task, and no open create")
        .singleElement().satisfies(task -> assertThat(task).containsEntry("task_id", taskId)
            .containsEntry("status", "queued"));

    Files.delete(home.resolve("history.jsonl.lock"));
    CliRun.Result again = generate(toApis().env("VIDGEN_HOME", home.toString()));
    assertThat(again.exitCode()).as(again.all()).isEqualTo(ExitCodes.OTHER);
    assertThat((Map<String, Object>) again.json().get("same_job")).as("named as the task, not as a create unanswered")
        .containsEntry("task_id", taskId).containsEntry("unanswered", null);
    assertThat(fake.requests(Endpoint.CREATE)).hasSize(1);
  }

  @Test
  void aHistoryThatCannotBeLockedFollowsTheTaskToItsSavedVideoSayingSoOnce() throws Exception {
    Files.createDirectories(home.resolve("history.jsonl.lock"));

    CliRun.Result saved = toApis().env("VIDGEN_HOME", home.toString()).run("generate", "--image", "product.png",
        "--prompt", "slow push-in", "--out", "clip.mp4", "--base-url", fake.baseUrl(), "--retry-delay", "1ms",
        "--poll-interval", "20ms");

    assertThat(saved.exitCode()).as(saved.all()).isZero();
    assertThat(saved.err()).doesNotContain("could not record", "could not update");
    assertThat(saved.err().split("is appended to it without the lock", -1)).as("said once").hasSize(2);
    HistoryEntry last = dev.vidgen.serve.history.TaskHistory.in(home).entries().get(0);
    assertThat(last.status()).isEqualTo("completed");
    assertThat(last.file()).isEqualTo(dir.resolve("clip.mp4").toString());
  }

  @Test
  void aLineTornByACrashStaysSkippedOnceAnotherRunAppendsAfterItAndARequiredRunStillPays() throws Exception {
    CliRun.Result first = generate(toApis().env("VIDGEN_HOME", home.toString()));
    assertThat(first.exitCode()).as(first.all()).isZero();
    Path file = home.resolve("history.jsonl");
    java.util.List<String> lines = Files.readAllLines(file);
    String last = lines.get(lines.size() - 1);
    Files.writeString(file, last.substring(0, last.length() / 2), java.nio.file.StandardOpenOption.APPEND); // a crash

    CliRun.Result appended = generate(toApis().env("VIDGEN_HOME", home.toString()), "--again");
    CliRun.Result required = generate(toApis().env("VIDGEN_HOME", home.toString()).env("VIDGEN_REQUIRE_HISTORY", "1"),
        "--again");
    CliRun.Result listed = CliRun.in(dir).env("VIDGEN_HOME", home.toString()).run("history", "--json");

    assertThat(appended.exitCode()).as(appended.all()).isZero();
    assertThat(required.exitCode()).as(required.all()).isZero();
    assertThat(required.err()).doesNotContain("could not be read");
    assertThat(listed.err()).doesNotContain("could not be read");
    assertThat(listed.json()).containsEntry("unreadable_lines", 0.0);
    assertThat(fake.requests(Endpoint.CREATE)).hasSize(3);
  }

  @Test
  void aValueThatIsNeitherYesNorNoIsRefusedBeforeAnythingIsSentAndNoIsNo() {
    CliRun.Result unclear = generate(toApis().env("VIDGEN_HOME", home.toString()).env("VIDGEN_REQUIRE_HISTORY",
        "always"));

    assertThat(unclear.exitCode()).as(unclear.all()).isEqualTo(ExitCodes.INVALID_JOB);
    assertThat((String) error(unclear).get("message")).isEqualTo("VIDGEN_REQUIRE_HISTORY is \"always\"; give 1 (or"
        + " true, yes, on) to require the task history, or 0 (false, no, off) not to");
    assertThat(fake.requests(Endpoint.CREATE)).isEmpty();

    CliRun.Result no = generate(toApis().env("VIDGEN_REQUIRE_HISTORY", "0"));
    assertThat(no.exitCode()).as(no.all()).isZero();
    assertThat(no.err()).contains("no task history: none of VIDGEN_HOME, XDG_DATA_HOME and HOME is set, so this run");
    assertThat(fake.requests(Endpoint.CREATE)).hasSize(1);
  }

  @Test
  @SuppressWarnings("unchecked")
  void aHistoryThatCannotBeWrittenSaysEachFactOnceAndPutsItInTheJsonWarnings() throws Exception {
    // A data folder no line can be written to, whoever runs the test (root included), while it looks usable.
    Path home = unwritableFolder();

    CliRun.Result made = toApis().env("VIDGEN_HOME", home.toString()).run("generate", "--image",
        "product.png", "--prompt", "slow push-in", "--out", "clip.mp4", "--json", "--base-url", fake.baseUrl(),
        "--retry-delay", "1ms", "--poll-interval", "20ms");

    assertThat(made.exitCode()).as(made.all()).isZero();
    String taskId = (String) made.json().get("task_id");
    java.util.List<Map<String, String>> warnings = (java.util.List<Map<String, String>>) made.json().get("warnings");
    assertThat(warnings).as(made.all()).isNotNull();
    assertThat(warnings).filteredOn(warning -> "history.not_recorded".equals(warning.get("code")))
        .extracting(warning -> warning.get("message")).hasSize(2).anySatisfy(message -> assertThat(message)
            .startsWith("could not record the job in the task history before its create (")
            .endsWith("should the create's answer be lost, the same job run again would not notice a task it may"
                + " have made"))
        .anySatisfy(message -> assertThat(message).startsWith("task " + taskId + " is not recorded in the task"
            + " history (").endsWith("), so the same job run again will not notice it and will pay again"));
    assertThat(warnings).extracting(warning -> warning.get("code")).as("every one with its code")
        .allMatch(code -> code.startsWith("history."));
    assertThat(made.err()).as("never said to be kept, nor a create unanswered before one went out")
        .doesNotContain("so that its id is kept").doesNotContain("unanswered create")
        .doesNotContain("could not record task");
    assertThat(made.err().split("is not recorded in the task history", -1)).as("said once").hasSize(2);
    assertThat(fake.requests(Endpoint.CREATE)).hasSize(1);
  }

  @Test
  void aDataFolderThatIsAFileIsOneWarningWithItsFixAndThePaidRunGoesOnOnce() throws Exception {
    Path file = Files.writeString(home.resolve("vh-file"), "a file, not a folder");

    CliRun.Result made = toApis().env("VIDGEN_HOME", file.toString()).run("generate", "--image", "product.png",
        "--prompt", "slow push-in", "--out", "clip.mp4", "--base-url", fake.baseUrl(), "--retry-delay", "1ms",
        "--poll-interval", "20ms");

    assertThat(made.exitCode()).as(made.all()).isZero();
    assertThat(fake.taskIds()).singleElement().satisfies(taskId -> assertThat(made.all())
        .as("the task id is still printed").contains(taskId));
    assertThat(made.err().lines().filter(line -> line.startsWith("vidgen: warning: ")))
        .as("one warning, naming the file and the fix: " + made.err()).singleElement().satisfies(line -> assertThat(line)
            .contains("no task history: " + file + " is a file, not a folder, so the data folder " + file
                + " (VIDGEN_HOME) cannot be there", "will pay again", "move the file aside, or set VIDGEN_HOME to a folder"));
    assertThat(made.err()).doesNotContain("not a directory").doesNotContain("something else is already there");
    assertThat(dir.resolve("clip.mp4")).isRegularFile();
    assertThat(fake.requests(Endpoint.CREATE)).as("sent once").hasSize(1);

    CliRun.Result refused = generate(toApis().env("VIDGEN_HOME", file.resolve("sub").toString())
        .env("VIDGEN_REQUIRE_HISTORY", "1"));
    assertThat(refused.exitCode()).as(refused.all()).isEqualTo(ExitCodes.OTHER);
    assertThat((String) error(refused).get("message")).isEqualTo("no task history: " + file + " is a file, not a"
        + " folder, so the data folder " + file.resolve("sub") + " (VIDGEN_HOME) cannot be there, and"
        + " VIDGEN_REQUIRE_HISTORY is set, so nothing was sent");
    assertThat(refused.all()).contains("move the file aside, or set VIDGEN_HOME to a folder");
    assertThat(fake.requests(Endpoint.CREATE)).as("nothing more sent").hasSize(1);
  }

  @Test
  void aFolderWhereTheHistorysFileWouldBeIsOneWarningAsTheOthersAre() throws Exception {
    // A folder where the history's file would be: it can be neither read (task durations) nor written.
    Path data = Files.createDirectories(home.resolve("data"));
    Files.createDirectories(data.resolve("history.jsonl"));

    CliRun.Result made = toApis().env("VIDGEN_HOME", data.toString()).run("generate", "--image", "product.png",
        "--prompt", "slow push-in", "--out", "clip.mp4", "--base-url", fake.baseUrl(), "--retry-delay", "1ms",
        "--poll-interval", "20ms");

    assertThat(made.exitCode()).as(made.all()).isZero();
    assertThat(made.err().lines().filter(line -> line.contains("history")))
        .as(made.err()).singleElement().satisfies(line -> assertThat(line).startsWith("vidgen: warning: no task"
            + " history: " + data.resolve("history.jsonl") + " is a folder, not the history's file").endsWith(
                "move it aside, or set VIDGEN_HOME to another folder"));
    assertThat(fake.requests(Endpoint.CREATE)).hasSize(1);
  }

  @Test
  @SuppressWarnings("unchecked")
  void aHistoryWhoseFileAndLockCannotBeOpenedNeverSaysTheTaskIdIsKept() throws Exception {
    // A folder that exists where neither the history nor its lock can be opened (a read-only folder, for a user other
    // than root): folders stand where the two files would be.
    Path data = Files.createDirectories(home.resolve("data"));
    Files.createDirectories(data.resolve("history.jsonl"));
    Files.createDirectories(data.resolve("history.jsonl.lock"));

    CliRun.Result made = toApis().env("VIDGEN_HOME", data.toString()).run("generate", "--image", "product.png",
        "--prompt", "slow push-in", "--out", "clip.mp4", "--json", "--base-url", fake.baseUrl(), "--retry-delay", "1ms",
        "--poll-interval", "20ms");

    assertThat(made.exitCode()).as(made.all()).isZero();
    assertThat(made.err()).as("nothing was appended, so nothing is said to be").doesNotContain("so that its id is kept")
        .contains("no task history: " + data.resolve("history.jsonl") + " is a folder");
    java.util.List<Map<String, String>> warnings = (java.util.List<Map<String, String>>) made.json().get("warnings");
    assertThat(warnings).extracting(warning -> warning.get("message"))
        .noneMatch(message -> message.contains("appended to it without the lock"));
  }
}
