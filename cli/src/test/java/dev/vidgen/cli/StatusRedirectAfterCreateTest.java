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
 * A status read answered by a redirect once the task is made (and may be paid for): the redirect is not followed,
 * and the run ends as other read failures after a create do (exit 5), its last line saying that the task exists and
 * how to go on with it, not that the provider rejected the job.
 */
class StatusRedirectAfterCreateTest {
  private static final String KEY = "sk-test" + "6".repeat(44);

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

  private static String lastLine(String text) {
    return text.strip().lines().reduce((first, second) -> second).orElse("");
  }

  @Test
  void aRedirectedStatusReadAfterThePaidCreateEndsWithTheTaskAndItsWait() {
    fake.inject(Endpoint.STATUS, Fault.answer(301, "application/json", "{\"moved\": \"elsewhere\"}")
        .withHeader("Location", "http://127.0.0.2:9/v1/videos/generations/x"), 100_000);

    CliRun.Result made = run("generate", "--image", "product.png", "--prompt", "slow push-in", "--timeout", "3s");

    assertThat(made.exitCode()).as(made.all()).isEqualTo(ExitCodes.PROVIDER_ERROR);
    String taskId = fake.taskIds().get(0);
    assertThat(lastLine(made.err())).contains("task " + taskId + " exists and may be", "vidgen wait " + taskId)
        .doesNotContain("rejected");
    assertThat(made.all()).doesNotContain("the provider rejected the request");
    assertThat(fake.requests(Endpoint.CREATE)).hasSize(1);
  }

  @Test
  void aWaitWhoseReadsAreRedirectedEndsAfterTheReadsOwnShortRetriesNotAtItsTimeout() {
    CliRun.Result made = run("generate", "--image", "product.png", "--prompt", "slow push-in", "--no-wait");
    String taskId = fake.taskIds().get(0);
    fake.inject(Endpoint.STATUS, Fault.answer(301, "application/json", "{\"moved\": \"elsewhere\"}")
        .withHeader("Location", "http://127.0.0.2:9/v1/videos/generations/x"), 100_000);

    CliRun.Result waited = run("wait", taskId, "--timeout", "30s");

    assertThat(waited.exitCode()).as(waited.all()).isEqualTo(ExitCodes.PROVIDER_ERROR);
    // A redirect is no outage that passes: a server that sends every read elsewhere is not read again for 30 s.
    assertThat(fake.requests(Endpoint.STATUS)).as(waited.all()).hasSizeLessThanOrEqualTo(4);
    assertThat(waited.err()).doesNotContain("could not be read (").contains("vidgen wait " + taskId);
    assertThat(made.exitCode()).isZero();
  }

  @Test
  void aRedirectedStatusCommandSaysTheTaskExistsAndHowToGoOn() {
    CliRun.Result made = run("generate", "--image", "product.png", "--prompt", "slow push-in", "--no-wait");
    assertThat(made.exitCode()).as(made.all()).isZero();
    String taskId = fake.taskIds().get(0);
    fake.inject(Endpoint.STATUS, Fault.answer(302, "text/plain", "").withHeader("Location", "https://elsewhere.example/"),
        100_000);

    CliRun.Result status = run("status", taskId, "--timeout", "3s");

    assertThat(status.exitCode()).as(status.all()).isEqualTo(ExitCodes.PROVIDER_ERROR);
    assertThat(lastLine(status.err())).contains("exists and may be", "vidgen wait " + taskId);
    assertThat(fake.requests(Endpoint.CREATE)).hasSize(1);
  }
}
