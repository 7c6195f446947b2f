package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.testkit.toapis.Endpoint;
import dev.vidgen.testkit.toapis.FakeToApisServer;
import dev.vidgen.testkit.toapis.Lifecycle;
import dev.vidgen.testkit.toapis.TaskScript;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Every {@code --json} document with a paid task to follow gives the command that goes on as its own field, {@code
 * next_command}, beside the words of {@code next}: a deadline (exit 7), the same job run again (exit 1, {@code
 * same_job}), {@code status}, and an extend, remix or download of a task not finished (exit 1, {@code not_finished};
 * trial GU, F2). A script runs it as it is, and it does what it says (trial GP, F2).
 */
class NextCommandForScriptsTest {
  private static final String KEY = "sk-test" + "8".repeat(44);

  @RegisterExtension
  final CliOnFakeToApis cli = CliOnFakeToApis.builder(KEY).start();
  private final FakeToApisServer fake = cli.fake();

  private CliRun.Result vidgen(String... args) {
    String[] all = Stream.concat(Stream.of(args), Stream.of("--base-url", fake.baseUrl())).toArray(String[]::new);
    return cli.vidgen().run(all);
  }

  private CliRun.Result generate(String... more) {
    return vidgen(Stream.concat(Stream.of("generate", "--image", "product.png", "--prompt", "nightly W",
        "--max-credits", "40", "--out", "night.mp4", "--poll-interval", "20ms", "--json"), Stream.of(more))
        .toArray(String[]::new));
  }

  /** Runs a command as vidgen printed it (its first word, vidgen, left out), as a script would run it. */
  private CliRun.Result runPrinted(String command) {
    List<String> words = ShellWords.split(command);
    assertThat(words.get(0)).isEqualTo("vidgen");
    return cli.vidgen().run(words.subList(1, words.size()).toArray(String[]::new));
  }

  @Test
  @SuppressWarnings("unchecked")
  void aDeadlineTheSameJobAndStatusEachGiveTheWaitThatSavesTheVideoWhereItWasAskedFor() {
    // Still queued for the first run's whole --timeout, done a few seconds after its create.
    fake.nextTask(TaskScript.completes().taking(Lifecycle.byTime(Duration.ofSeconds(2), Duration.ZERO)));

    CliRun.Result timedOut = generate("--timeout", "300ms");

    assertThat(timedOut.exitCode()).as(timedOut.all()).isEqualTo(ExitCodes.DEADLINE);
    String taskId = (String) timedOut.json().get("task_id");
    String wait = (String) timedOut.json().get("next_command");
    assertThat(wait).as(timedOut.all()).startsWith("vidgen wait " + taskId)
        .contains("--out " + cli.dir().resolve("night.mp4")).contains("--base-url " + fake.baseUrl());
    Map<String, Object> error = (Map<String, Object>) timedOut.json().get("error");
    assertThat((String) error.get("next")).as("the words for people stay as they were")
        .isEqualTo("the task is still running; go on waiting with: " + wait);

    CliRun.Result again = generate();

    assertThat(again.exitCode()).as(again.all()).isEqualTo(1);
    assertThat((Map<String, Object>) again.json().get("error")).containsEntry("kind", "same_job");
    assertThat(again.json()).as(again.all()).containsEntry("next_command", wait);
    assertThat((String) ((Map<String, Object>) again.json().get("error")).get("next"))
        .startsWith("follow that one with: " + wait + "; or add --again");

    CliRun.Result status = vidgen("status", taskId, "--json");

    assertThat(status.exitCode()).as(status.all()).isZero();
    assertThat(status.json()).containsEntry("next_command", wait).containsEntry("next", wait);

    CliRun.Result waited = runPrinted(wait);

    assertThat(waited.exitCode()).as(waited.all()).isZero();
    assertThat(cli.dir().resolve("night.mp4")).isNotEmptyFile();
    assertThat(fake.requests(Endpoint.CREATE)).as("followed, never paid twice").hasSize(1);
  }

  @Test
  @SuppressWarnings("unchecked")
  void anExtendOrRemixOfATaskNotFinishedGivesTheWaitThatGoesOnWithIt() {
    fake.nextTask(TaskScript.completes().taking(Lifecycle.byPolls(2, 0))); // queued at its first two reads
    CliRun.Result made = vidgen("generate", "--model", "grok-video-1.0", "--prompt", "a red kite rises", "--no-wait",
        "--json");
    String source = (String) made.json().get("task_id");

    CliRun.Result extend = vidgen("extend", source, "--prompt", "the kite climbs higher", "--json");
    CliRun.Result remix = vidgen("remix", source, "--prompt", "at night", "--json");

    for (CliRun.Result refused : List.of(extend, remix)) {
      assertThat(refused.exitCode()).as(refused.all()).isEqualTo(1);
      Map<String, Object> error = (Map<String, Object>) refused.json().get("error");
      assertThat(error).containsEntry("kind", "not_finished");
      String wait = (String) refused.json().get("next_command");
      assertThat(wait).as(refused.all()).startsWith("vidgen wait " + source).contains("--base-url " + fake.baseUrl());
      assertThat((String) error.get("next")).isEqualTo("wait for it (" + wait + "), then run this "
          + (refused == extend ? "extend" : "remix") + " again");
    }
    CliRun.Result waited = runPrinted((String) extend.json().get("next_command"));

    assertThat(waited.exitCode()).as(waited.all()).isZero();
    assertThat(fake.requests(Endpoint.EXTEND)).as("nothing sent while the source ran").isEmpty();
    assertThat(fake.requests(Endpoint.REMIX)).isEmpty();
  }

  @Test
  @SuppressWarnings("unchecked")
  void aDownloadOfATaskNotFinishedGivesTheWaitThatSavesItWhereTheDownloadWasTo() {
    fake.nextTask(TaskScript.completes().taking(Lifecycle.byPolls(1, 0))); // queued at its first read
    String taskId = (String) generate("--no-wait").json().get("task_id");

    CliRun.Result early = vidgen("download", taskId, "--out", "later.mp4", "--json");

    assertThat(early.exitCode()).as(early.all()).isEqualTo(1);
    Map<String, Object> error = (Map<String, Object>) early.json().get("error");
    assertThat(error).containsEntry("kind", "not_finished");
    String wait = (String) early.json().get("next_command");
    assertThat(wait).as(early.all()).startsWith("vidgen wait " + taskId)
        .contains("--out " + cli.dir().resolve("later.mp4"));
    assertThat((String) error.get("next")).isEqualTo("wait for it and save it with: " + wait);

    CliRun.Result waited = runPrinted(wait);

    assertThat(waited.exitCode()).as(waited.all()).isZero();
    assertThat(cli.dir().resolve("later.mp4")).isNotEmptyFile();
    assertThat(fake.requests(Endpoint.CREATE)).hasSize(1);
  }

  @Test
  void statusOfACompletedTaskNotSavedGivesTheDownloadAndOneSavedGivesNone() {
    fake.nextTask(TaskScript.completes().taking(Lifecycle.byPolls(0, 0))); // done at its first read
    CliRun.Result made = generate("--no-wait");
    String taskId = (String) made.json().get("task_id");
    assertThat((String) made.json().get("next_command")).as(made.all()).startsWith("vidgen wait " + taskId);

    CliRun.Result done = vidgen("status", taskId, "--json");

    assertThat(done.json()).as(done.all()).containsEntry("status", "completed");
    String download = (String) done.json().get("next_command");
    assertThat(download).startsWith("vidgen download " + taskId).contains("--out " + cli.dir().resolve("night.mp4"));
    assertThat(runPrinted(download).exitCode()).isZero();
    assertThat(cli.dir().resolve("night.mp4")).isNotEmptyFile();

    CliRun.Result saved = vidgen("status", taskId, "--json");

    assertThat((String) saved.json().get("next")).startsWith("the video is saved at " + cli.dir().resolve("night.mp4"));
    assertThat(saved.json()).as("nothing left to run").containsEntry("next_command", null);
  }
}
