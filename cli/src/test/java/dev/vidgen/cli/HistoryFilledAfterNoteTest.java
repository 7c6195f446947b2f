package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vidgen.testkit.toapis.Endpoint;
import dev.vidgen.testkit.toapis.Fault;
import dev.vidgen.testkit.toapis.FakeToApisServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A history that takes the job's note before its create and no line after it (a disk that fills just then): each
 * warning says what failed, the history says what its lone note means, and the way to claim the saved video works.
 */
class HistoryFilledAfterNoteTest {
  private static final String KEY = "sk-test" + "8".repeat(44);
  private static final Pattern NOTE = Pattern.compile("unanswered-[A-Za-z0-9-]+");

  @RegisterExtension
  final CliOnFakeToApis cli = CliOnFakeToApis.builder(KEY).start();
  private final Path dir = cli.dir();
  private final Path home = cli.home();
  private final FakeToApisServer fake = cli.fake();

  private CliRun.Result generate(String out) {
    return cli.withoutHome().env("VIDGEN_HOME", home.toString()).run("generate", "--image", "product.png", "--prompt",
        "slow push-in", "--out", out, "--base-url", fake.baseUrl(), "--retry-delay", "1ms", "--poll-interval", "20ms");
  }

  @Test
  void aHistoryThatTookOnlyTheNoteIsToldAsSuchAndTheSavedVideoCanBeClaimed() throws Exception {
    Path history = home.resolve("history.jsonl");
    Path aside = home.resolve("history-aside.jsonl");
    // The upload, which comes after the note and before the create, is held until the history stops taking lines.
    CountDownLatch stopped = new CountDownLatch(1);
    fake.inject(Endpoint.UPLOAD, Fault.heldUntil(stopped, Duration.ofSeconds(30)), 1);
    CompletableFuture<Void> filled = CompletableFuture.runAsync(() -> {
      try {
        await().atMost(Duration.ofSeconds(30)).until(() -> Files.exists(history)
            && Files.readString(history).contains("unanswered-"));
        Files.move(history, aside);
        Files.createSymbolicLink(history, home.resolve("gone").resolve("history.jsonl"));
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      } finally {
        stopped.countDown();
      }
    });

    CliRun.Result made = generate("clip.mp4");
    filled.join();

    assertThat(made.exitCode()).as(made.all()).isZero();
    String taskId = fake.taskIds().get(0);
    Matcher named = NOTE.matcher(Files.readString(aside));
    assertThat(named.find()).isTrue();
    String note = named.group();
    assertThat(made.err()).as("the note was written: what failed is said, not that the job went unrecorded")
        .doesNotContain("could not record the job in the task history before its create")
        .contains("could not update the job's note " + note + " in the task history as its create went out")
        .contains("task " + taskId + " is not recorded in the task history")
        .contains("vidgen history lists the job only as the note written before its create, " + note)
        .contains("vidgen status " + taskId + " --made-by " + note);

    // The disk has room again: the history holds the note alone.
    Files.delete(history);
    Files.move(aside, history);
    CliRun.Result listed = cli.withoutHome().env("VIDGEN_HOME", home.toString()).run("history");
    assertThat(listed.out()).as(listed.all()).contains(note)
        .contains("An unknown row whose note says only that its submit began has no later line");

    CliRun.Result again = generate("other.mp4");
    assertThat(again.exitCode()).as(again.all()).isNotZero();
    String claim = "vidgen wait TASK_ID --made-by " + note + " --out " + dir.resolve("clip.mp4") + " --force";
    assertThat(again.all()).contains(dir.resolve("clip.mp4") + " was written after this note").contains(claim);
    assertThat(fake.requests(Endpoint.CREATE)).as("nothing paid again").hasSize(1);

    CliRun.Result claimed = cli.withoutHome().env("VIDGEN_HOME", home.toString()).run("wait", taskId, "--made-by",
        note, "--out", dir.resolve("clip.mp4").toString(), "--force", "--base-url", fake.baseUrl(),
        "--poll-interval", "20ms");
    assertThat(claimed.exitCode()).as(claimed.all()).isZero();
    assertThat(Files.readString(history)).contains("\"" + taskId + "\"");
  }
}
