package dev.vidgen.provider.mock;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.core.domain.RouteCatalog;
import dev.vidgen.core.domain.TaskId;
import dev.vidgen.core.error.RateLimitedException;
import dev.vidgen.core.error.ServerErrorException;
import dev.vidgen.core.policy.FailureKind;
import dev.vidgen.core.policy.Operation;
import dev.vidgen.core.port.SubmitRequest;
import dev.vidgen.testkit.fixtures.VideoJobs;
import dev.vidgen.testkit.time.VirtualTime;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

/** Faults scripted for one method of the mock (status reads alone) leave the other reads of their kind alone. */
class MockScriptMethodFaultsTest {
  private static final String GROK = "grok-video-1.5-preview";

  private final VirtualTime time = VirtualTime.create();
  private final MockVideoProvider mock = MockVideoProvider.builder().clock(time.clock()).build();

  @Test
  void aStatusFaultSkipsTheBalanceReadAndLandsOnTheNextStatusRead() {
    TaskId id = created();
    mock.script().serverErrors(MockCall.Method.STATUS, 1, 500);

    assertThat(mock.balance().join().unlimited()).isTrue();
    assertThat(failure(mock.status(id))).isInstanceOf(ServerErrorException.class);
    assertThat(mock.status(id).join().taskId()).isEqualTo(id);
    assertThat(mock.script().pending()).isZero();
  }

  @Test
  void aReadFaultStillHitsWhicheverReadComesFirst() {
    TaskId id = created();
    mock.script().serverErrors(Operation.READ, 1, 500);

    assertThat(failure(mock.balance())).isInstanceOf(ServerErrorException.class);
    assertThat(mock.status(id).join().taskId()).isEqualTo(id);
  }

  @Test
  void aMethodsOwnFaultsComeBeforeItsKindsAndResetForgetsThem() {
    TaskId id = created();
    mock.script().fail(Operation.READ, 1, FailureKind.SERVER_ERROR)
        .rateLimit(MockCall.Method.STATUS, 1, Duration.ofSeconds(3));

    assertThat(failure(mock.status(id))).isInstanceOf(RateLimitedException.class);
    assertThat(failure(mock.status(id))).isInstanceOf(ServerErrorException.class);

    mock.script().fail(MockCall.Method.STATUS, 2, FailureKind.SERVER_ERROR);
    assertThat(mock.script().pending()).isEqualTo(2);
    mock.script().reset();
    assertThat(mock.status(id).join().taskId()).isEqualTo(id);
  }

  private TaskId created() {
    SubmitRequest request = new SubmitRequest(VideoJobs.validFor(GROK), RouteCatalog.builtIn().require(GROK), null);
    return mock.create(request).join().taskId();
  }

  private static Throwable failure(CompletableFuture<?> future) {
    try {
      future.join();
    } catch (CompletionException e) {
      return e.getCause();
    }
    throw new AssertionError("the call did not fail");
  }
}
