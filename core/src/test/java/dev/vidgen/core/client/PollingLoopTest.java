package dev.vidgen.core.client;

import static dev.vidgen.core.client.ClientFixture.failureOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.core.domain.TaskFailure;
import dev.vidgen.core.domain.TaskId;
import dev.vidgen.core.domain.TaskSnapshot;
import dev.vidgen.core.error.ProviderException;
import dev.vidgen.core.error.TaskNotFoundException;
import dev.vidgen.core.policy.FailureKind;
import dev.vidgen.core.policy.Operation;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PollingLoopTest {
  private static final TaskId TASK = TaskId.of("task-1");

  private final ClientFixture fixture = new ClientFixture();
  private final ScriptedProvider provider = fixture.provider;

  @AfterEach
  void closeClient() {
    fixture.close();
  }

  @Test
  void completesWithTheFinalSnapshotAndShowsTheListenerEveryStatus() {
    provider.statusAnswers(TaskSnapshot.queued(TASK), TaskSnapshot.inProgress(TASK, 40),
        TaskSnapshot.inProgress(TASK, 80), ScriptedProvider.completed("task-1"));
    List<String> seen = new ArrayList<>();
    JobHandle handle = fixture.handle("task-1");

    CompletableFuture<TaskSnapshot> done = fixture.client.awaitAsync(handle, AwaitOptions.defaults()
        .withListener((snapshot, elapsed) -> seen.add(snapshot.status().id() + " " + snapshot.percent().orElse(-1))));
    fixture.advance(Duration.ofMinutes(10));

    assertThat(done).isCompletedWithValue(ScriptedProvider.completed("task-1"));
    assertThat(seen).containsExactly("queued 0", "in_progress 40", "in_progress 80", "completed 100");
    assertThat(fixture.listener.events()).containsExactly("polled task-1 queued", "polled task-1 in_progress",
        "polled task-1 in_progress", "polled task-1 completed", "completed task-1");
    assertThat(fixture.time.pendingTimers()).isZero();
  }

  @Test
  void waitsAboutFiveSecondsBeforeTheFirstPoll() {
    provider.statusAnswers(ScriptedProvider.completed("task-1"));
    CompletableFuture<TaskSnapshot> done = fixture.client.awaitAsync(fixture.handle("task-1"), AwaitOptions.defaults());

    fixture.advance(Duration.ofMillis(4400));
    assertThat(provider.count("status")).isZero();
    fixture.advance(Duration.ofMillis(1200));
    assertThat(done).isCompleted();
  }

  @Test
  void aBareTaskIdIsReadAtOnceSinceItsTaskMayLongBeDone() {
    provider.statusAnswers(ScriptedProvider.completed("task-1"));
    JobHandle resumed = fixture.client.resume("task-1");

    CompletableFuture<TaskSnapshot> done = fixture.client.awaitAsync(resumed, AwaitOptions.defaults());
    fixture.advance(Duration.ZERO);

    assertThat(done).as("answered at t=0, not after the schedule's first 5 s").isCompleted();
    assertThat(provider.count("status")).isOne();
    assertThat(fixture.time.pendingTimers()).isZero();
  }

  @Test
  void aWaitBegunRightAfterAOneOffReadOfItsTaskReadsItNoSoonerThanTheShortestWaitAfter() {
    // `vidgen wait TASK` (and --made-by) read the task first, then its wait read it again 0.1 s later.
    provider.statusAnswers(TaskSnapshot.inProgress(TASK, 0), ScriptedProvider.completed("task-1"));
    JobHandle resumed = fixture.client.resume("task-1");
    CompletableFuture<TaskSnapshot> oneOff = fixture.client.statusAsync(resumed);
    fixture.advance(Duration.ofMillis(100));

    CompletableFuture<TaskSnapshot> done = fixture.client.awaitAsync(resumed, AwaitOptions.defaults());
    fixture.advance(Duration.ofMillis(700));
    assertThat(oneOff).isCompleted();
    assertThat(provider.count("status")).as("the wait's first read, 0.8 s after the one-off read answered").isOne();
    fixture.advance(Duration.ofMillis(100));

    assertThat(done).as("read 0.9 s (the shortest wait) after the one-off read").isCompleted();
    assertThat(provider.count("status")).isEqualTo(2);
  }

  @Test
  void aOneOffReadOfAnotherTaskDoesNotHoldAWaitBack() {
    provider.statusAnswers(TaskSnapshot.inProgress(TaskId.of("task-2"), 0), ScriptedProvider.completed("task-1"));
    fixture.client.statusAsync(fixture.client.resume("task-2"));
    fixture.advance(Duration.ofMillis(100));

    CompletableFuture<TaskSnapshot> done = fixture.client.awaitAsync(fixture.client.resume("task-1"),
        AwaitOptions.defaults());
    fixture.advance(Duration.ZERO);

    assertThat(done).isCompleted();
  }

  @Test
  void aHandleResumedLaterThanTheFirstDelayIsReadAtOnceAndAFreshOneStillWaitsIt() {
    provider.statusAnswers(ScriptedProvider.completed("task-1"));
    JobHandle created = fixture.handle("task-1");
    fixture.advance(Duration.ofMillis(5100));

    CompletableFuture<TaskSnapshot> resumed =
        fixture.client.awaitAsync(fixture.client.resume(created.encode()), AwaitOptions.defaults());
    CompletableFuture<TaskSnapshot> fresh = fixture.client.awaitAsync(fixture.handle("task-1"), AwaitOptions.defaults());
    fixture.advance(Duration.ZERO);

    assertThat(resumed).as("made 5.1 s ago: read at once, whatever the jitter").isCompleted();
    assertThat(fresh).as("made now: the first read waits about 5 s").isNotDone();
    fixture.advance(Duration.ofMillis(5500));
    assertThat(fresh).isCompleted();
  }

  @Test
  void aFailedTaskEndsWithTaskFailedCarryingTheHandle() {
    provider.statusAnswers(TaskSnapshot.failed(TASK, new TaskFailure("generation_failed", "the model gave up")));
    JobHandle handle = fixture.handle("task-1");

    CompletableFuture<TaskSnapshot> done = fixture.client.awaitAsync(handle, AwaitOptions.defaults());
    fixture.advance(Duration.ofMinutes(1));

    Throwable failure = failureOf(done);
    assertThat(failure).isInstanceOf(TaskFailedException.class).hasMessageContaining("generation_failed: the model gave up");
    assertThat(((TaskFailedException) failure).handle()).isEqualTo(handle);
    assertThat(fixture.listener.events()).endsWith("failed task-1 task-failed");
  }

  @Test
  void theDeadlineEndsTheWaitWithTheLastStatusAndPollsNoMore() {
    provider.statusAnswers(TaskSnapshot.inProgress(TASK, 10));
    JobHandle handle = fixture.handle("task-1");

    DeadlineExceededException deadline = awaitPastAOneMinuteDeadline(handle);

    assertThat(deadline.handle()).isEqualTo(handle);
    assertThat(deadline.lastSnapshot().percent()).hasValue(10);
    long polls = provider.count("status");
    fixture.advance(Duration.ofHours(1));
    assertThat(provider.count("status")).isEqualTo(polls);
    assertThat(fixture.time.pendingTimers()).isZero();
  }

  @Test
  void aWaitWhoseLastReadLeavesNoRoomForAnotherSaysTheDeadlineThatRanOut() {
    provider.statusAnswers(TaskSnapshot.queued(TASK));
    JobHandle handle = fixture.handle("task-1");
    fixture.advance(Duration.ofMillis(59_600));

    // Resumed 59.6 s after its creation with a one-minute deadline: one read, and too little time left for another.
    CompletableFuture<TaskSnapshot> done =
        fixture.client.awaitAsync(handle, AwaitOptions.defaults().withDeadline(Duration.ofMinutes(1)));
    fixture.advance(Duration.ofMillis(100));

    assertThat(provider.count("status")).isEqualTo(1);
    assertThat(failureOf(done)).isInstanceOf(DeadlineExceededException.class)
        .hasMessageContaining("not finished after 60 s; last status queued")
        .hasMessageNotContaining("after 59 s");
  }

  @Test
  void aStatusCallThatNeverAnswersIsCutOffAtTheDeadline() {
    CompletableFuture<TaskSnapshot> hanging = new CompletableFuture<>();
    provider.statusAnswers(TaskSnapshot.inProgress(TASK, 30), hanging);

    CompletableFuture<TaskSnapshot> done = fixture.client.awaitAsync(fixture.handle("task-1"),
        AwaitOptions.defaults().withDeadline(Duration.ofMinutes(1)));
    fixture.advance(Duration.ofSeconds(59));
    assertThat(done).isNotDone();
    fixture.advance(Duration.ofSeconds(1));

    DeadlineExceededException deadline = (DeadlineExceededException) failureOf(done);
    assertThat(deadline.lastSnapshot().percent()).hasValue(30);
    assertThat(deadline).as("the read at the deadline never answered: what the task did since is not known")
        .hasMessageMatching("task task-1 \\([^)]+\\): no status answer came within \\d+ s, so its state when"
            + " the wait ended, 60 s after it was made, is unknown \\(last seen in_progress 30% \\d s after it was"
            + " made\\); resume with its task id \\(see docs/errors.md#deadline-exceeded\\)")
        .hasMessageNotContaining("not finished");
    assertThat(deadline.unansweredFor()).hasValueSatisfying(unanswered ->
        assertThat(unanswered).isGreaterThanOrEqualTo(DeadlineExceededException.UNKNOWN_AFTER));
    assertThat(fixture.time.pendingTimers()).isZero();
    hanging.completeExceptionally(ScriptedProvider.failure(FailureKind.SERVER_ERROR));
    fixture.advance(Duration.ofMinutes(1));
    assertThat(fixture.listener.events()).as("the abandoned read's late failure is no retry: none is made")
        .noneMatch(event -> event.startsWith("retry"));
    assertThat(provider.count("status")).isEqualTo(2);
  }

  /** Waits with a one-minute deadline: still waiting at 59 s, ended by the deadline at 60 s. */
  private DeadlineExceededException awaitPastAOneMinuteDeadline(JobHandle handle) {
    CompletableFuture<TaskSnapshot> done =
        fixture.client.awaitAsync(handle, AwaitOptions.defaults().withDeadline(Duration.ofMinutes(1)));
    fixture.advance(Duration.ofSeconds(59));
    assertThat(done).isNotDone();
    fixture.advance(Duration.ofSeconds(1));

    Throwable failure = failureOf(done);
    assertThat(failure).isInstanceOf(DeadlineExceededException.class).hasMessageContaining("not finished after 60 s");
    return (DeadlineExceededException) failure;
  }

  @Test
  void aHandleResumedAfterItsDeadlineGivesItsOneHangingReadALimitedTime() {
    provider.statusAnswers(new CompletableFuture<TaskSnapshot>());
    JobHandle old = fixture.handle("task-1");
    fixture.advance(Duration.ofHours(1));

    CompletableFuture<TaskSnapshot> done = fixture.client.awaitAsync(old, AwaitOptions.defaults());
    fixture.advance(PollingLoop.LATE_READ_LIMIT.minusSeconds(1));
    assertThat(done).isNotDone();
    fixture.advance(Duration.ofSeconds(1));

    assertThat(failureOf(done)).isInstanceOf(DeadlineExceededException.class)
        .hasMessageContaining("no status answer came within 30 s, so its state when the wait ended, 3630 s after it"
            + " was made, is unknown (no status was read in this wait)");
    assertThat(provider.count("status")).isEqualTo(1);
  }

  @Test
  void eachTryOfAWaitsStatusReadIsToldAsItGoesOut() {
    provider.statusAnswers(ScriptedProvider.failure(FailureKind.SERVER_ERROR), TaskSnapshot.inProgress(TASK, 50),
        ScriptedProvider.completed("task-1"));
    List<String> told = new CopyOnWriteArrayList<>();
    fixture.client.addListener(new VidgenListener() {
      @Override
      public void onStatusReading(JobHandle handle) {
        told.add("reading " + handle.taskId().value());
      }

      @Override
      public void onPolled(JobHandle handle, TaskSnapshot snapshot) {
        told.add("read " + snapshot.status().id());
      }
    });

    CompletableFuture<TaskSnapshot> done = fixture.client.awaitAsync(fixture.handle("task-1"), AwaitOptions.defaults());
    fixture.advance(Duration.ofMinutes(10));

    assertThat(done).isCompleted();
    assertThat(told).containsExactly("reading task-1", "reading task-1", "read in_progress", "reading task-1",
        "read completed");
  }

  @Test
  void theLastFailedTryOfAReadTheWaitRidesOutIsToldWithItsPauseSoNoReadSeemsUnanswered() {
    provider.statusAnswers(serverErrors(4));
    provider.statusAnswers(ScriptedProvider.completed("task-1"));
    List<String> told = new CopyOnWriteArrayList<>();
    fixture.client.addListener(new VidgenListener() {
      @Override
      public void onStatusReading(JobHandle handle) {
        told.add("reading");
      }

      @Override
      public void onRetry(JobHandle handle, Operation operation, ProviderException failure, int attempt,
          Duration delay) {
        told.add("try failed");
      }

      @Override
      public void onStatusReadFailed(JobHandle handle, ProviderException failure, Duration readAgainIn) {
        told.add("read failed, read again in " + readAgainIn.toSeconds() + " s");
      }

      @Override
      public void onPolled(JobHandle handle, TaskSnapshot snapshot) {
        told.add("read " + snapshot.status().id());
      }
    });

    CompletableFuture<TaskSnapshot> done = fixture.client.awaitAsync(fixture.handle("task-1"), AwaitOptions.defaults());
    fixture.advance(Duration.ofMinutes(2));

    assertThat(done).isCompleted();
    assertThat(told).containsExactly("reading", "try failed", "reading", "try failed", "reading", "try failed",
        "reading", "read failed, read again in 15 s", "reading", "read completed");
  }

  @Test
  void cancellingTheFutureStopsThePolling() {
    provider.statusAnswers(TaskSnapshot.inProgress(TASK, 10));
    CompletableFuture<TaskSnapshot> done = fixture.client.awaitAsync(fixture.handle("task-1"), AwaitOptions.defaults());
    fixture.advance(Duration.ofSeconds(6));
    assertThat(provider.count("status")).isEqualTo(1);

    done.cancel(false);
    fixture.advance(Duration.ofMinutes(10));

    assertThat(provider.count("status")).isEqualTo(1);
    assertThat(fixture.time.pendingTimers()).isZero();
  }

  @Test
  void aNotFoundThatLastsBeyondTheGraceEndsTheWaitNamingTheTask() {
    for (int i = 0; i < 6; i++) {
      provider.statusAnswers(ScriptedProvider.failure(FailureKind.NOT_FOUND));
    }
    CompletableFuture<TaskSnapshot> done = fixture.client.awaitAsync(fixture.handle("task-1"), AwaitOptions.defaults());
    fixture.advance(Duration.ofSeconds(40));
    assertThat(done).as("still within the grace period").isNotDone();
    fixture.advance(Duration.ofMinutes(2));

    Throwable failure = failureOf(done);
    assertThat(failure).isInstanceOf(TaskNotFoundException.class);
    assertThat(((TaskNotFoundException) failure).taskId()).contains(TASK);
    assertThat(provider.count("status")).as("the first read and five retries").isEqualTo(6);
    assertThat(fixture.listener.warnings()).as("said once, at the first 404, so the minute is not silent")
        .singleElement().asString().startsWith("status.not_found: task task-1: the provider does not know it (")
        .endsWith("so it is read again a few times before the answer is believed");
  }

  @Test
  void aTaskNeverFoundUpToTheDeadlineEndsAsNotFoundNotAsStillRunning() {
    provider.statusAnswers(ScriptedProvider.failure(FailureKind.NOT_FOUND));
    CompletableFuture<TaskSnapshot> done = fixture.client.awaitAsync(fixture.handle("task-1"),
        AwaitOptions.defaults().withDeadline(Duration.ofSeconds(30)));

    fixture.advance(Duration.ofMinutes(3));

    assertThat(failureOf(done)).as("no read ever saw the task: it is not known to be running")
        .isInstanceOf(TaskNotFoundException.class);
  }

  @Test
  void aTaskNotFoundIsNotWaitedForPastTheDeadline() {
    provider.statusAnswers(ScriptedProvider.failure(FailureKind.NOT_FOUND));
    CompletableFuture<TaskSnapshot> done = fixture.client.awaitAsync(fixture.handle("task-1"),
        AwaitOptions.defaults().withDeadline(Duration.ofSeconds(5)));

    fixture.advance(Duration.ofSeconds(5));

    assertThat(failureOf(done)).as("vidgen wait --timeout 5s ends at 5 s, not after the not-found grace")
        .isInstanceOf(TaskNotFoundException.class);
  }

  @Test
  void aPassingNotFoundForACreatedTaskIsRetriedAndTheTaskCompletes() {
    provider.statusAnswers(ScriptedProvider.failure(FailureKind.NOT_FOUND), ScriptedProvider.failure(FailureKind.NOT_FOUND),
        ScriptedProvider.completed("task-1"));
    CompletableFuture<TaskSnapshot> done = fixture.client.awaitAsync(fixture.handle("task-1"), AwaitOptions.defaults());
    fixture.advance(Duration.ofMinutes(1));

    assertThat(done).isCompletedWithValue(ScriptedProvider.completed("task-1"));
    assertThat(fixture.listener.events()).contains("completed task-1");
  }

  @Test
  void aOneOffStatusReadBelievesNotFoundAtOnce() {
    provider.statusAnswers(ScriptedProvider.failure(FailureKind.NOT_FOUND));
    CompletableFuture<TaskSnapshot> read = fixture.client.statusAsync(fixture.handle("task-1"));
    fixture.advance(Duration.ZERO);

    assertThat(failureOf(read)).isInstanceOf(TaskNotFoundException.class);
    assertThat(provider.count("status")).isEqualTo(1);
  }

  @Test
  void aHandleResumedAfterItsDeadlineIsPolledOnceAtOnce() {
    provider.statusAnswers(TaskSnapshot.inProgress(TASK, 90));
    JobHandle old = fixture.handle("task-1");
    fixture.advance(Duration.ofHours(1));

    CompletableFuture<TaskSnapshot> done = fixture.client.awaitAsync(old, AwaitOptions.defaults());
    fixture.advance(Duration.ZERO);

    assertThat(provider.count("status")).isEqualTo(1);
    assertThat(failureOf(done)).isInstanceOf(DeadlineExceededException.class).hasMessageContaining("last status in_progress 90%");
  }

  @Test
  void aListenerThatThrowsDoesNotBreakTheWait() {
    provider.statusAnswers(TaskSnapshot.inProgress(TASK, 50), ScriptedProvider.completed("task-1"));
    CompletableFuture<TaskSnapshot> done = fixture.client.awaitAsync(fixture.handle("task-1"),
        AwaitOptions.defaults().withListener((snapshot, elapsed) -> {
          throw new IllegalStateException("listener bug");
        }));
    fixture.advance(Duration.ofMinutes(2));

    assertThat(done).isCompletedWithValue(ScriptedProvider.completed("task-1"));
  }

  @Test
  void aListenersOwnErrorDoesNotBreakTheWaitEither() {
    provider.statusAnswers(TaskSnapshot.inProgress(TASK, 50), ScriptedProvider.completed("task-1"));
    CompletableFuture<TaskSnapshot> done = fixture.client.awaitAsync(fixture.handle("task-1"),
        AwaitOptions.defaults().withListener((snapshot, elapsed) -> {
          throw new StackOverflowError("a listener's runaway recursion");
        }));
    fixture.client.addListener(new VidgenListener() {
      @Override
      public void onCompleted(JobHandle handle, TaskSnapshot snapshot) {
        throw new AssertionError("a test listener's failed assertion");
      }
    });
    fixture.advance(Duration.ofMinutes(2));

    assertThat(done).isCompletedWithValue(ScriptedProvider.completed("task-1"));
  }

  @Test
  void blockingAwaitThrowsTheOriginalException() {
    provider.statusAnswers(TaskSnapshot.failed(TASK, new TaskFailure("content_policy", "refused")));
    // The scripted provider answers at once, so only the timers need time; run them from another step.
    CompletableFuture<TaskSnapshot> done = fixture.client.awaitAsync(fixture.handle("task-1"), AwaitOptions.defaults());
    fixture.advance(Duration.ofMinutes(1));

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> Futures.await(done, true))
        .isInstanceOf(TaskFailedException.class);
  }

  private static Object[] serverErrors(int count) {
    return repeated(ScriptedProvider.failure(FailureKind.SERVER_ERROR), count);
  }

  private static Object[] repeated(Object answer, int count) {
    Object[] answers = new Object[count];
    java.util.Arrays.fill(answers, answer);
    return answers;
  }

  @Test
  void anOutageOfStatusReadsIsRiddenOutAndThePaidTaskStillCompletes() {
    // Two reads fail, each with its three retries; the third read, 15 s and then 20 s later, answers.
    provider.statusAnswers(serverErrors(8));
    provider.statusAnswers(ScriptedProvider.completed("task-1"));
    CompletableFuture<TaskSnapshot> done = fixture.client.awaitAsync(fixture.handle("task-1"), AwaitOptions.defaults());

    fixture.advance(Duration.ofSeconds(20));
    assertThat(done).as("the first read failed, the wait goes on").isNotDone();
    fixture.advance(Duration.ofMinutes(2));

    assertThat(done).isCompletedWithValue(ScriptedProvider.completed("task-1"));
    assertThat(provider.count("status")).isEqualTo(9);
    assertThat(fixture.listener.warnings()).hasSize(2).allSatisfy(warning -> assertThat(warning)
        .startsWith("status.unreadable: task task-1: its status could not be read (")
        .contains("HTTP 500").endsWith("(a wait rides out 10 min of failing reads)"));
    assertThat(fixture.listener.warnings().get(0)).contains("read again in 15 s");
    assertThat(fixture.listener.warnings().get(1)).as("the schedule's longest interval").contains("read again in 20 s");
    assertThat(fixture.time.pendingTimers()).isZero();
  }

  @Test
  void anOutageLongerThanTheToleranceEndsTheWaitWithTheLastFailure() {
    provider.statusAnswers(serverErrors(400));
    CompletableFuture<TaskSnapshot> done = fixture.client.awaitAsync(fixture.handle("task-1"),
        AwaitOptions.defaults().withOutageTolerance(Duration.ofMinutes(2)));

    fixture.advance(Duration.ofMinutes(10));

    assertThat(failureOf(done)).isInstanceOf(dev.vidgen.core.error.ServerErrorException.class)
        .hasMessageContaining("HTTP 500");
    // The first read fails at 8.5 s (5 s, then retries after 0.5, 1 and 2 s); reads follow 15 s, then 20 s after each
    // failure, the last at 117.5 s, whose failure at 121 s leaves no room for another within 2 min of 8.5 s.
    assertThat(provider.count("status")).as("six reads of four attempts each").isEqualTo(24);
    assertThat(fixture.listener.warnings()).hasSize(5);
    assertThat(fixture.time.pendingTimers()).isZero();
  }

  @Test
  void withoutToleranceOrForAFailureThatWillNotPassTheWaitEndsAtOnce() {
    provider.statusAnswers(serverErrors(4));
    CompletableFuture<TaskSnapshot> strict = fixture.client.awaitAsync(fixture.handle("task-1"),
        AwaitOptions.defaults().withOutageTolerance(Duration.ZERO));
    fixture.advance(Duration.ofMinutes(1));
    assertThat(failureOf(strict)).isInstanceOf(dev.vidgen.core.error.ServerErrorException.class);

    assertThat(provider.count("status")).as("one read and its three retries").isEqualTo(4);
    assertThat(fixture.listener.warnings()).isEmpty();

    ScriptedProvider refusing = new ScriptedProvider().statusAnswers(ScriptedProvider.failure(FailureKind.AUTHENTICATION));
    try (ClientFixture other = new ClientFixture(refusing, builder -> {})) {
      CompletableFuture<TaskSnapshot> refused = other.client.awaitAsync(other.handle("task-2"), AwaitOptions.defaults());
      other.advance(Duration.ofMinutes(1));

      assertThat(failureOf(refused)).isInstanceOf(dev.vidgen.core.error.AuthenticationException.class);
      assertThat(refusing.count("status")).isEqualTo(1);
      assertThat(other.listener.warnings()).isEmpty();
    }
  }

  @Test
  void anAnswerThatCannotBeUsedIsNotRiddenOutAsAnOutage() {
    ProviderException unusable = ProviderException.of(FailureKind.SERVER_ERROR, dev.vidgen.core.error.ProviderErrorDetails
        .of("scripted", 200, null, "task task-1 is completed but names no video at result.data[0].url"), null);
    provider.statusAnswers(repeated(unusable, 40));
    CompletableFuture<TaskSnapshot> done = fixture.client.awaitAsync(fixture.handle("task-1"), AwaitOptions.defaults());

    fixture.advance(Duration.ofMinutes(1));

    assertThat(failureOf(done)).isInstanceOf(dev.vidgen.core.error.ServerErrorException.class)
        .hasMessageContaining("names no video");
    assertThat(provider.count("status")).as("one read and its three short retries, no outage ride-out").isEqualTo(4);
    assertThat(fixture.listener.warnings()).isEmpty();
  }

  @Test
  void anAnswerThatBrokeOffAfterItsHeadIsStillRiddenOut() {
    ProviderException brokeOff = ProviderException.of(FailureKind.NO_RESPONSE, dev.vidgen.core.error.ProviderErrorDetails
        .of("scripted", 200, null, "the answer broke off: connection reset"), null);
    provider.statusAnswers(repeated(brokeOff, 8));
    provider.statusAnswers(ScriptedProvider.completed("task-1"));
    CompletableFuture<TaskSnapshot> done = fixture.client.awaitAsync(fixture.handle("task-1"), AwaitOptions.defaults());

    fixture.advance(Duration.ofMinutes(2));

    assertThat(done).isCompletedWithValue(ScriptedProvider.completed("task-1"));
    assertThat(fixture.listener.warnings()).isNotEmpty();
  }

  @Test
  void aDeadlineThatComesDuringAnOutageEndsTheWaitWithTheProvidersFailure() {
    CompletableFuture<TaskSnapshot> hanging = new CompletableFuture<>();
    provider.statusAnswers(serverErrors(4));
    provider.statusAnswers(hanging);
    CompletableFuture<TaskSnapshot> done = fixture.client.awaitAsync(fixture.handle("task-1"),
        AwaitOptions.defaults().withDeadline(Duration.ofSeconds(60)));

    fixture.advance(Duration.ofMinutes(2));

    assertThat(failureOf(done)).as("not a deadline: the reads were failing")
        .isInstanceOf(dev.vidgen.core.error.ServerErrorException.class);
    assertThat(fixture.listener.warnings()).hasSize(1);
  }

  @Test
  void aHandleResumedAfterItsDeadlineWhoseReadFailsEndsWithTheProvidersFailure() {
    provider.statusAnswers(serverErrors(400));
    JobHandle old = fixture.handle("task-1");
    fixture.advance(Duration.ofSeconds(50));

    CompletableFuture<TaskSnapshot> done = fixture.client.awaitAsync(old,
        AwaitOptions.defaults().withDeadline(Duration.ofSeconds(45)));
    fixture.advance(Duration.ofMinutes(2));

    assertThat(failureOf(done)).as("the read failed: the task's state is not known")
        .isInstanceOf(dev.vidgen.core.error.ServerErrorException.class).hasMessageContaining("HTTP 500");
    assertThat(provider.count("status")).as("one read and its retries").isEqualTo(4);
  }

  @Test
  void aDeadlineThatComesWhileAReadIsBeingRetriedEndsTheWaitWithTheProvidersFailure() {
    // The first read, at 5 s, fails and is retried at 5.5 s and 6.5 s; the deadline at 7 s comes before the
    // last retry, at 8.5 s, which is let run as a read at the deadline would be, and fails too.
    provider.statusAnswers(serverErrors(400));
    CompletableFuture<TaskSnapshot> done = fixture.client.awaitAsync(fixture.handle("task-1"),
        AwaitOptions.defaults().withDeadline(Duration.ofSeconds(7)));

    fixture.advance(Duration.ofSeconds(8));
    assertThat(done).as("the read's last retry is still to come").isNotDone();
    fixture.advance(Duration.ofMinutes(1));

    assertThat(failureOf(done)).as("the task's state was not known at the deadline: the reads were failing")
        .isInstanceOf(dev.vidgen.core.error.ServerErrorException.class).hasMessageContaining("HTTP 500");
    assertThat(provider.count("status")).as("one read and its three retries").isEqualTo(4);
    assertThat(fixture.time.pendingTimers()).isZero();
  }

  @Test
  void aFailureThatPassesJustBeforeTheDeadlineEndsTheWaitWithTheStatusItsRetryRead() {
    provider.statusAnswers(serverErrors(3));
    provider.statusAnswers(TaskSnapshot.inProgress(TASK, 40));
    CompletableFuture<TaskSnapshot> done = fixture.client.awaitAsync(fixture.handle("task-1"),
        AwaitOptions.defaults().withDeadline(Duration.ofSeconds(7)));

    fixture.advance(Duration.ofMinutes(1));

    assertThat(failureOf(done)).as("the retry at 8.5 s answered: the task is running, the deadline ended the wait")
        .isInstanceOf(DeadlineExceededException.class).hasMessageContaining("last status in_progress 40%");
    assertThat(provider.count("status")).isEqualTo(4);
  }

  @Test
  void aRetryAfterBeyondTheDeadlineDuringAnOutageEndsTheWaitAtOnceWithTheRateLimit() {
    provider.statusAnswers(ScriptedProvider.failure(FailureKind.RATE_LIMITED, Duration.ofSeconds(300)));
    CompletableFuture<TaskSnapshot> done = fixture.client.awaitAsync(fixture.handle("task-1"),
        AwaitOptions.defaults().withDeadline(Duration.ofSeconds(60)));

    fixture.advance(Duration.ofSeconds(10));

    assertThat(failureOf(done)).as("the server asked for a read after the deadline")
        .isInstanceOf(dev.vidgen.core.error.RateLimitedException.class);
    assertThat(provider.count("status")).isEqualTo(1);
  }

  @Test
  void aNotFoundWarningDoesNotHoldBackAnOutageWarningThatFollowsIt() {
    provider.statusAnswers(ScriptedProvider.failure(FailureKind.NOT_FOUND));
    provider.statusAnswers(serverErrors(8));
    provider.statusAnswers(ScriptedProvider.completed("task-1"));
    CompletableFuture<TaskSnapshot> done = fixture.client.awaitAsync(fixture.handle("task-1"), AwaitOptions.defaults());

    fixture.advance(Duration.ofMinutes(3));

    assertThat(done).isCompletedWithValue(ScriptedProvider.completed("task-1"));
    assertThat(fixture.listener.warnings()).extracting(warning -> warning.substring(0, warning.indexOf(':')))
        .as("said 5 s apart, under two codes").startsWith("status.not_found", "status.unreadable");
  }

  @Test
  void anOutageThatLastsToTheDeadlineIsReadOnceMoreAtTheDeadline() {
    // Reads fail at 8.5 s, 27 s and 50.5 s (each with its retries); the next is due at 70.5 s, past the
    // deadline, so it comes at the deadline, 60 s, as when polling a running task.
    provider.statusAnswers(serverErrors(400));
    CompletableFuture<TaskSnapshot> done = fixture.client.awaitAsync(fixture.handle("task-1"),
        AwaitOptions.defaults().withDeadline(Duration.ofSeconds(60)));

    fixture.advance(Duration.ofSeconds(59));
    assertThat(done).isNotDone();
    fixture.advance(Duration.ofMinutes(2));

    assertThat(failureOf(done)).isInstanceOf(dev.vidgen.core.error.ServerErrorException.class);
    assertThat(provider.count("status")).as("four reads of four attempts each").isEqualTo(16);
    assertThat(fixture.listener.warnings()).hasSize(3);
    assertThat(fixture.listener.warnings().get(2)).containsPattern("read again in [89] s, at the wait's deadline \\(");
    assertThat(fixture.time.pendingTimers()).isZero();
  }

  @Test
  void aWaitEndedByServerErrorsSaysHowLongItReadAndThatThePaidTaskIsResumedNotGeneratedAgain() {
    provider.statusAnswers(serverErrors(400));
    CompletableFuture<TaskSnapshot> done = fixture.client.awaitAsync(fixture.handle("task-1"),
        AwaitOptions.defaults().withDeadline(Duration.ofSeconds(60)));

    fixture.advance(Duration.ofMinutes(3));

    // Four reads of four tries each over the minute, not "4 tries" a few seconds apart.
    assertThat(failureOf(done)).isInstanceOf(dev.vidgen.core.error.ServerErrorException.class)
        .hasMessageContaining("HTTP 500")
        .hasMessageContaining("the wait read the task's status for ")
        .hasMessageContaining(" and 4 reads in a row failed (16 tries in all), so it stopped: task task-1 exists and"
            + " may be paid for, so do not generate it again; resume it with its task id later"
            + " (see docs/errors.md#server-error)")
        .hasMessageNotContaining("still failing after")
        .satisfies(failure -> {
          ProviderException ended = (ProviderException) failure;
          assertThat(ended.relatedTaskId()).contains(TASK);
          assertThat(ended.taskId()).contains(TASK);
        });
    assertThat(provider.count("status")).isEqualTo(16);
  }

  @Test
  void anOutageThatEndsBeforeTheDeadlineReadIsSeenThere() {
    provider.statusAnswers(serverErrors(12));
    provider.statusAnswers(ScriptedProvider.completed("task-1"));
    CompletableFuture<TaskSnapshot> done = fixture.client.awaitAsync(fixture.handle("task-1"),
        AwaitOptions.defaults().withDeadline(Duration.ofSeconds(60)));

    fixture.advance(Duration.ofMinutes(2));

    assertThat(done).isCompletedWithValue(ScriptedProvider.completed("task-1"));
  }

  @Test
  void anOutageOverManyWaitsIsToldInAFewWarningsThatCountTheRest() {
    provider.statusAnswers(serverErrors(4 * 3 * 2));
    provider.statusAnswers(ScriptedProvider.completed("task-1"));
    List<CompletableFuture<TaskSnapshot>> waits = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      waits.add(fixture.client.awaitAsync(fixture.handle("task-1"), AwaitOptions.defaults()));
    }

    fixture.advance(Duration.ofMinutes(2));

    assertThat(waits).allSatisfy(wait -> assertThat(wait).isCompletedWithValue(ScriptedProvider.completed("task-1")));
    // Three waits fail together twice: the first failure of each round is said, the other two counted into the next.
    assertThat(fixture.listener.warnings()).hasSize(2);
    assertThat(fixture.listener.warnings().get(0)).doesNotContain("other failed read");
    assertThat(fixture.listener.warnings().get(1)).endsWith("; 2 other failed reads of waited tasks since the last such warning");
  }

  @Test
  void aServerThatSaysWhenToComeBackIsNotReadSoonerDuringAnOutage() {
    // 300 s is past what the retry policy waits (120 s), so the read gives up at once and the wait takes over.
    provider.statusAnswers(ScriptedProvider.failure(FailureKind.RATE_LIMITED, Duration.ofSeconds(300)),
        ScriptedProvider.completed("task-1"));
    CompletableFuture<TaskSnapshot> done = fixture.client.awaitAsync(fixture.handle("task-1"), AwaitOptions.defaults());

    fixture.advance(Duration.ofSeconds(10));
    long readsBefore = provider.count("status");
    fixture.advance(Duration.ofSeconds(290));
    assertThat(provider.count("status")).as("nothing within the 300 s asked for").isEqualTo(readsBefore);
    fixture.advance(Duration.ofSeconds(20));

    assertThat(done).isCompletedWithValue(ScriptedProvider.completed("task-1"));
    assertThat(fixture.listener.warnings()).singleElement().asString().contains("read again in 5 min");
  }

  @Test
  void aTaskSeenCompletedAfterAnOutageTeachesNothingAboutHowLongItsRouteTakes() {
    provider.statusAnswers(TaskSnapshot.queued(TASK));
    provider.statusAnswers(serverErrors(4));
    provider.statusAnswers(ScriptedProvider.completed("task-1"));
    JobHandle handle = fixture.handle("task-1");
    CompletableFuture<TaskSnapshot> done = fixture.client.awaitAsync(handle, AwaitOptions.defaults());

    fixture.advance(Duration.ofMinutes(2));

    assertThat(done).isCompletedWithValue(ScriptedProvider.completed("task-1"));
    assertThat(fixture.client.routeDurations().count(handle.model())).isZero();
  }

  @Test
  void aTaskAWaitBegunMinutesLaterFindsCompletedTeachesNothingAndAFollowedOneDoes() {
    JobHandle madeEarlier = fixture.handle("task-1");
    fixture.advance(Duration.ofMinutes(3));
    provider.statusAnswers(ScriptedProvider.completed("task-1"));

    CompletableFuture<TaskSnapshot> later = fixture.client.awaitAsync(madeEarlier, AwaitOptions.defaults());
    fixture.advance(Duration.ofSeconds(1));

    assertThat(later).isCompleted();
    assertThat(fixture.client.routeDurations().count(madeEarlier.model()))
        .as("a run 3 min later that finds the task done does not know when it ended").isZero();

    provider.replaceStatusAnswers(ScriptedProvider.completed("task-2"));
    CompletableFuture<TaskSnapshot> followed = fixture.client.awaitAsync(fixture.handle("task-2"), AwaitOptions.defaults());
    fixture.advance(Duration.ofSeconds(6));

    assertThat(followed).isCompleted();
    assertThat(fixture.client.routeDurations().learned(madeEarlier.model()).quantile(1))
        .as("followed from its create: ended within its first 5.5 s").isLessThanOrEqualTo(Duration.ofMillis(5500));
  }
}
