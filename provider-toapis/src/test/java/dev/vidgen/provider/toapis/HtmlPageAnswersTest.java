package dev.vidgen.provider.toapis;

import static dev.vidgen.provider.toapis.ToApisTesting.failure;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.core.domain.TaskId;
import dev.vidgen.core.error.ProviderException;
import dev.vidgen.core.error.ProviderUnavailableException;
import dev.vidgen.core.error.ServerErrorException;
import dev.vidgen.core.policy.FailureKind;
import dev.vidgen.testkit.toapis.Endpoint;
import dev.vidgen.testkit.toapis.FakeToApisServer;
import dev.vidgen.testkit.toapis.Fault;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * An HTTP 200 answer that is not JSON at all (a proxy's HTML page) is no answer from ToAPIs, and passes as an
 * outage does; a 200 that is JSON but not the task is the server's error. docs/errors.md says which is which.
 */
class HtmlPageAnswersTest {
  private static final String PAGE = "<html><body>Service is being updated</body></html>";

  @RegisterExtension
  final ToApisOverHttp http = ToApisOverHttp.builder().unlimitedBalance().start();
  private final FakeToApisServer toapis = http.server();
  private final ToApisVideoProvider provider = http.provider();

  @Test
  void aStatusReadOrBalanceAnsweredWithAnHtmlPageIsNoAnswerWhileJsonThatIsNotTheTaskIsAServerError() {
    toapis.inject(Endpoint.STATUS, Fault.answer(200, "text/html", PAGE));
    Throwable page = failure(provider.status(TaskId.of("video_h1")));
    toapis.clearFaults();
    toapis.inject(Endpoint.BALANCE, Fault.answer(200, "text/html", PAGE));
    toapis.inject(Endpoint.USER_BALANCE, Fault.answer(200, "text/html", PAGE));
    Throwable balancePage = failure(provider.balance());
    toapis.clearFaults();
    toapis.inject(Endpoint.STATUS, Fault.answer(200, "application/json", "{}"));
    Throwable empty = failure(provider.status(TaskId.of("video_h2")));

    for (Throwable html : new Throwable[] {page, balancePage}) {
      assertThat(html).isInstanceOfSatisfying(ProviderUnavailableException.class, problem -> {
        assertThat(problem.kind()).isEqualTo(FailureKind.NO_RESPONSE);
        assertThat(problem.httpStatus()).isEqualTo(200);
      });
      assertThat(html.getMessage()).contains("HTTP 200", "not the JSON expected", "Service is being updated");
    }
    assertThat(empty).isInstanceOfSatisfying(ServerErrorException.class,
        problem -> assertThat(((ProviderException) problem).httpStatus()).isEqualTo(200));
  }

  @Test
  void theErrorsPageSaysAnHtmlPageAnsweredWithHttp200IsProviderUnavailable() throws IOException {
    String errors = Files.readString(Path.of("..", "docs", "errors.md")).replaceAll("\\s+", " ");
    String unavailable = errors.substring(errors.indexOf("## provider-unavailable"), errors.indexOf("## server-error"));
    String serverError = errors.substring(errors.indexOf("## server-error"), errors.indexOf("## authentication"));

    assertThat(unavailable).contains("HTTP 200 with an answer that is not JSON at all");
    assertThat(serverError).contains("an HTML page sent with HTTP 200 is [provider-unavailable](#provider-unavailable)");
  }
}
