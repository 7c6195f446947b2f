package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.testkit.toapis.Endpoint;
import dev.vidgen.testkit.toapis.Fault;
import dev.vidgen.testkit.toapis.FakeToApisServer;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The words of a wait that ended on an answer the provider gave but vidgen cannot use, and of waits before a
 * retry: nothing said of a network that did not fail, nor of a wait of no time, nor a wait shown shorter than kept.
 */
class UnusableAnswerWordsTest {
  private static final String KEY = "sk-test" + "7".repeat(44);
  private static final String JSON = "application/json";

  @RegisterExtension
  final CliOnFakeToApis cli = CliOnFakeToApis.builder(KEY).start();
  private final FakeToApisServer fake = cli.fake();

  private CliRun.Result vidgen(String... args) {
    CliRun.Result result = cli.vidgen().run(args);
    assertThat(result.all()).as("the key is never printed").doesNotContain(KEY).doesNotContain(KEY.substring(3));
    return result;
  }

  @Test
  void aWaitEndedByStatusAnswersThatAreNotTheTaskSaysTheProviderAnsweredAndHowToReadItAgain() {
    fake.inject(Endpoint.STATUS, Fault.answer(200, JSON,
        "{\"error\":{\"code\":\"internal_error\",\"message\":\"upstream channel error\"}}"), 50);

    CliRun.Result result = vidgen("generate", "--image", "product.png", "--prompt", "p", "--out", "clip.mp4",
        "--base-url", fake.baseUrl(), "--poll-interval", "20ms", "--retry-delay", "1ms", "--timeout", "2m");

    assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.PROVIDER_ERROR);
    assertThat(result.err()).contains("upstream channel error",
            "the provider answered, but not with anything vidgen can use; read the task again later: vidgen wait ")
        .doesNotContain("the provider or the network failed").doesNotContain("may still finish")
        .doesNotContain("still running");
  }

  @Test
  void aStatusReadAnsweredWithAnHtmlPageSaysSomethingAnsweredInTheProvidersPlace() {
    CliRun.Result made = vidgen("generate", "--no-wait", "--json", "--image", "product.png", "--prompt", "p",
        "--base-url", fake.baseUrl());
    assertThat(made.exitCode()).as(made.all()).isZero();
    String task = (String) made.json().get("task_id");
    fake.inject(Endpoint.STATUS, Fault.answer(200, "text/html", "<html><body>Sign in to the network</body></html>"),
        50);

    CliRun.Result result = vidgen("status", task, "--json", "--base-url", fake.baseUrl(), "--retry-delay", "1ms");

    assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.PROVIDER_ERROR);
    @SuppressWarnings("unchecked")
    Map<String, Object> error = (Map<String, Object>) result.json().get("error");
    assertThat(error).as(result.all()).containsEntry("kind", "provider_unavailable");
    assertThat((String) error.get("next")).startsWith("something answered in the provider's place (a proxy or a"
        + " login page, perhaps), not with anything vidgen can use; read the task again later: vidgen wait " + task)
        .doesNotContain("the provider answered");
  }

  @Test
  void aStatusReadRefusedWithARetryAfterPastItsTimeoutSaysSoAndNamesTheOptionThatRaisesIt() {
    CliRun.Result made = vidgen("generate", "--no-wait", "--json", "--image", "product.png", "--prompt", "p",
        "--base-url", fake.baseUrl());
    assertThat(made.exitCode()).as(made.all()).isZero();
    fake.inject(Endpoint.STATUS, Fault.rateLimited(Duration.ofSeconds(90)), 1);

    CliRun.Result result = vidgen("status", (String) made.json().get("task_id"), "--base-url", fake.baseUrl());

    // 90 s is under the 120 s the retries wait at most; the read's own 1 min is why it was not waited for.
    assertThat(result.exitCode()).as(result.all()).isEqualTo(ExitCodes.RATE_LIMITED);
    assertThat(result.err()).contains("rate limited at the first try, which vidgen did not retry: the server asked to"
        + " wait 90 s (Retry-After), past the 1 min this read may take (raise it with --timeout)", "wait 1 min 30 s");
  }

  @Test
  void aRetryAfterOfNoTimeIsNotNamedAsAWaitTheProviderAsks() {
    fake.inject(Endpoint.CREATE, Fault.rateLimited(Duration.ZERO), 1);

    CliRun.Result result = vidgen("generate", "--image", "product.png", "--prompt", "p", "--out", "clip.mp4",
        "--base-url", fake.baseUrl(), "--poll-interval", "20ms", "--retry-delay", "3s");

    assertThat(result.exitCode()).as(result.all()).isZero();
    assertThat(result.err()).contains("the provider is limiting requests (HTTP 429); the create waits ")
        .doesNotContain("the provider asks");
  }

  @Test
  void aVerboseRetryShowsItsWaitToATenthOfASecondAsTheNoticeDoes() {
    fake.inject(Endpoint.CREATE, Fault.rateLimited(Duration.ofSeconds(3)), 1);

    CliRun.Result result = vidgen("generate", "--verbose", "--image", "product.png", "--prompt", "p", "--out",
        "clip.mp4", "--base-url", fake.baseUrl(), "--poll-interval", "20ms");

    assertThat(result.exitCode()).as(result.all()).isZero();
    java.util.regex.Matcher notice = java.util.regex.Pattern.compile("the create waits (\\d+\\.\\d s)")
        .matcher(result.err());
    assertThat(notice.find()).as(result.err()).isTrue();
    assertThat(result.err()).contains("retrying create (attempt 2) in " + notice.group(1) + " after: ");
  }
}
