package dev.vidgen.core.client;

import dev.vidgen.core.concurrent.AsyncFailures;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.core.domain.TaskId;
import dev.vidgen.core.domain.TaskSnapshot;
import dev.vidgen.core.error.ProviderException;
import dev.vidgen.core.error.RateLimitedException;
import dev.vidgen.core.error.ServerErrorException;
import dev.vidgen.core.policy.FailureKind;
import dev.vidgen.core.policy.Operation;
import dev.vidgen.core.policy.PollSchedule;
import dev.vidgen.core.policy.RouteDurations;
import dev.vidgen.core.policy.RetryDecision;
import dev.vidgen.core.policy.RetryPolicy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class RetryLoopTest {
  private static final TaskId TASK = TaskId.of("task-7");

  private final ManualTime time = ManualTime.atEpochDay();
  private final ScriptedProvider provider = new ScriptedProvider();
  private final RecordingListener listener = new RecordingListener();
  private final List<String> decisionsAsked = new ArrayList<>();

  private RetryLoop loop(RetryDecider decider) {
    RetryDecider recording = (operation, kind, attempts, retryAfter, random) -> {
      decisionsAsked.add(operation + " " + kind + " " + attempts);
      return decider.decide(operation, kind, attempts, retryAfter, random);
    };
    return new RetryLoop(new ClientRuntime(provider, time, recording, PollSchedule.defaults(),
        new SplittableRandom(1), new Events(listener), Runnable::run, RouteDurations.create()));
  }

  private CompletableFuture<TaskSnapshot> readStatus(RetryLoop loop) {
    return loop.run(Operation.READ, null, TASK, () -> provider.status(TASK));
  }

  @Test
  void retriesAfterThePolicysDelayAndNotBefore() {
    provider.statusAnswers(ScriptedProvider.failure(FailureKind.UNAVAILABLE), TaskSnapshot.inProgress(TASK, 30));
    CompletableFuture<TaskSnapshot> read =
        readStatus(loop((op, kind, n, after, random) -> new RetryDecision.Retry(Duration.ofSeconds(2), "test")));

    time.advance(Duration.ofMillis(1999));
    assertThat(read).isNotDone();
    assertThat(provider.count("status")).isEqualTo(1);

    time.advance(Duration.ofMillis(1));
    assertThat(read).isCompletedWithValue(TaskSnapshot.inProgress(TASK, 30));
    assertThat(provider.count("status")).isEqualTo(2);
    assertThat(listener.events()).containsExactly("retry READ 1 PT2S");
  }

  @Test
  void givesUpWithTheLastFailureNamingTheTask() {
    provider.statusAnswers(ScriptedProvider.failure(FailureKind.SERVER_ERROR));
    CompletableFuture<TaskSnapshot> read =
        readStatus(loop((op, kind, n, after, random) ->
            n < 3 ? new RetryDecision.Retry(Duration.ofSeconds(1), "test") : new RetryDecision.GiveUp("enough")));

    time.advance(Duration.ofMinutes(1));

    assertThat(read).isCompletedExceptionally();
    Throwable failure = AsyncFailures.unwrap(read.handle((value, error) -> error).join());
    assertThat(failure).isInstanceOf(ServerErrorException.class);
    assertThat(((ProviderException) failure).taskId()).contains(TASK);
    assertThat(provider.count("status")).isEqualTo(3);
    assertThat(decisionsAsked).containsExactly("READ SERVER_ERROR 1", "READ SERVER_ERROR 2", "READ SERVER_ERROR 3");
  }

  @Test
  void neverRetriesAFailureThatIsNotAProviderError() {
    provider.statusAnswers(new IllegalStateException("provider bug"));
    CompletableFuture<TaskSnapshot> read =
        readStatus(loop((op, kind, n, after, random) -> new RetryDecision.Retry(Duration.ZERO, "test")));

    time.advance(Duration.ofMinutes(1));

    assertThat(failureOf(read)).isInstanceOf(IllegalStateException.class).hasMessage("provider bug");
    assertThat(decisionsAsked).isEmpty();
    assertThat(provider.count("status")).isEqualTo(1);
  }

  @Test
  void treatsAnAmbiguousDecisionAsGivingUpWhenNobodyCanResolveIt() {
    provider.statusAnswers(ScriptedProvider.failure(FailureKind.NO_RESPONSE));
    CompletableFuture<TaskSnapshot> read =
        readStatus(loop((op, kind, n, after, random) -> new RetryDecision.Ambiguous("unanswered")));

    assertThat(failureOf(read)).isInstanceOf(ProviderException.class);
    assertThat(provider.count("status")).isEqualTo(1);
  }

  @Test
  void asksTheResolverAfterAnAmbiguousFailureAndCallsAgainWhenItFindsNothing() {
    provider.statusAnswers(ScriptedProvider.failure(FailureKind.NO_RESPONSE), TaskSnapshot.queued(TASK));
    List<ProviderException> resolved = new ArrayList<>();
    CompletableFuture<TaskSnapshot> read =
        loop((op, kind, n, after, random) -> new RetryDecision.Ambiguous("unanswered"))
            .run(Operation.CREATE, null, null, () -> provider.status(TASK), failure -> {
              resolved.add(failure);
              return CompletableFuture.completedFuture(Optional.empty());
            });

    assertThat(read).isCompletedWithValue(TaskSnapshot.queued(TASK));
    assertThat(resolved).hasSize(1);
    assertThat(provider.count("status")).isEqualTo(2);
  }

  @Test
  void adoptsWhatTheResolverFinds() {
    provider.statusAnswers(ScriptedProvider.failure(FailureKind.NO_RESPONSE));
    TaskSnapshot found = TaskSnapshot.queued(TaskId.of("found-1"));
    CompletableFuture<TaskSnapshot> read =
        loop((op, kind, n, after, random) -> new RetryDecision.Ambiguous("unanswered"))
            .run(Operation.CREATE, null, null, () -> provider.status(TASK),
                failure -> CompletableFuture.completedFuture(Optional.of(found)));

    assertThat(read).isCompletedWithValue(found);
    assertThat(provider.count("status")).isEqualTo(1);
  }

  @Test
  void cancellingStopsFurtherAttempts() {
    provider.statusAnswers(ScriptedProvider.failure(FailureKind.UNAVAILABLE));
    CompletableFuture<TaskSnapshot> read =
        readStatus(loop((op, kind, n, after, random) -> new RetryDecision.Retry(Duration.ofSeconds(5), "test")));

    read.cancel(false);
    time.advance(Duration.ofMinutes(5));

    assertThat(provider.count("status")).isEqualTo(1);
    assertThat(time.pendingTimers()).isZero();
  }

  @Test
  void honoursRetryAfterWithTheRealPolicy() {
    provider.statusAnswers(
        ScriptedProvider.failure(FailureKind.RATE_LIMITED, Duration.ofSeconds(7)), TaskSnapshot.queued(TASK));
    CompletableFuture<TaskSnapshot> read = readStatus(loop(RetryDecider.of(RetryPolicy.defaults())));

    time.advance(Duration.ofMillis(6999));
    assertThat(read).isNotDone();
    time.advance(Duration.ofSeconds(2));
    assertThat(read).isCompletedWithValue(TaskSnapshot.queued(TASK));
  }

  @Test
  void reportsTheRateLimitWithItsRetryAfterWhenThePolicyGivesUp() {
    provider.statusAnswers(ScriptedProvider.failure(FailureKind.RATE_LIMITED, Duration.ofMinutes(30)));
    CompletableFuture<TaskSnapshot> read = readStatus(loop(RetryDecider.of(RetryPolicy.defaults())));

    Throwable failure = failureOf(read);
    assertThat(failure).isInstanceOf(RateLimitedException.class);
    assertThat(((RateLimitedException) failure).retryAfter()).contains(Duration.ofMinutes(30));
    assertThat(((RateLimitedException) failure).taskId()).contains(TASK);
    assertThat(failure).as("why it was not retried, in the exception the app gets, not only in a debug log")
        .hasMessageEndingWith("; rate limited at the first try, which vidgen did not retry: the server asked to wait"
            + " 1800 s (Retry-After), longer than the 120 s vidgen waits at most before a retry");
  }

  @Test
  void aRateLimitThatOutlastsTheRetriesSaysHowManyTriesWereMadeAndThatRetryingStopped() {
    provider.statusAnswers(ScriptedProvider.failure(FailureKind.RATE_LIMITED));
    CompletableFuture<TaskSnapshot> read = readStatus(loop(RetryDecider.of(RetryPolicy.defaults())));

    time.advance(Duration.ofHours(1));

    Throwable failure = failureOf(read);
    long tries = provider.count("status");
    assertThat(tries).isGreaterThan(1);
    assertThat(failure).isInstanceOfSatisfying(RateLimitedException.class,
            limited -> assertThat((long) limited.tries()).isEqualTo(tries))
        .hasMessageEndingWith("; still rate limited after " + tries + " tries, so vidgen stopped retrying");
  }

  @Test
  void aServerErrorOrNoAnswerThatOutlastsTheRetriesSaysHowManyTriesWereMadeToo() {
    for (FailureKind kind : new FailureKind[] {FailureKind.SERVER_ERROR, FailureKind.UNAVAILABLE}) {
      provider.statusAnswers(ScriptedProvider.failure(kind));
      long before = provider.count("status");
      CompletableFuture<TaskSnapshot> read = readStatus(loop(RetryDecider.of(RetryPolicy.defaults())));

      time.advance(Duration.ofHours(1));

      Throwable failure = failureOf(read);
      long tries = provider.count("status") - before;
      assertThat(tries).as(kind.name()).isGreaterThan(1);
      assertThat(failure).as(kind.name()).isInstanceOf(kind == FailureKind.SERVER_ERROR
              ? dev.vidgen.core.error.ServerErrorException.class : dev.vidgen.core.error.ProviderUnavailableException.class)
          .hasMessageEndingWith("; still failing after " + tries + " tries, so vidgen stopped retrying");
      assertThat(((dev.vidgen.core.error.ProviderException) failure).kind()).isEqualTo(kind);
    }
  }

  static Throwable failureOf(CompletableFuture<?> future) {
    assertThat(future).isCompletedExceptionally();
    return AsyncFailures.unwrap(future.handle((value, error) -> error).join());
  }
}
