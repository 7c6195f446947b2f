package dev.vidgen.provider.toapis;

import static dev.vidgen.provider.toapis.ToApisTesting.await;
import static dev.vidgen.provider.toapis.ToApisTesting.failure;
import static dev.vidgen.provider.toapis.ToApisTesting.pollToEnd;
import static dev.vidgen.provider.toapis.ToApisTesting.request;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.core.domain.TaskSnapshot;
import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.core.error.ProviderException;
import dev.vidgen.core.port.SubmitRequest;
import dev.vidgen.testkit.toapis.Endpoint;
import dev.vidgen.testkit.toapis.FakeToApisServer;
import dev.vidgen.testkit.toapis.Fault;
import dev.vidgen.testkit.toapis.TaskScript;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A server that echoes the key split by a line feed (a JSON {@code \n} in its words), or cut off in a gateway page's
 * excerpt, shows it masked in the exception and the task's snapshot: no run of the key's characters is left.
 */
class SplitKeyInServerTextTest {
  private static final String KEY = "sk-trial-cba0yRI1t1d2bB8NTkfC0S3WLIKVI1uysFdoXK8DIv";
  private static final String SPLIT_IN_JSON = "sk-trial-cba0y\\nRI1t1d2bB8NTkfC0S3WLIKVI1uysFdoXK8DIv";

  @RegisterExtension
  final ToApisOverHttp http = ToApisOverHttp.builder().unlimitedBalance().server(fake -> fake.apiKeys(KEY)).start();
  private final FakeToApisServer toapis = http.server();
  private final ToApisVideoProvider provider = http.provider();

  @Test
  void aRefusalThatSplitsTheKeyWithALineFeedShowsItMasked() {
    toapis.inject(Endpoint.CREATE, Fault.answer(400, "application/json",
        "{\"error\":{\"code\":\"invalid_request\",\"message\":\"bad token " + SPLIT_IN_JSON + " given\"}}"));

    ProviderException refused = (ProviderException) failure(provider.create(grokRequest()));

    assertThat(refused.getMessage()).contains("bad token sk-… given");
    assertKeyNowhereIn(everything(refused) + " " + refused.details());
  }

  @Test
  void aFailedTaskWhoseMessageSplitsTheKeyWithALineFeedShowsItMasked() {
    toapis.nextTask(TaskScript.fails("generation_failed", "content policy; token="
        + KEY.substring(0, 14) + "\n" + KEY.substring(14) + " end"));

    TaskSnapshot failed = pollToEnd(provider, await(provider.create(grokRequest())).taskId());

    assertThat(failed.failure().message()).isEqualTo("content policy; token=sk-… end");
    assertKeyNowhereIn(failed.toString());
  }

  @Test
  void aGatewayPageWhoseExcerptCutsAPercentEncodedKeyShowsNoneOfIt() {
    StringBuilder percent = new StringBuilder();
    for (char c : KEY.toCharArray()) {
      percent.append(String.format("%%%02X", (int) c));
    }
    toapis.inject(Endpoint.CREATE, Fault.answer(502, "application/json", "<html><body><h1>502 Bad Gateway</h1>"
        + "<p>upstream auth Bearer " + KEY + " / " + percent + "</p></body></html>"));

    Throwable gateway = failure(provider.create(grokRequest()));

    assertThat(gateway.getMessage()).contains("upstream auth Bearer sk-… / sk-…").doesNotContain("%73%6B%2D");
    assertKeyNowhereIn(everything(gateway));
  }

  /** No piece of the key's random part of 12 characters or more, in clear or percent-encoded, stands in {@code text}. */
  private static void assertKeyNowhereIn(String text) {
    String random = KEY.substring(9);
    for (int at = 0; at + 12 <= random.length(); at++) {
      String piece = random.substring(at, at + 12);
      StringBuilder encoded = new StringBuilder();
      for (char c : piece.toCharArray()) {
        encoded.append(String.format("%%%02X", (int) c));
      }
      assertThat(text).doesNotContain(piece).doesNotContain(encoded.toString());
    }
    assertThat(text).doesNotContain("cba0y\\nRI1t1").doesNotContain("cba0y\nRI1t1");
  }

  private static String everything(Throwable error) {
    StringWriter text = new StringWriter();
    error.printStackTrace(new PrintWriter(text));
    return text + " " + error;
  }

  private static SubmitRequest grokRequest() {
    return request(VideoJob.builder("grok-video-1.5-preview")
        .prompt("p").image("https://images.example/cat.png").build(), null);
  }
}
