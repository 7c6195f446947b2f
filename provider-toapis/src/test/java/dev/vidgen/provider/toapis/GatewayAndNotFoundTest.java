package dev.vidgen.provider.toapis;

import static dev.vidgen.provider.toapis.ToApisOverHttp.TINY;
import static dev.vidgen.provider.toapis.ToApisOverHttp.tinyBackoffs;
import static dev.vidgen.provider.toapis.ToApisOverHttp.tinyPolls;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vidgen.core.client.AwaitOptions;
import dev.vidgen.core.client.JobHandle;
import dev.vidgen.core.client.VidgenClient;
import dev.vidgen.core.domain.TaskSnapshot;
import dev.vidgen.core.domain.TaskStatus;
import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.core.error.AmbiguousSubmitException;
import dev.vidgen.core.error.TaskNotFoundException;
import dev.vidgen.testkit.fixtures.VideoJobs;
import dev.vidgen.testkit.toapis.CreateRecord;
import dev.vidgen.testkit.toapis.Endpoint;
import dev.vidgen.testkit.toapis.FakeToApisServer;
import dev.vidgen.testkit.toapis.Fault;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Issue 12 points 2 and 3 against the fake ToAPIs: a create answered by a gateway's error is never
 * sent again blindly, and a passing 404 on a created task is not believed at once.
 */
class GatewayAndNotFoundTest {
  @RegisterExtension
  final ToApisOverHttp http = ToApisOverHttp.builder().unlimitedBalance()
      .client(client -> client
          .retryPolicy(tinyBackoffs().notFoundBackoff(TINY, TINY).build())
          .pollSchedule(tinyPolls().budget(Duration.ofMillis(5), 8).build()))
      .start();
  private final FakeToApisServer toapis = http.server();
  private final VidgenClient client = http.client();

  @Test
  void a502PageAfterTheTaskWasMadeIsLookedUpByReferenceAndNotSentAgain() {
    toapis.inject(Endpoint.CREATE, Fault.html(502).afterProcessing());

    JobHandle handle = client.submit(VideoJobs.validFor("seedance-2"));

    assertThat(toapis.creates()).singleElement().satisfies(create -> {
      assertThat(create.outcome()).isEqualTo(CreateRecord.Outcome.CREATED_UNANSWERED);
      assertThat(create.clientBusinessId()).isEqualTo(handle.reference().orElseThrow());
    });
    assertThat(toapis.taskIds()).containsExactly(handle.taskId().value());
  }

  @Test
  void a502PageBeforeAnyTaskWasMadeIsLookedUpThenSentAgainWithTheSameReference() {
    toapis.inject(Endpoint.CREATE, Fault.html(502));

    JobHandle handle = client.submit(VideoJobs.validFor("seedance-2"));

    assertThat(toapis.creates()).extracting(CreateRecord::outcome)
        .containsExactly(CreateRecord.Outcome.FAULTED, CreateRecord.Outcome.CREATED);
    assertThat(toapis.creates()).extracting(CreateRecord::clientBusinessId).containsOnly(handle.reference().orElseThrow());
    assertThat(toapis.requests(Endpoint.STATUS)).as("looked up, and again for the not-found grace, before sending again")
        .hasSize(1 + 5);
    assertThat(toapis.taskIds()).containsExactly(handle.taskId().value());
  }

  @Test
  void aNonJsonServerErrorPageOnACreateWithoutReferenceIsReportedWithWhatToCheck() {
    toapis.inject(Endpoint.CREATE, Fault.answer(500, "text/plain", "upstream connect error").afterProcessing());

    assertThatThrownBy(() -> client.submit(grokJob()))
        .isInstanceOf(AmbiguousSubmitException.class)
        .hasMessageContaining("HTTP 500")
        .hasMessageContaining("may exist")
        .hasMessageContaining("check");

    assertThat(toapis.requests(Endpoint.CREATE)).as("never sent again blindly").hasSize(1);
  }

  @org.junit.jupiter.params.ParameterizedTest
  @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
      "500 | {\"message\":\"Internal server error\"}",
      "503 | {\"message\":\"Service Unavailable\"}",
      "500 | {\"error\":\"boom\"}",
      "503 | {\"success\":false,\"message\":\"busy\"}",
      "500 | {}",
      "500 | {\"error\":{}}",
      "503 | {\"error\":{\"message\":\"boom\"}}"})
  void anotherServersJsonOnACreateIsAGatewaysErrorAndIsNeverSentAgainBlindly(int status, String body) {
    toapis.inject(Endpoint.CREATE, Fault.answer(status, "application/json", body).afterProcessing());

    assertThatThrownBy(() -> client.submit(grokJob()))
        .isInstanceOf(AmbiguousSubmitException.class)
        .hasMessageContaining("HTTP " + status)
        .hasMessageContaining("may exist");

    assertThat(toapis.requests(Endpoint.CREATE)).as("a task may have been made: never sent again blindly").hasSize(1);
  }

  @Test
  void a503InToApisOwnJsonOtherThanTheLimitersPauseOnACreateIsAServerErrorNotANothingWasMade() {
    toapis.inject(Endpoint.CREATE, Fault.error(503, 503, "no available channel").afterProcessing());

    JobHandle handle = client.submit(VideoJobs.validFor("seedance-2"));

    assertThat(toapis.creates()).as("looked up by its reference, as after a 500, and found: not paid twice")
        .singleElement().satisfies(create -> assertThat(create.outcome())
            .isEqualTo(CreateRecord.Outcome.CREATED_UNANSWERED));
    assertThat(toapis.taskIds()).containsExactly(handle.taskId().value());
  }

  @Test
  void toApisOwnJsonServerErrorIsStillSentAgain() {
    toapis.inject(Endpoint.CREATE, Fault.serverError());

    JobHandle handle = client.submit(grokJob());

    assertThat(toapis.requests(Endpoint.CREATE)).extracting(request -> request.status()).containsExactly(500, 200);
    assertThat(toapis.taskIds()).containsExactly(handle.taskId().value());
  }

  @Test
  void aPassing404OnACreatedTaskIsRetriedAndTheTaskCompletes() {
    JobHandle handle = client.submit(grokJob());
    toapis.inject(Endpoint.STATUS, Fault.status(404), 2);

    TaskSnapshot done = client.await(handle, AwaitOptions.defaults());

    assertThat(done.status()).isEqualTo(TaskStatus.COMPLETED);
    assertThat(toapis.requests(Endpoint.STATUS)).extracting(request -> request.status()).startsWith(404, 404);
  }

  @Test
  void a404ThatOutlastsTheGraceIsBelieved() {
    JobHandle handle = client.submit(grokJob());
    toapis.inject(Endpoint.STATUS, Fault.status(404), 6);

    assertThatThrownBy(() -> client.await(handle, AwaitOptions.defaults())).isInstanceOf(TaskNotFoundException.class);
    assertThat(toapis.requests(Endpoint.STATUS)).as("the first read and five retries").hasSize(6);
  }

  private static VideoJob grokJob() {
    return VideoJob.builder("grok-video-1.5-preview")
        .prompt("the cat turns its head").image("https://images.example/cat.png").build();
  }
}
