package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vidgen.serve.history.HistoryEntry;
import dev.vidgen.serve.history.TaskHistory;
import dev.vidgen.testkit.toapis.Endpoint;
import dev.vidgen.testkit.toapis.FakeToApisServer;
import dev.vidgen.testkit.toapis.Fault;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A task whose run saved its video but could not write the task's own line (a history that filled after the job's
 * note), claimed later with the status --made-by command its warning offers: the history then has the video saved,
 * unless another task names that file too; a claim the history cannot take is said as such, never as unexpected.
 */
class ClaimOfSavedVideoTest {
  private static final String KEY = "sk-test" + "9".repeat(44);
  private static final Pattern NOTE = Pattern.compile("unanswered-[A-Za-z0-9-]+");

  @RegisterExtension
  final CliOnFakeToApis cli = CliOnFakeToApis.builder(KEY).start();
  private final Path dir = cli.dir();
  private final Path home = cli.home();
  private final FakeToApisServer fake = cli.fake();
  private final Path history = home.resolve("history.jsonl");

  private CliRun.Result run(String... args) {
    return cli.withoutHome().env("VIDGEN_HOME", home.toString()).run(args);
  }

  private CliRun.Result generate(String prompt, String out, String... more) {
    java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("generate", "--image", "product.png",
        "--prompt", prompt, "--out", out, "--base-url", fake.baseUrl(), "--retry-delay", "1ms", "--poll-interval",
        "20ms"));
    args.addAll(java.util.List.of(more));
    return run(args.toArray(String[]::new));
  }

  /** A generate whose history takes the job's note and no line after it; the name of that note. */
  private String generateWithTheLineUnwritten(String out) throws Exception {
    Path aside = home.resolve("history-aside.jsonl");
    // The upload, after the note and before the create, is held until the history stops taking lines.
    CountDownLatch stopped = new CountDownLatch(1);
    fake.inject(Endpoint.UPLOAD, Fault.heldUntil(stopped, Duration.ofSeconds(30)), 1);
    String before = Files.exists(history) ? Files.readString(history) : "";
    CompletableFuture<Void> filled = CompletableFuture.runAsync(() -> {
      try {
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(history)
            && Files.readString(history).substring(before.length()).contains("unanswered-"));
        Files.move(history, aside);
        Files.createSymbolicLink(history, home.resolve("gone").resolve("history.jsonl"));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } finally {
        stopped.countDown();
      }
    });
    CliRun.Result made = generate("slow push-in", out);
    filled.join();
    assertThat(made.exitCode()).as(made.all()).isZero();
    assertThat(dir.resolve(out)).isRegularFile();
    Files.delete(history);
    Files.move(aside, history); // room again
    Matcher named = NOTE.matcher(Files.readString(history).substring(before.length()));
    assertThat(named.find()).isTrue();
    return named.group();
  }

  @Test
  void theStatusClaimRecordsTheVideoItsRunSaved() throws Exception {
    String note = generateWithTheLineUnwritten("clip.mp4");
    String taskId = fake.taskIds().get(0);
    String clip = dir.resolve("clip.mp4").toString();

    CliRun.Result claimed = run("status", taskId, "--made-by", note, "--base-url", fake.baseUrl());
    assertThat(claimed.exitCode()).as(claimed.all()).isZero();
    assertThat(claimed.all()).contains("its video is saved at " + clip)
        .contains("the video is saved at " + clip);

    CliRun.Result listed = run("history");
    assertThat(listed.out()).as(listed.all()).contains(clip).doesNotContain("(not saved)")
        .doesNotContain("save it with");
    assertThat(fake.requests(Endpoint.CREATE)).as("nothing paid again").hasSize(1);
  }

  @Test
  void aFileAnotherTaskNamesSinceIsOnlySaidToMayBeTheVideo() throws Exception {
    String note = generateWithTheLineUnwritten("clip.mp4");
    String taskId = fake.taskIds().get(0);
    String clip = dir.resolve("clip.mp4").toString();
    // Another job saved over that file since: what is there now is that task's video.
    CliRun.Result other = generate("another job", "clip.mp4", "--force");
    assertThat(other.exitCode()).as(other.all()).isZero();

    CliRun.Result claimed = run("status", taskId, "--made-by", note, "--base-url", fake.baseUrl());
    assertThat(claimed.exitCode()).as(claimed.all()).isZero();
    assertThat(claimed.all()).contains("a file at " + clip + " was written after its create went out and may be its"
        + " video").doesNotContain("its video is saved at");

    CliRun.Result listed = run("history");
    assertThat(listed.out()).as(listed.all()).contains("- (not recorded; a file at " + clip + " may be it)")
        .contains("Task " + taskId + " is done, and " + clip + " may be its video");
    HistoryEntry own = TaskHistory.in(home).find(taskId).orElseThrow();
    assertThat(own.file()).as("not called saved: another task's video may be there").isNull();
  }

  @Test
  void aClaimTheHistoryCannotTakeIsSaidWithWhatToDo() throws Exception {
    String note = generateWithTheLineUnwritten("clip.mp4");
    String taskId = fake.taskIds().get(0);
    Path lock = home.resolve("history.jsonl.lock");
    Files.deleteIfExists(lock);
    Files.createDirectory(lock); // the history cannot be changed until it goes

    CliRun.Result refused = run("status", taskId, "--made-by", note, "--base-url", fake.baseUrl());
    assertThat(refused.exitCode()).as(refused.all()).isNotZero();
    assertThat(refused.err()).doesNotContain("unexpected error").contains("the claim was not recorded")
        .contains(note + " stays open").contains("run this command again");

    Files.delete(lock);
    CliRun.Result again = run("status", taskId, "--made-by", note, "--base-url", fake.baseUrl());
    assertThat(again.exitCode()).as(again.all()).isZero();
    assertThat(again.all()).contains("its video is saved at " + dir.resolve("clip.mp4"));
  }

  @Test
  void aFullDiskIsSaidAsSuchWithTheSpaceToFree() {
    TaskHistory full = TaskHistory.in(home);
    HistoryEntry note = new HistoryEntry("unanswered-noref-vg-1", "toapis", "grok-video-1.5-preview",
        HistoryEntry.UNKNOWN, null, null, null, Instant.now(), null, null, null, null, null, "generate");
    CliException said = ClaimedVideo.unrecorded(full, note, new UncheckedIOException("cannot write the task history "
        + history + ": no space left on device", new IOException("No space left on device")));
    assertThat(said.getMessage()).contains("the disk of the task history " + history + " is full");
    assertThat(said.next()).contains("free space on the disk of " + home).contains("run this command again");
  }
}
