package dev.vidgen.provider.toapis;

import static dev.vidgen.provider.toapis.ToApisOverHttp.tinyBackoffs;
import static dev.vidgen.provider.toapis.ToApisOverHttp.tinyPolls;
import static dev.vidgen.provider.toapis.ToApisTesting.failure;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vidgen.core.client.AwaitOptions;
import dev.vidgen.core.client.DeadlineExceededException;
import dev.vidgen.core.client.JobHandle;
import dev.vidgen.core.client.VidgenClient;
import dev.vidgen.core.domain.TaskId;
import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.core.error.AmbiguousSubmitException;
import dev.vidgen.core.error.ProviderException;
import dev.vidgen.core.error.ServerErrorException;
import dev.vidgen.core.policy.FailureKind;
import dev.vidgen.testkit.toapis.Endpoint;
import dev.vidgen.testkit.toapis.FakeToApisServer;
import dev.vidgen.testkit.toapis.Fault;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Answers given with HTTP 200 that are no task: an {@code error} object, ToAPIs' {@code success: false} shape, or
 * nothing at all. A status read so answered is a server error in the provider's words, never a queued task; a create
 * so answered is ambiguous and quotes them too.
 */
class AnswersThatAreNotTheTaskTest {
  private static final String JSON = "application/json";
  private static final String ERROR = "{\"error\":{\"code\":\"internal_error\",\"message\":\"upstream channel error\"}}";

  @RegisterExtension
  final ToApisOverHttp http = ToApisOverHttp.builder().unlimitedBalance()
      // No poll budget: a wait that took the errors for a queued task would read them all at once, not for minutes.
      .client(client -> client.retryPolicy(tinyBackoffs().build())
          .pollSchedule(tinyPolls().budget(Duration.ZERO, 1).build()))
      .start();
  private final FakeToApisServer toapis = http.server();
  private final ToApisVideoProvider provider = http.provider();
  private final VidgenClient client = http.client();

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "{\"error\":{\"code\":\"internal_error\",\"message\":\"upstream channel error KEY\"}}"
          + "| the provider says \"upstream channel error"
          + "| (code internal_error)",
      "{\"success\":false,\"message\":\"task query failed: upstream timeout KEY\"}"
          + "| the provider says \"task query failed: upstream timeout"
          + "| an error, not the task",
      "{\"error\":\"upstream channel error KEY\"}"
          + "| the provider says \"upstream channel error"
          + "| an error, not the task",
      "{}"
          + "| not the task (it names no task id and no status)"
          + "| it gave no reason"})
  void aStatusAnsweredWithSomethingThatIsNotTheTaskIsAServerErrorInTheProvidersWordsNeverQueued(
      String answer, String said, String alsoSaid) {
    String key = toapis.apiKey();
    toapis.inject(Endpoint.STATUS, Fault.answer(200, JSON, answer.replace("KEY", key)));

    Throwable error = failure(provider.status(TaskId.of("video_q1")));

    assertThat(error).isInstanceOfSatisfying(ProviderException.class, problem -> {
      assertThat(problem.kind()).isEqualTo(FailureKind.SERVER_ERROR);
      assertThat(problem.httpStatus()).isEqualTo(200);
      assertThat(problem.taskId()).contains(TaskId.of("video_q1"));
    });
    assertThat(error.getMessage()).contains(said, alsoSaid).doesNotContain(key);
  }

  @Test
  void aStatusAnswerNamingTheTaskButNoStatusOnlyAnErrorIsNoQueuedTaskEither() {
    toapis.inject(Endpoint.STATUS, Fault.answer(200, JSON,
        "{\"id\":\"video_q2\",\"error\":{\"code\":500,\"message\":\"channel busy\"}}"));

    assertThat(failure(provider.status(TaskId.of("video_q2"))))
        .isInstanceOf(ProviderException.class)
        .hasMessageContaining("it names no status")
        .hasMessageContaining("\"channel busy\"");
  }

  @Test
  void aWaitWhoseStatusReadsAnswerAnErrorEndsAfterTheReadsRetriesNotAtItsDeadlineAsStillRunning() {
    JobHandle handle = client.submit(grokJob());
    toapis.inject(Endpoint.STATUS, Fault.answer(200, JSON, ERROR), 50);

    assertThatThrownBy(() -> client.await(handle, AwaitOptions.defaults().withDeadline(Duration.ofMinutes(10))))
        .isInstanceOf(ServerErrorException.class)
        .isNotInstanceOf(DeadlineExceededException.class)
        .hasMessageContaining("upstream channel error")
        .hasMessageContaining(handle.taskId().value());
    assertThat(toapis.requests(Endpoint.STATUS)).as("the read's own short retries, then the end")
        .hasSizeBetween(2, 10);
  }

  @Test
  void aSingleStatusReadAnsweredWithAnErrorFailsInsteadOfSayingQueued() {
    JobHandle handle = client.submit(grokJob());
    toapis.inject(Endpoint.STATUS, Fault.answer(200, JSON, "{\"success\":false,\"message\":\"task query failed\"}"),
        50);

    assertThatThrownBy(() -> client.status(handle))
        .isInstanceOf(ServerErrorException.class)
        .hasMessageContaining("\"task query failed\"");
  }

  @Test
  void aCreateAnsweredWithOnlyAnErrorIsAmbiguousAndQuotesTheProvidersWords() {
    toapis.inject(Endpoint.CREATE, Fault.answer(200, JSON, ERROR).afterProcessing());

    assertThat(failure(provider.create(ToApisTesting.request(grokJob(), null))))
        .isInstanceOf(AmbiguousSubmitException.class)
        .hasMessageContaining("names no task id")
        .hasMessageContaining("the provider says \"upstream channel error\" (code internal_error)");
    assertThat(toapis.requests(Endpoint.CREATE)).hasSize(1);
  }

  private static VideoJob grokJob() {
    return VideoJob.builder("grok-video-1.5-preview")
        .prompt("the cat turns its head").image("https://images.example/cat.png").build();
  }
}
