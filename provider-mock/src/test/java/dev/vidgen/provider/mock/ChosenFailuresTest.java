package dev.vidgen.provider.mock;

import static dev.vidgen.testkit.assertj.VidgenAssertions.assertThat;
import static dev.vidgen.testkit.assertj.VidgenAssertions.assertThatThrownBy;

import dev.vidgen.core.domain.RouteCatalog;
import dev.vidgen.core.domain.TaskId;
import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.core.error.AuthenticationException;
import dev.vidgen.core.error.InsufficientQuotaException;
import dev.vidgen.core.error.ProviderConfigurationException;
import dev.vidgen.core.error.ProviderException;
import dev.vidgen.core.error.ProviderUnavailableException;
import dev.vidgen.core.error.RateLimitedException;
import dev.vidgen.core.error.RequestRejectedException;
import dev.vidgen.core.error.ServerErrorException;
import dev.vidgen.core.port.ProviderConfig;
import dev.vidgen.core.port.SubmitRequest;
import dev.vidgen.testkit.fixtures.VideoJobs;
import dev.vidgen.testkit.time.VirtualTime;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** Failed tasks and refused creates chosen by settings ({@code mock.fail}, {@code mock.create_error}) or the builder. */
class ChosenFailuresTest {
  private static final String GROK = "grok-video-1.5-preview";

  private final VirtualTime time = VirtualTime.create();
  private final MockProviderFactory factory = new MockProviderFactory();

  @Test
  void aTaskWhosePromptHoldsTheTextFailsOnPurposeAndTheOthersComplete() {
    MockVideoProvider mock = MockVideoProvider.builder().clock(time.clock()).duration(Duration.ofSeconds(10))
        .failPromptsContaining("FAILME").build();

    TaskId failing = mock.create(request(prompted("a kite FAILME over the sea"))).join().taskId();
    TaskId completing = mock.create(request(prompted("a kite over the sea"))).join().taskId();
    TaskId otherCase = mock.create(request(prompted("a kite failme over the sea"))).join().taskId();
    time.advance(Duration.ofSeconds(5));
    assertThat(mock.status(failing).join()).as("it runs as any task until its end").isInProgress();
    time.advance(Duration.ofSeconds(5));

    assertThat(mock.status(failing).join()).isFailed().hasFailure("generation_failed", "mock: failed on purpose");
    assertThat(mock.status(completing).join()).isCompleted();
    assertThat(mock.status(otherCase).join()).as("case counts").isCompleted();
    assertThat(failing.value()).matches("video_mock_[0-9a-z]+_[0-9a-z]+_lf_[0-9a-f]+");
    assertThat(completing.value()).matches("video_mock_[0-9a-z]+_[0-9a-z]+_l_[0-9a-f]+");
  }

  @Test
  void anotherInstanceWithoutTheSettingFailsATaskMadeToFailAndStillCompletesIdsOfTheEarlierForm() {
    MockVideoProvider maker = factory.create(ProviderConfig.builder().set("mock.fail", "FAILME")
        .set("mock.duration", "10s").build());
    TaskId failing = maker.create(request(prompted("FAILME please"))).join().taskId();
    MockVideoProvider minuteLater = MockVideoProvider.builder()
        .clock(Clock.offset(Clock.systemUTC(), Duration.ofMinutes(1))).build();

    assertThat(minuteLater.status(failing).join()).isFailed()
        .hasFailure("generation_failed", "mock: failed on purpose");

    TaskId earlierForm = TaskId.of("video_mock_" + Long.toString(time.now().toEpochMilli(), 36) + "_7ps_l_abc");
    time.advance(Duration.ofSeconds(10));
    assertThat(MockVideoProvider.builder().clock(time.clock()).build().status(earlierForm).join()).isCompleted();
  }

  @Test
  void aFailureOnPurposeReachesAStrangerOnTheSameClock() {
    MockVideoProvider maker = MockVideoProvider.builder().clock(time.clock()).duration(Duration.ofSeconds(10))
        .failPromptsContaining("FAILME").build();
    TaskId failing = maker.create(request(prompted("FAILME"))).join().taskId();
    MockVideoProvider elsewhere = MockVideoProvider.builder().clock(time.clock()).build();

    time.advance(Duration.ofSeconds(5));
    assertThat(elsewhere.status(failing).join()).isInProgress().hasProgress(50);
    time.advance(Duration.ofSeconds(5));
    assertThat(elsewhere.status(failing).join()).isFailed()
        .hasFailure("generation_failed", "mock: failed on purpose");
  }

  @Test
  void theFirstCreatesAnswerTheChosenStatusAndTheRestAreServed() {
    MockVideoProvider mock = factory.create(ProviderConfig.builder().set("mock.create_error", "500x2").build());

    Throwable first = failure(mock.create(request(VideoJobs.validFor(GROK))));
    assertThat(failure(mock.create(request(VideoJobs.validFor(GROK))))).isInstanceOf(ServerErrorException.class);
    assertThat(mock.create(request(VideoJobs.validFor(GROK))).join()).isQueued();

    assertThat(first).isInstanceOf(ServerErrorException.class).hasMessageContaining("HTTP 500")
        .hasMessageContaining("mock: HTTP 500 on purpose");
    assertThat(mock.calls(MockCall.Method.CREATE)).extracting(MockCall::outcome)
        .containsExactly("server_error", "server_error", "ok");
  }

  @Test
  void everyCreateAnswersTheChosenStatusAsTheServiceWouldAndNoTaskIsMade() {
    Map<Integer, Class<? extends ProviderException>> types = Map.of(
        400, RequestRejectedException.class, 401, AuthenticationException.class,
        402, InsufficientQuotaException.class, 403, AuthenticationException.class,
        429, RateLimitedException.class, 500, ServerErrorException.class, 503, ProviderUnavailableException.class);
    types.forEach((status, type) -> {
      MockVideoProvider mock = factory.create(
          ProviderConfig.builder().set("mock.create_error", String.valueOf(status)).build());
      for (int i = 0; i < 3; i++) {
        Throwable refused = failure(mock.create(request(VideoJobs.validFor(GROK))));
        assertThat(refused).as("HTTP %s", status).isInstanceOf(type);
        assertThat(((ProviderException) refused).httpStatus()).isEqualTo(status);
      }
      assertThat(mock.calls(MockCall.Method.CREATE)).extracting(MockCall::result).containsOnlyNulls();
      assertThat(mock.balance().join().usedCredits()).as("nothing charged").isZero();
    });
    RateLimitedException limited = (RateLimitedException) failure(MockVideoProvider.builder().createErrors(429)
        .build().create(request(VideoJobs.validFor(GROK))));
    assertThat(limited.retryAfter()).as("a short Retry-After").contains(Duration.ofSeconds(1));
  }

  @Test
  void statusReadsAreNotRefusedByAChosenCreateStatus() {
    MockVideoProvider maker = MockVideoProvider.builder().clock(time.clock()).build();
    TaskId id = maker.create(request(VideoJobs.validFor(GROK))).join().taskId();
    MockVideoProvider refusing = MockVideoProvider.builder().clock(time.clock()).createErrors(503).build();

    assertThat(refusing.status(id).join()).isQueued();
  }

  @Test
  void badValuesAreRefusedNamingTheSettingAndWhatItTakes() {
    for (String bad : new String[] {"404", "429x0", "x2", "500x", "busy", "", "429 x2"}) {
      assertThatThrownBy(() -> factory.create(ProviderConfig.builder().set("mock.create_error", bad).build()))
          .as(bad).isInstanceOf(ProviderConfigurationException.class)
          .hasMessageStartingWith("mock.create_error must be an HTTP status of 400, 401, 402, 403, 429, 500 or 503,"
              + " for every create, or one followed by xN for the first N creates only (such as 429x2), was " + bad
              + " (see docs/errors.md");
    }
    assertThatThrownBy(() -> factory.create(ProviderConfig.builder().set("mock.create_error", "４２９").build()))
        .isInstanceOf(ProviderConfigurationException.class)
        .hasMessageContaining("was ４２９; give ASCII digits 0-9 such as 429, not full-width or other scripts' digits");
    assertThatThrownBy(() -> factory.create(ProviderConfig.builder().set("mock.fail", "").build()))
        .isInstanceOf(ProviderConfigurationException.class)
        .hasMessageStartingWith("mock.fail must be text that the prompts of the tasks to fail contain, such as"
            + " mock.fail=FAILME, was empty");
    assertThatThrownBy(() -> factory.create(ProviderConfig.builder().set("mock.failed", "x").build()))
        .isInstanceOf(ProviderConfigurationException.class)
        .hasMessageContaining("known: [mock.create_error, mock.credits, mock.duration, mock.fail, mock.seed]");
    assertThatThrownBy(() -> MockVideoProvider.builder().createErrors(404))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("createErrors takes HTTP status 400, 401, 402, 403, 429, 500 or 503, was 404");
    assertThatThrownBy(() -> MockVideoProvider.builder().createErrors(500, 0))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 1");
  }

  @Test
  void theChosenFailuresAreTheSameInEveryRun() {
    for (int run = 0; run < 2; run++) {
      MockVideoProvider mock = factory.create(ProviderConfig.builder().set("mock.create_error", "429x1")
          .set("mock.fail", "FAILME").build());
      assertThat(failure(mock.create(request(prompted("FAILME"))))).isInstanceOf(RateLimitedException.class);
      assertThat(mock.create(request(prompted("FAILME"))).join().taskId().value()).contains("f_");
    }
  }

  private static VideoJob prompted(String prompt) {
    return VideoJobs.validFor(GROK).toBuilder().prompt(prompt).build();
  }

  private static SubmitRequest request(VideoJob job) {
    return new SubmitRequest(job, RouteCatalog.builtIn().require(job.model()), null);
  }

  private static Throwable failure(CompletableFuture<?> future) {
    assertThat(future).isCompletedExceptionally();
    try {
      future.join();
      throw new AssertionError("unreachable");
    } catch (CompletionException e) {
      return e.getCause();
    }
  }
}
