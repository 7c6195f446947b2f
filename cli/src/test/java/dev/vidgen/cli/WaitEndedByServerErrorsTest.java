package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.testkit.toapis.Endpoint;
import dev.vidgen.testkit.toapis.FakeToApisServer;
import dev.vidgen.testkit.toapis.Fault;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A wait whose every status read answers HTTP 500 ends with the library's account of the wait (how long it read, how
 * many reads failed, that the paid task is resumed rather than generated again) and the command that goes on with it.
 */
class WaitEndedByServerErrorsTest {
  private static final String KEY = "sk-test" + "9".repeat(44);

  @RegisterExtension
  final CliOnFakeToApis cli = CliOnFakeToApis.builder(KEY).start();
  private final Path home = cli.home();
  private final FakeToApisServer fake = cli.fake();

  private CliRun.Result run(String... args) {
    String[] all = Stream.concat(Stream.of(args),
        Stream.of("--base-url", fake.baseUrl(), "--poll-interval", "20ms", "--retry-delay", "1ms"))
        .toArray(String[]::new);
    return cli.withoutHome().env("VIDGEN_HOME", home.toString()).run(all);
  }

  @Test
  void theWaitsLineSaysTheTaskIsPaidForAndHowToGoOnWithIt() {
    CliRun.Result made = run("generate", "--image", "product.png", "--prompt", "slow push-in", "--no-wait");
    assertThat(made.exitCode()).as(made.all()).isZero();
    String taskId = fake.taskIds().get(0);
    fake.inject(Endpoint.STATUS, Fault.serverError(), 100_000);

    CliRun.Result waited = run("wait", taskId, "--timeout", "2s", "--out", "v.mp4");

    assertThat(waited.exitCode()).as(waited.all()).isEqualTo(ExitCodes.PROVIDER_ERROR);
    String last = waited.err().strip().lines().reduce((first, second) -> second).orElse("");
    assertThat(last).containsPattern("\\(task " + taskId + "(, request [^)]+)?\\); the wait read the task's status"
        + " for \\d+ s and \\d+ reads in a row failed \\(\\d+ tries in all\\), so it stopped: task " + taskId + " exists and may"
        + " be paid for, so do not generate it again; resume it with its task id later \\(see"
        + " docs/errors.md#server-error\\) — .*vidgen wait " + taskId)
        .doesNotContain("still failing after");
    assertThat(fake.requests(Endpoint.CREATE)).hasSize(1);
  }
}
