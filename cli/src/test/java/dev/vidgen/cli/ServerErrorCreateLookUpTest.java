package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.serve.history.HistoryEntry;
import dev.vidgen.serve.history.TaskHistory;
import dev.vidgen.testkit.toapis.Endpoint;
import dev.vidgen.testkit.toapis.FakeToApisServer;
import dev.vidgen.testkit.toapis.Fault;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A create answered with a server error (HTTP 500, no task made) on a route with client references, whose look-up could
 * not be made then: {@code vidgen status unanswered-…} later finds no task, and says that the create was answered with
 * a server error and made none, not that it got no answer and most likely never arrived.
 */
class ServerErrorCreateLookUpTest {
  private static final String KEY = "sk-test" + "5".repeat(44);

  @RegisterExtension
  final CliOnFakeToApis cli = CliOnFakeToApis.builder(KEY).start();
  private final Path home = cli.home();
  private final FakeToApisServer fake = cli.fake();

  private CliRun.Result vidgen(String... args) {
    CliRun.Result result = cli.withoutHome().env("VIDGEN_HOME", home.toString()).run(args);
    assertThat(result.all()).as("the key is never printed").doesNotContain(KEY.substring(3));
    return result;
  }

  @Test
  void theLookUpOfACreateAnsweredWithAServerErrorSaysItMadeNoneNotThatItNeverArrived() {
    fake.inject(Endpoint.CREATE, Fault.serverError(), 50); // no task is made
    fake.inject(Endpoint.STATUS, Fault.unavailable(), 40); // and its look-up fails, so the job stays unknown
    CliRun.Result made = vidgen("generate", "--image", "product.png", "--prompt", "boom", "--model", "seedance-2",
        "--no-wait", "--base-url", fake.baseUrl(), "--retry-delay", "1ms");
    String reference = fake.lastCreate().orElseThrow().clientReference().orElseThrow();
    assertThat(made.exitCode()).as(made.all()).isEqualTo(ExitCodes.PROVIDER_ERROR);
    assertThat(fake.taskIds()).isEmpty();
    HistoryEntry note = TaskHistory.in(home).find("unanswered-" + reference).orElseThrow();
    assertThat(note.error()).as("the note says what the create's answer was")
        .startsWith("its create was answered with a server error (toapis: HTTP 500");
    fake.clearFaults();
    int creates = fake.requests(Endpoint.CREATE).size();

    CliRun.Result status = vidgen("status", "unanswered-" + reference, "--base-url", fake.baseUrl(),
        "--retry-delay", "1ms");

    assertThat(status.exitCode()).as(status.all()).isEqualTo(ExitCodes.PROVIDER_ERROR);
    assertThat(status.err()).contains("unanswered-" + reference + " is a create answered with a server error;"
            + " looking it up by its client reference",
        "no task answers to unanswered-" + reference + "'s client reference on toapis",
        "it was answered with a server error and no task answers to its client reference, so it made none (nothing"
            + " billed)")
        .doesNotContain("got no answer", "most likely never arrived");
    assertThat(fake.requests(Endpoint.CREATE)).as("the look-up sends no create").hasSize(creates);
  }
}
