package dev.vidgen.core.client;

import static dev.vidgen.core.client.ClientFixture.failureOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.core.domain.TaskId;
import dev.vidgen.core.domain.TaskSnapshot;
import dev.vidgen.core.error.AmbiguousSubmitException;
import dev.vidgen.core.policy.FailureKind;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * A create answered with a server error on a route without a client reference is sent again blind
 * only once its caller's takes heard that one more take may make a task, so that a caller who
 * journals its jobs counts that take before it leaves.
 */
@Timeout(60)
class BlindResendToldFirstTest {
  private final ClientFixture fixture = new ClientFixture();

  @AfterEach
  void closeClient() {
    fixture.close();
  }

  @Test
  void theResendLeavesOnlyOnceTheTakesHeardHowManyTakesMayHaveMadeATask() {
    BlindTakes takes = new BlindTakes();

    CompletableFuture<JobHandle> submit = submitAnsweredServerErrorFirst(takes);

    assertThat(takes.told).containsExactly(2);
    assertThat(fixture.provider.count("create")).as("held back until the takes heard it").isEqualTo(1);
    takes.heard.complete(null);
    fixture.advance(Duration.ZERO);

    assertThat(fixture.provider.count("create")).isEqualTo(2);
    assertThat(submit.join().possibleExtraTasks()).isEqualTo(1);
  }

  @Test
  void takesThatCouldNotHearItLeaveTheCreateNotSentAgainAndAmbiguousForTheOneTake() {
    BlindTakes takes = new BlindTakes();

    CompletableFuture<JobHandle> submit = submitAnsweredServerErrorFirst(takes);
    takes.heard.completeExceptionally(new IllegalStateException("the journal is gone"));
    fixture.advance(Duration.ofMinutes(1));

    assertThat(fixture.provider.count("create")).as("not sent again").isEqualTo(1);
    assertThat(failureOf(submit)).isInstanceOf(AmbiguousSubmitException.class)
        .hasMessageContaining("could not record that it was being sent again (the journal is gone)")
        .hasMessageContaining("dashboard");
    assertThat(((AmbiguousSubmitException) failureOf(submit)).possibleTasks()).isEqualTo(1);
  }

  /**
   * Submits a job with {@code takes} whose first create is answered with a server error (and a second would queue
   * task t-2), and lets a minute pass for the blind resend.
   */
  private CompletableFuture<JobHandle> submitAnsweredServerErrorFirst(BlindTakes takes) {
    fixture.provider.createAnswers(ScriptedProvider.failure(FailureKind.SERVER_ERROR),
        TaskSnapshot.queued(TaskId.of("t-2")));
    CompletableFuture<JobHandle> submit = fixture.client.submitAsync(Jobs.valid(), null, new CompletableFuture<>(),
        takes);
    fixture.advance(Duration.ofMinutes(1));
    return submit;
  }

  /** Records each blind resend told, and holds it back until {@link #heard} is completed. */
  private static final class BlindTakes implements CreateTakes {
    final List<Integer> told = new CopyOnWriteArrayList<>();
    final CompletableFuture<Void> heard = new CompletableFuture<>();

    @Override
    public CompletableFuture<Void> sendingAgainBlind(int possibleTasks) {
      told.add(possibleTasks);
      return heard;
    }
  }
}
