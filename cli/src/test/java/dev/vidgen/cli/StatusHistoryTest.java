package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.serve.history.HistoryEntry;
import dev.vidgen.serve.history.TaskHistory;
import dev.vidgen.testkit.toapis.Endpoint;
import dev.vidgen.testkit.toapis.FakeToApisServer;
import dev.vidgen.testkit.toapis.Fault;
import dev.vidgen.testkit.toapis.Lifecycle;
import dev.vidgen.testkit.toapis.TaskScript;
import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code status} brings the task history up to date as {@code wait} and {@code download} do. */
class StatusHistoryTest {
  @RegisterExtension final CliOnFakeToApis cli = CliOnFakeToApis.builder(FakeToApisServer.DEFAULT_KEY).start();

  @Test
  void aStatusThatTheProviderAnswersNotFoundRecordsTheTaskNotFoundAndTheHistoryShowsIt() throws IOException {
    CliRun.Result made = here().run("generate", "--no-wait", "--json", "--image", "product.png", "--prompt", "p");
    String taskId = (String) made.json().get("task_id");
    AgedHistory.age(cli.home(), Duration.ofMinutes(10));
    cli.fake().inject(Endpoint.STATUS, Fault.status(404), 10_000);

    CliRun.Result status = here().run("status", taskId);
    CliRun.Result history = here().run("history");

    assertThat(status.exitCode()).as(status.all()).isEqualTo(ExitCodes.PROVIDER_ERROR);
    assertThat(TaskHistory.in(cli.home()).find(taskId)).map(HistoryEntry::status).contains(HistoryEntry.NOT_FOUND);
    assertThat(history.out()).as(history.all()).contains("not_found");
  }

  @Test
  void aNotFoundOfATaskMadeMomentsAgoIsNotRecordedAsGoneForAProviderMayNotListItYet() {
    CliRun.Result made = here().run("generate", "--no-wait", "--json", "--image", "product.png", "--prompt", "p");
    String taskId = (String) made.json().get("task_id");
    cli.fake().inject(Endpoint.STATUS, Fault.status(404), 10_000);

    CliRun.Result status = here().run("status", taskId);
    CliRun.Result history = here().run("history");

    assertThat(status.exitCode()).as(status.all()).isEqualTo(ExitCodes.PROVIDER_ERROR);
    assertThat(TaskHistory.in(cli.home()).find(taskId)).map(HistoryEntry::status)
        .isPresent().get().isNotEqualTo(HistoryEntry.NOT_FOUND);
    assertThat(history.out()).as(history.all()).doesNotContain("not_found").doesNotContain("generate the job again");
  }

  @Test
  void theNextCommandOfATaskMadeWithOutSavesItThereAsGeneratesOwnNoticeDoes() {
    cli.fake().nextTask(TaskScript.completes().taking(Lifecycle.byPolls(5, 5))); // still queued when status reads it
    CliRun.Result made = here().run("generate", "--no-wait", "--image", "product.png", "--prompt", "p",
        "--out", "my kite.mp4");
    String taskId = field(made, "task");
    String generatesNext = field(made, "next");

    CliRun.Result status = here().run("status", taskId);
    CliRun.Result statusJson = here().run("status", taskId, "--json");

    assertThat(ShellWords.split(generatesNext)).as(made.all())
        .containsSubsequence("vidgen", "wait", taskId, "--out", cli.dir().resolve("my kite.mp4").toString());
    assertThat(status.exitCode()).as(status.all()).isZero();
    assertThat(field(status, "next")).as(status.all()).isEqualTo(generatesNext);
    assertThat(statusJson.json()).as(statusJson.all()).containsEntry("next", generatesNext);
  }

  /** The value of a run's text field {@code name} (a line "name   value"). */
  private static String field(CliRun.Result run, String name) {
    return run.out().lines().filter(line -> line.startsWith(name + " ")).map(line -> line.substring(name.length()).strip())
        .findFirst().orElseThrow(() -> new AssertionError("no " + name + " line in: " + run.all()));
  }

  /** A run with this test's history, on the fake. */
  private CliRun here() {
    return cli.vidgen().env("TOAPIS_BASE_URL", cli.fake().baseUrl());
  }
}
