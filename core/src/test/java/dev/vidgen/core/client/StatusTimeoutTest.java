package dev.vidgen.core.client;

import static dev.vidgen.core.client.ClientFixture.failureOf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vidgen.core.domain.TaskId;
import dev.vidgen.core.domain.TaskSnapshot;
import dev.vidgen.core.error.ProviderException;
import dev.vidgen.core.error.ProviderUnavailableException;
import dev.vidgen.core.error.RateLimitedException;
import dev.vidgen.core.error.ServerErrorException;
import dev.vidgen.core.policy.FailureKind;
import dev.vidgen.core.text.Waits;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** One {@code client.status(handle)} ends within the client's status timeout, retries included. */
@Timeout(30)
class StatusTimeoutTest {
  private ClientFixture fixture = new ClientFixture();

  @AfterEach
  void closeClient() {
    fixture.close();
  }

  @Test
  void aStatusReadThatNeverAnswersEndsAtTheTimeoutAsNoResponseNamingTheTask() {
    CompletableFuture<TaskSnapshot> hung = new CompletableFuture<>();
    fixture.provider.statusAnswers(hung);

    CompletableFuture<TaskSnapshot> read = fixture.client.statusAsync(fixture.handle("task-7"));
    fixture.advance(Duration.ofSeconds(59));
    assertThat(read).as("still within the 60 s default").isNotDone();
    fixture.advance(Duration.ofSeconds(1));

    assertThat(failureOf(read)).isInstanceOf(ProviderUnavailableException.class)
        .hasMessageContaining("no answer within 1 min (VidgenClient.Builder.statusTimeout)")
        .hasMessageContaining("task task-7");
    ProviderException failure = (ProviderException) failureOf(read);
    assertThat(failure.kind()).isEqualTo(FailureKind.NO_RESPONSE);
    assertThat(failure.taskId()).contains(TaskId.of("task-7"));
    assertThat(hung).as("the abandoned try is cancelled, so its connection is let go").isCancelled();
  }

  @Test
  void aRetryHangingAtTheTimeoutEndsTheReadWithTheProvidersLastFailure() {
    fixture.provider.statusAnswers(ScriptedProvider.failure(FailureKind.SERVER_ERROR), new CompletableFuture<>());

    CompletableFuture<TaskSnapshot> read = fixture.client.statusAsync(fixture.handle("task-7"));
    fixture.advance(Duration.ofSeconds(60));

    assertThat(read).isDone();
    assertThat(failureOf(read)).as("the provider failed; that the retry hung does not make it a different error")
        .isInstanceOf(ServerErrorException.class);
    assertThat(((ProviderException) failureOf(read)).taskId()).contains(TaskId.of("task-7"));
    assertThat(fixture.provider.count("status")).isEqualTo(2);
  }

  @Test
  void aRetryThatWouldComeAfterTheTimeoutIsNotWaitedFor() {
    fixture.provider.statusAnswers(ScriptedProvider.failure(FailureKind.RATE_LIMITED, Duration.ofSeconds(90)),
        TaskSnapshot.inProgress(TaskId.of("task-7"), 40));

    CompletableFuture<TaskSnapshot> read = fixture.client.statusAsync(fixture.handle("task-7"));
    fixture.advance(Duration.ZERO);

    assertThat(read).as("ended at once: the server asked for 90 s, past the 60 s the read may take").isDone();
    assertThat(failureOf(read)).isInstanceOf(RateLimitedException.class);
    assertThat(((ProviderException) failureOf(read)).retryAfter()).as("the caller learns when to come back")
        .contains(Duration.ofSeconds(90));
    assertThat(fixture.provider.count("status")).isEqualTo(1);
    assertThat(failureOf(read)).as("why it was not retried, under the 120 s the policy would wait")
        .hasMessageEndingWith("; rate limited at the first try, which vidgen did not retry: the server asked to wait"
            + " 90 s (Retry-After), past the 1 min this read may take (VidgenClient.Builder.statusTimeout)");
  }

  @Test
  void aRetryAfterWithAPartOfASecondAsADateGivesIsToldAsOneFigureThroughout() {
    Duration asked = Duration.ofMillis(88_400); // an HTTP date read a moment after the server wrote it
    fixture.provider.statusAnswers(ScriptedProvider.failure(FailureKind.RATE_LIMITED, asked));

    CompletableFuture<TaskSnapshot> read = fixture.client.statusAsync(fixture.handle("task-7"));
    fixture.advance(Duration.ZERO);

    assertThat(failureOf(read)).hasMessageContaining("the server asked to wait 89 s (Retry-After)")
        .hasMessageNotContaining("88 s");
    assertThat(Waits.describe(asked)).as("the way on's words, as the CLI gives them").isEqualTo("1 min 29 s");
    assertThat(Waits.describe(Duration.ofMillis(7_198_400))).isEqualTo("1 h 59 min 59 s");
    assertThat(Waits.seconds(Duration.ofMillis(7_198_400))).isEqualTo("7199 s");
  }

  @Test
  void aRetryPastATimeoutSetByAnOptionNamesWhatRaisesIt() {
    fixture.close();
    fixture = new ClientFixture(new ScriptedProvider().statusAnswers(
        ScriptedProvider.failure(FailureKind.RATE_LIMITED, Duration.ofSeconds(90))),
        builder -> builder.statusTimeout(Duration.ofSeconds(60), "raise it with --timeout"));

    CompletableFuture<TaskSnapshot> read = fixture.client.statusAsync(fixture.handle("task-7"));
    fixture.advance(Duration.ZERO);

    assertThat(failureOf(read)).isInstanceOf(RateLimitedException.class).hasMessageEndingWith(": the server asked to"
        + " wait 90 s (Retry-After), past the 1 min this read may take (raise it with --timeout)");
  }

  @Test
  void aReadAnsweredAfterItsRetriesWithinTheTimeoutGivesTheStatusAndLeavesNoTimerBehind() {
    fixture.provider.statusAnswers(ScriptedProvider.failure(FailureKind.RATE_LIMITED),
        ScriptedProvider.failure(FailureKind.UNAVAILABLE), TaskSnapshot.inProgress(TaskId.of("task-7"), 40));

    CompletableFuture<TaskSnapshot> read = fixture.client.statusAsync(fixture.handle("task-7"));
    fixture.advance(Duration.ofSeconds(5));

    assertThat(read.join().percent()).hasValue(40);
    assertThat(fixture.time.pendingTimers()).as("the timeout's timer is cancelled with the read").isZero();
  }

  @Test
  void theTimeoutCanBeSetAndOneThatIsNotPositiveIsRefusedSayingSo() {
    assertThatThrownBy(() -> VidgenClient.builder().statusTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("statusTimeout must be positive, was PT0S");
    assertThatThrownBy(() -> VidgenClient.builder().statusTimeout(Duration.ofSeconds(-1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be positive");

    fixture.close();
    fixture = new ClientFixture(new ScriptedProvider().statusAnswers(new CompletableFuture<>()),
        builder -> builder.statusTimeout(Duration.ofSeconds(5)));
    CompletableFuture<TaskSnapshot> read = fixture.client.statusAsync(fixture.handle("task-7"));
    fixture.advance(Duration.ofSeconds(5));

    assertThat(failureOf(read)).isInstanceOf(ProviderUnavailableException.class).hasMessageContaining("within 5 s");
  }

  @Test
  void theBlockingFormThrowsOnceTheTimeoutHasPassedOnTheClientsOwnScheduler() {
    ScriptedProvider hanging = new ScriptedProvider().statusAnswers(new CompletableFuture<>());
    try (VidgenClient client = VidgenClient.builder().provider(hanging).environmentRoutes(false)
        .statusTimeout(Duration.ofMillis(200)).build()) {
      JobHandle handle = fixture.handle("task-7");

      assertThatThrownBy(() -> client.status(handle))
          .isInstanceOf(ProviderUnavailableException.class).hasMessageContaining("within 200 ms");
    }
  }
}
