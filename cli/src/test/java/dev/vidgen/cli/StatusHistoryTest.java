package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.serve.history.HistoryEntry;
import dev.vidgen.serve.history.TaskHistory;
import dev.vidgen.testkit.toapis.Endpoint;
import dev.vidgen.testkit.toapis.FakeToApisServer;
import dev.vidgen.testkit.toapis.Fault;
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

  /** A run with this test's history, on the fake. */
  private CliRun here() {
    return cli.vidgen().env("TOAPIS_BASE_URL", cli.fake().baseUrl());
  }
}
