package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.testkit.toapis.Endpoint;
import dev.vidgen.testkit.toapis.FakeToApisServer;
import dev.vidgen.testkit.toapis.Fault;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What docs/errors.md promises a user sees: the link at the end of an invalid job's human line, and the
 * {@code error.code} and {@code error.http_status} of {@code --json} when a finished task's video link fails.
 */
class ErrorsAsDocumentedTest {
  private static final String KEY = "sk-test" + "8".repeat(44);

  @RegisterExtension
  final CliOnFakeToApis cli = CliOnFakeToApis.builder(KEY).start();
  private final FakeToApisServer fake = cli.fake();

  private CliRun.Result generate(String... more) {
    return cli.withoutHome().run(Stream.of(Stream.of("generate", "--image", "product.png", "--prompt", "p"),
        Stream.of(more), Stream.of("--base-url", fake.baseUrl(), "--poll-interval", "20ms", "--retry-delay", "1ms"))
        .flatMap(args -> args).toArray(String[]::new));
  }

  @Test
  void anInvalidJobsClosingLineLinksItsSectionOfTheErrorsPage() {
    CliRun.Result refused = generate("--seconds", "6");

    assertThat(refused.exitCode()).as(refused.all()).isEqualTo(ExitCodes.INVALID_JOB);
    assertThat(refused.err().lines()).as(refused.all()).contains("vidgen: nothing was sent — fix the job and run again"
        + " (vidgen models shows what each model accepts) (see docs/errors.md#invalid-job)");
    assertThat(fake.requests(Endpoint.CREATE)).isEmpty();
  }

  @Test
  void aVideoLinkAnsweringGoneGivesTheDocumentedCodeAndTheStatusThatCame() {
    fake.inject(Endpoint.FILE, Fault.status(404), 100);

    CliRun.Result failed = generate("--out", "clip.mp4", "--json");

    assertThat(failed.exitCode()).as(failed.all()).isEqualTo(ExitCodes.PROVIDER_ERROR);
    assertThat(error(failed)).containsEntry("kind", "result_unavailable")
        .containsEntry("code", "result_link_gone")
        .containsEntry("http_status", 404.0);
  }

  @Test
  void aFileHostAnsweringServerErrorsOnEveryTryGivesTheDocumentedCodeNotItsOwn() {
    fake.inject(Endpoint.FILE, Fault.serverError(), 100);

    CliRun.Result failed = generate("--out", "clip.mp4", "--json");

    assertThat(failed.exitCode()).as(failed.all()).isEqualTo(ExitCodes.PROVIDER_ERROR);
    assertThat(fake.requests(Endpoint.FILE)).as("its retries were used up").hasSizeGreaterThan(1);
    assertThat(error(failed)).containsEntry("kind", "download_failed")
        .containsEntry("code", "download_host_failed")
        .containsEntry("http_status", 500.0);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> error(CliRun.Result result) {
    assertThat(result.json()).as(result.all()).containsKey("error");
    return (Map<String, Object>) result.json().get("error");
  }
}
