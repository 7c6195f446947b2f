package dev.vidgen.core.client;

import dev.vidgen.core.concurrent.AsyncFailures;
import dev.vidgen.core.domain.TaskId;
import dev.vidgen.core.error.ProviderErrorDetails;
import dev.vidgen.core.error.ProviderException;
import dev.vidgen.core.error.RateLimitedException;
import dev.vidgen.core.policy.FailureKind;
import dev.vidgen.core.policy.Operation;
import dev.vidgen.core.policy.RetryDecision;
import dev.vidgen.core.text.Waits;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Runs one provider call under the retry policy, without blocking: each failure is classified by
 * its {@link ProviderException#kind()}, and a retry is a timer on the shared scheduler. Failures
 * that are not provider errors end the call at once. Cancelling the returned future stops it.
 */
final class RetryLoop {
  private final ClientRuntime runtime;

  RetryLoop(ClientRuntime runtime) {
    this.runtime = runtime;
  }

  /**
   * Calls until success or the policy gives up; an ambiguous outcome is a give-up.
   *
   * @param handle the job, for events; null before the create answered
   * @param taskId the task concerned, which every error then names; null before the create answered
   */
  <T> CompletableFuture<T> run(Operation operation, JobHandle handle, TaskId taskId, Supplier<CompletableFuture<T>> call) {
    return run(operation, handle, taskId, call, null);
  }

  /**
   * Like {@link #run(Operation, JobHandle, TaskId, Supplier)}; on an {@link RetryDecision.Ambiguous}
   * decision, {@code onAmbiguous} says what happened: a value to adopt, empty to call again, or a
   * failure to end with.
   */
  <T> CompletableFuture<T> run(
      Operation operation,
      JobHandle handle,
      TaskId taskId,
      Supplier<CompletableFuture<T>> call,
      Function<ProviderException, CompletableFuture<Optional<T>>> onAmbiguous) {
    return run(operation, handle, taskId, call, onAmbiguous, null);
  }

  /**
   * Like {@link #run(Operation, JobHandle, TaskId, Supplier, Function)}, for a call that may have
   * done its work although it was answered with a server error (a create): {@code afterServerError}
   * is asked before each resend and after the last try, and says whether the call may still be sent
   * again at all.
   */
  <T> CompletableFuture<T> run(
      Operation operation,
      JobHandle handle,
      TaskId taskId,
      Supplier<CompletableFuture<T>> call,
      Function<ProviderException, CompletableFuture<Optional<T>>> onAmbiguous,
      AfterServerError<T> afterServerError) {
    Attempts<T> attempts = new Attempts<>(operation, handle, taskId, call, onAmbiguous, false, failure -> { },
        afterServerError);
    attempts.next();
    return attempts.result;
  }

  /**
   * Like {@link #run(Operation, JobHandle, TaskId, Supplier)}, but ended within {@code limit} of now,
   * retries included: a retry due at or after the limit is not waited for (the call ends with the
   * failure that asked for it), and a try still unanswered at the limit is cancelled, the call ending
   * with the last failure seen, or with a {@code NO_RESPONSE} failure naming {@code taskId} when none was
   * (its message names {@code setting}, what sets the limit, unless it is null, and {@code what} was
   * abandoned, such as "read"). For calls that are safe to abandon (reads); a create must not be cut off so.
   */
  <T> CompletableFuture<T> runWithin(Duration limit, String setting, String what, Operation operation,
      JobHandle handle, TaskId taskId, Supplier<CompletableFuture<T>> call) {
    Attempts<T> attempts = new Attempts<>(operation, handle, taskId, call, null, false, failure -> { }, null);
    attempts.within(limit, setting, what);
    attempts.next();
    return attempts.result;
  }

  /**
   * Like {@link #run(Operation, JobHandle, TaskId, Supplier)} for a result download ({@link Operation#DOWNLOAD}),
   * which {@code persistence} keeps going past the policy's count: a try that brought new bytes starts the count
   * again, and a failure the policy gives up on may be ridden out (tried again after a longer wait).
   */
  <T> CompletableFuture<T> runDownload(JobHandle handle, TaskId taskId, Supplier<CompletableFuture<T>> call,
      Persistence persistence) {
    Attempts<T> attempts = new Attempts<>(Operation.DOWNLOAD, handle, taskId, call, null, false, failure -> { }, null);
    attempts.persistence = persistence;
    attempts.next();
    return attempts.result;
  }

  /** What keeps a call going past the policy's count of failures (a result download). */
  interface Persistence {
    /** Asked once for each failed try: whether it made progress, so that the policy counts the failures since. */
    boolean progressed();

    /**
     * Asked when the policy gave up on {@code failure}: the wait before one more try (an outage ridden out, said by
     * the persistence itself), or empty to end with it.
     */
    Optional<Duration> rideOut(ProviderException failure);

    /** Whether the caller's deadline passed: a failed try then ends the call, with no retry and no wait. */
    default boolean stopped() {
      return false;
    }
  }

  /** What to do about a call that was answered with a server error (HTTP 500) but may have done its work. */
  interface AfterServerError<T> {
    /**
     * Just before the call is sent again (its backoff served): a value to adopt instead, or empty to
     * send it again; a failure ends the call with that failure.
     */
    CompletableFuture<Optional<T>> beforeResend(ProviderException failure);

    /** When no tries are left: a value to adopt, or empty to end with {@code failure}; a failure ends the call with it. */
    CompletableFuture<Optional<T>> afterLast(ProviderException failure);

    /** What the call ends with, once {@link #afterLast} found nothing to adopt: {@code ending}, or it with more said. */
    default ProviderException ended(ProviderException ending) {
      return ending;
    }

    /** Whether the call may still be sent again, after any failure (false once its caller gave up). */
    boolean mayResend();

    /**
     * What the call ends with when its caller gave up after a server error, before it was looked
     * up: the work may have been done, so not a plain cancellation.
     */
    RuntimeException abandoned(ProviderException failure);

    /**
     * Runs {@code stopped} once {@link #mayResend} has turned false, so that a call waiting for its
     * backoff ends at once instead of when the backoff is served.
     */
    default void whenStopped(Runnable stopped) {}

    /** Each failed try, as it comes (before any decision about it). */
    default void failed(ProviderException failure) {}

    /** The short id of the submit this call creates for, which its log lines carry; null when none. */
    default String submit() {
      return null;
    }

    /** A failed try ({@code attempt}: the failures so far) is tried again after {@code delay}, as just told. */
    default void retrying(ProviderException failure, int attempt, Duration delay) {}

    /**
     * True when {@link #beforeResend} is sure to refuse the resend a server error would get (no
     * resend of the call is left, or the budget would hold it back): the call then ends at once
     * instead of after a backoff, and no retry is announced.
     */
    default boolean resendRefused() {
      return false;
    }

    /**
     * Every try so far surely did nothing (a 429, a 503) and none is on its way: the next one is sent
     * after {@code delay}.
     */
    default void waiting(Duration delay) {}

    /**
     * After a {@link #waiting} told, just before the call is sent again: it is sent once the stage
     * completes; a failed stage ends the call with {@link #heldBack}'s exception.
     */
    default java.util.concurrent.CompletionStage<?> sendingAgain() {
      return CompletableFuture.completedFuture(null);
    }

    /** What the call ends with when {@link #sendingAgain}'s stage failed with {@code why}: nothing was sent again. */
    default RuntimeException heldBack(Throwable why) {
      return new java.util.concurrent.CancellationException("not sent again: " + why);
    }
  }

  /**
   * Reads the status of a task this client created and is waiting on: like {@link
   * #run(Operation, JobHandle, TaskId, Supplier)}, but a "not found" is retried for the policy's
   * grace period before it is believed (such an answer can pass).
   */
  <T> CompletableFuture<T> runStatusOfCreatedTask(JobHandle handle, TaskId taskId, Supplier<CompletableFuture<T>> call) {
    return runStatusOfCreatedTask(handle, taskId, call, failure -> { });
  }

  /**
   * Like {@link #runStatusOfCreatedTask(JobHandle, TaskId, Supplier)}; {@code retried} learns of each
   * failure that is about to be retried, so that a caller who gives up on the read knows why it was slow.
   */
  <T> CompletableFuture<T> runStatusOfCreatedTask(
      JobHandle handle, TaskId taskId, Supplier<CompletableFuture<T>> call, Consumer<ProviderException> retried) {
    Attempts<T> attempts = new Attempts<>(Operation.READ, handle, taskId, call, null, true, retried, null);
    attempts.next();
    return attempts.result;
  }

  /**
   * Looks for a task that may have been created moments ago (by its client reference), each look
   * under the retry policy: an empty answer is asked again for the policy's not-found grace before
   * it is believed, as a status read of a created task is, since a provider may not list a fresh
   * task yet. Its reads get {@link #LOOK_UP_READS} in all: a look still unanswered when they ran out is
   * abandoned and the look-up fails ({@code NO_RESPONSE}), as it does when they ran out before the grace
   * did, never ending in a "not found" it could not ask again. Cancelling the returned future stops it.
   */
  <T> CompletableFuture<Optional<T>> lookUpFreshTask(Supplier<CompletableFuture<Optional<T>>> lookup) {
    return lookUpFreshTask(lookup, null);
  }

  /**
   * {@link #lookUpFreshTask(Supplier)} for a task whose create went out at {@code sentAt}: "not found"
   * is asked again only while the task may be too fresh to be listed ({@link #FRESH_TASK_LISTING}
   * after {@code sentAt}); null: the create went out just now.
   */
  <T> CompletableFuture<Optional<T>> lookUpFreshTask(Supplier<CompletableFuture<Optional<T>>> lookup, Instant sentAt) {
    CompletableFuture<Optional<T>> result = new CompletableFuture<>();
    AtomicReference<Scheduling.Cancellable> pending = new AtomicReference<>(Scheduling.Cancellable.NONE);
    AtomicReference<CompletableFuture<Optional<T>>> inFlight = new AtomicReference<>();
    result.whenComplete((found, failure) -> {
      pending.get().cancel();
      CompletableFuture<Optional<T>> look = inFlight.get();
      if (look != null) {
        look.cancel(false);
      }
    });
    lookAgain(lookup, 1, result, pending, inFlight, sentAt, LOOK_UP_READS);
    return result;
  }

  /**
   * How long the reads of one look-up by client reference may take in all, the grace's waits between them
   * not counted: a server that takes the look and never answers ends it after this, not after the call
   * timeout of each of its tries, so the look-up keeps near the minute it is announced to take.
   */
  static final Duration LOOK_UP_READS = Duration.ofSeconds(30);

  /** The longest a look-up by client reference takes: the not-found grace's waits, then at most its reads' own time. */
  Duration lookUpAtMost() {
    return runtime.retries().notFoundGraceAtMost().plus(LOOK_UP_READS);
  }

  private <T> void lookAgain(Supplier<CompletableFuture<Optional<T>>> lookup, int attempt,
      CompletableFuture<Optional<T>> result, AtomicReference<Scheduling.Cancellable> pending,
      AtomicReference<CompletableFuture<Optional<T>>> inFlight, Instant sentAt, Duration readsLeft) {
    if (result.isDone()) {
      return;
    }
    Instant began = runtime.time().now();
    CompletableFuture<Optional<T>> look =
        runWithin(readsLeft, null, "look-up by client reference", Operation.READ, null, null, lookup);
    inFlight.set(look);
    look.whenComplete((found, failure) -> Futures.guard(result, () -> {
      if (failure != null) {
        result.completeExceptionally(AsyncFailures.unwrap(failure));
        return;
      }
      if (found.isPresent()) {
        result.complete(found);
        return;
      }
      RetryDecision decision = mayBeTooFresh(sentAt)
          ? runtime.retries().decideTaskNotFound(attempt, runtime.random()) : null;
      Duration left = readsLeft.minus(Duration.between(began, runtime.time().now()));
      if (decision instanceof RetryDecision.Retry && (left.isZero() || left.isNegative())) {
        // "Not found" within the grace is not yet believed, and no time is left to ask again.
        result.completeExceptionally(ProviderException.of(FailureKind.NO_RESPONSE, ProviderErrorDetails.of(
            runtime.provider().id(), 0, null, "the look-up by client reference used up the "
                + PollingLoop.spoken(LOOK_UP_READS) + " its reads get before a task made moments ago could be"
                + " believed missing"), null));
        return;
      }
      if (decision instanceof RetryDecision.Retry retry) {
        pending.set(runtime.time().after(retry.delay(), () -> Futures.guard(result,
            () -> lookAgain(lookup, attempt + 1, result, pending, inFlight, sentAt, left))));
        if (result.isDone()) {
          pending.get().cancel();
        }
      } else {
        result.complete(Optional.empty());
      }
    }));
  }

  /**
   * How long after its create a task may still be missing from the provider's list; a look-up for an
   * older create believes its first "not found".
   */
  static final Duration FRESH_TASK_LISTING = Duration.ofMinutes(2);

  /** Whether a task whose create went out at {@code sentAt} (null: just now) may still be too fresh to be listed. */
  private boolean mayBeTooFresh(Instant sentAt) {
    return sentAt == null || runtime.time().now().isBefore(sentAt.plus(FRESH_TASK_LISTING));
  }

  /** The state of one call; attempts run one after another, never at once. */
  private final class Attempts<T> {
    final CompletableFuture<T> result = new CompletableFuture<>();
    private final AtomicReference<Scheduling.Cancellable> pending = new AtomicReference<>(Scheduling.Cancellable.NONE);
    private final Operation operation;
    private final JobHandle handle;
    private final TaskId taskId;
    private final Supplier<CompletableFuture<T>> call;
    private final Function<ProviderException, CompletableFuture<Optional<T>>> onAmbiguous;
    private final boolean notFoundGrace;
    private final Consumer<ProviderException> retried;
    /** Asked about a call that met a server error; null to follow the policy alone. */
    private final AfterServerError<T> afterServerError;
    /** Whether some try of this call met a server error (and so may have done its work). */
    private boolean sawServerError;
    /**
     * The last failure after which the call may have done its work (a server error, no answer); null
     * while every failure surely did nothing (a 429, a 503, a refused connection).
     */
    private ProviderException mayHaveWorked;
    /** The failures the policy counts: all of them, or those since the last try that made progress. */
    private int failures;
    /** Every failed try of this call, as events and the final failure tell them. */
    private int tries;
    /** What keeps the call going past the policy's count; null for none. */
    private Persistence persistence;
    /** Whether {@link AfterServerError#waiting} was told since the last try left. */
    private volatile boolean toldWaiting;
    /** The failure whose backoff is being served, so that a stop can end the call at once; null otherwise. */
    private volatile ProviderException waitingAfter;
    /** The latest failure of any try, which a call out of time ends with; null while none failed. */
    private volatile ProviderException lastFailure;
    /** The try on its way, so that a call out of time can abandon it. */
    private final AtomicReference<CompletableFuture<T>> inFlight = new AtomicReference<>();
    /** When a call run {@link #within} a limit must have ended, that limit and what sets it; null for no limit. */
    private volatile Instant until;
    private volatile Duration limit;
    private volatile String setting;
    /** What the call is, as a message of one out of time names it ("read", "balance read"). */
    private volatile String what;

    Attempts(
        Operation operation,
        JobHandle handle,
        TaskId taskId,
        Supplier<CompletableFuture<T>> call,
        Function<ProviderException, CompletableFuture<Optional<T>>> onAmbiguous,
        boolean notFoundGrace,
        Consumer<ProviderException> retried,
        AfterServerError<T> afterServerError) {
      this.afterServerError = afterServerError;
      this.operation = operation;
      this.handle = handle;
      this.taskId = taskId;
      this.call = call;
      this.onAmbiguous = onAmbiguous;
      this.notFoundGrace = notFoundGrace;
      this.retried = retried;
      result.whenComplete((value, failure) -> pending.get().cancel());
      if (afterServerError != null) {
        afterServerError.whenStopped(this::stopWaiting);
      }
    }

    /** The caller gave up: a call waiting for its backoff ends now; one on its way still gets its answer. */
    private void stopWaiting() {
      ProviderException waited = waitingAfter;
      if (waited != null && !result.isDone()) {
        pending.get().cancel();
        Futures.guard(result, () -> sendAgain(waited));
      }
    }

    /**
     * Ends this call within {@code limit} of now, which {@code setting} sets; {@code what} names the call
     * in the message of one out of time. Called once, before the first try.
     */
    void within(Duration limit, String setting, String what) {
      this.limit = limit;
      this.setting = setting;
      this.what = what;
      this.until = runtime.time().now().plus(limit);
      Scheduling.Cancellable timer = runtime.time().after(limit, () -> Futures.guard(result, this::outOfTime));
      result.whenComplete((value, failure) -> {
        timer.cancel();
        CompletableFuture<T> attempt = inFlight.get();
        if (attempt != null) {
          attempt.cancel(false); // a read abandoned (out of time, or by its caller) need not hold its connection
        }
      });
    }

    /** The limit came with a try unanswered or a backoff unserved: the call ends with what was last seen. */
    private void outOfTime() {
      if (result.isDone()) {
        return;
      }
      ProviderException last = lastFailure == null ? null : ending(lastFailure);
      if (last != null) {
        runtime.events().gaveUp(handle, operation, last, "out of time: " + PollingLoop.spoken(limit) + " have passed");
        result.completeExceptionally(last);
        return;
      }
      ProviderErrorDetails details = ProviderErrorDetails.of(runtime.provider().id(), 0, null, "no answer within "
          + PollingLoop.spoken(limit) + settingSaid() + "; the " + what + " was abandoned"
          + (taskId == null ? "" : ", which does not affect the task") + ": try again later");
      ProviderException noAnswer =
          ProviderException.of(FailureKind.NO_RESPONSE, taskId == null ? details : details.withTaskId(taskId), null);
      runtime.events().gaveUp(handle, operation, noAnswer, "out of time: " + PollingLoop.spoken(limit) + " have passed");
      result.completeExceptionally(noAnswer);
    }

    /** " (what sets the limit)", or nothing when nothing is named. */
    private String settingSaid() {
      return setting == null ? "" : " (" + setting + ")";
    }

    /** Whether a retry after {@code delay} would come at or after this call's limit. */
    private boolean pastLimit(Duration delay) {
      return until != null && !runtime.time().now().plus(delay).isBefore(until);
    }

    void next() {
      if (result.isDone()) {
        return;
      }
      CompletableFuture<T> attempt = Futures.attempt(call);
      inFlight.set(attempt);
      if (until != null && result.isDone()) {
        attempt.cancel(false); // the limit came while this try was being sent: nobody waits for it
      }
      attempt.whenComplete((value, failure) -> Futures.guard(result, () -> {
        if (result.isDone()) {
          return; // given up by the caller (a deadline, a cancel, a closed client): nothing is retried or told
        }
        if (failure == null) {
          result.complete(value);
        } else {
          onFailure(AsyncFailures.unwrap(failure));
        }
      }));
    }

    private void onFailure(Throwable failure) {
      if (failure instanceof java.util.concurrent.CancellationException && mayHaveWorked != null
          && afterServerError != null) {
        // Held back by a stop before it left, after an earlier try that may have made a task.
        result.completeExceptionally(afterServerError.abandoned(mayHaveWorked));
        return;
      }
      if (!(failure instanceof ProviderException providerFailure)) {
        result.completeExceptionally(failure);
        return;
      }
      ProviderException tagged = taskId == null ? providerFailure : providerFailure.withTaskId(taskId);
      lastFailure = tagged;
      if (persistence != null && persistence.progressed()) {
        failures = 0; // the try brought new bytes: the policy counts the failures from here
      }
      failures++;
      tries++;
      if (persistence != null && persistence.stopped()) {
        result.completeExceptionally(tagged); // past the caller's deadline: no retry and no wait starts
        return;
      }
      if (afterServerError != null) {
        afterServerError.failed(tagged);
      }
      sawServerError |= tagged.kind() == FailureKind.SERVER_ERROR;
      if (tagged.kind() == FailureKind.SERVER_ERROR || tagged.kind() == FailureKind.NO_RESPONSE) {
        mayHaveWorked = tagged;
      }
      RetryDecision decision = dev.vidgen.core.error.ProviderErrorDetails.ANSWER_TOO_LARGE.equals(tagged.details().code())
          ? new RetryDecision.GiveUp("the answer is larger than the client reads; every try would get it again")
          : dev.vidgen.core.error.ProviderErrorDetails.ANSWER_HOLDS_KEY.equals(tagged.details().code())
          ? new RetryDecision.GiveUp("the answer holds the API key; every try would send the key there again")
          : dev.vidgen.core.error.ProviderErrorDetails.ANSWER_LINK_UNUSABLE.equals(tagged.details().code())
          ? new RetryDecision.GiveUp("the upload's answer names no usable link; every try would store the file again")
          : dev.vidgen.core.error.ProviderErrorDetails.TLS_UNTRUSTED.equals(tagged.details().code())
          ? new RetryDecision.GiveUp("the server's certificate is not trusted; every try would meet it again")
          : notFoundGrace && tagged.kind() == FailureKind.NOT_FOUND
          ? runtime.retries().decideTaskNotFound(failures, runtime.random())
          : runtime.retries().decideAnswered(operation, tagged.kind(), tagged.httpStatus(), failures,
              tagged.retryAfter().orElse(null), runtime.random());
      if (decision instanceof RetryDecision.Retry retry && afterServerError != null
          && tagged.kind() == FailureKind.SERVER_ERROR && afterServerError.resendRefused()) {
        // No resend may follow: ask now rather than after a backoff (and a retry event) that lead nowhere.
        adoptOr(() -> afterServerError.beforeResend(tagged), () -> sendAgain(tagged));
      } else if (decision instanceof RetryDecision.Retry retry && pastLimit(retry.delay())) {
        // Waiting for a try the limit would cut off gains nothing: the caller hears now.
        runtime.events().gaveUp(handle, operation, tagged, "the next try, in " + PollingLoop.spoken(retry.delay())
            + ", would come after the " + PollingLoop.spoken(limit) + " this call may take" + settingSaid());
        result.completeExceptionally(endingBecause(tagged, pastLimitWords(tagged, retry.delay())));
      } else if (decision instanceof RetryDecision.Retry retry) {
        retryLater(tagged, retry);
      } else if (decision instanceof RetryDecision.GiveUp && persistence != null && rideOut(tagged)) {
        return; // tried again after a longer wait, which the persistence said
      } else if (decision instanceof RetryDecision.Ambiguous && onAmbiguous != null) {
        Futures.attempt(() -> onAmbiguous.apply(tagged)).whenComplete((found, lookupFailure) -> Futures.guard(result, () -> {
          if (lookupFailure != null) {
            result.completeExceptionally(AsyncFailures.unwrap(lookupFailure));
          } else if (found.isPresent()) {
            result.complete(found.get());
          } else {
            sendAgain(tagged);
          }
        }));
      } else if (afterServerError != null && (sawServerError || mayHaveWorked != null)) {
        // A try met a server error or got no answer and may have done its work: look (with the grace a fresh
        // task needs) before giving up on whatever failure came last.
        adoptOr(() -> afterServerError.afterLast(tagged), () -> {
          if (decision instanceof RetryDecision.GiveUp giveUp) {
            runtime.events().gaveUp(handle, operation, tagged, giveUp.reason(), submit());
          }
          result.completeExceptionally(afterServerError.ended(ending(tagged, decision)));
        });
      } else {
        if (decision instanceof RetryDecision.GiveUp giveUp) {
          runtime.events().gaveUp(handle, operation, tagged, giveUp.reason(), submit());
        }
        result.completeExceptionally(ending(tagged, decision));
      }
    }

    /**
     * What the call ends with when {@code last} is its last failure and no try follows: a 429 then says
     * how many tries the call had, so that it does not read as a first refusal.
     */
    private ProviderException ending(ProviderException last) {
      return ending(last, null);
    }

    /**
     * {@link #ending(ProviderException)}, and when the policy gave up because the server asked for a
     * longer wait (Retry-After) than it waits, the 429's message says so, not only the debug log.
     */
    private ProviderException ending(ProviderException last, RetryDecision decision) {
      if (tries > 1 && last.upload().isEmpty()) {
        // A 5xx or no answer after several tries says so, as a 429 does, so that it does not read as a first failure.
        if (last instanceof dev.vidgen.core.error.ServerErrorException server && server.tries() == 0) {
          return server.gaveUpAfter(tries);
        }
        if (last instanceof dev.vidgen.core.error.ProviderUnavailableException unavailable && unavailable.tries() == 0) {
          return unavailable.gaveUpAfter(tries);
        }
      }
      if (!(last instanceof RateLimitedException limited) || tries == 0) {
        return last;
      }
      String reason = decision instanceof RetryDecision.GiveUp giveUp ? giveUp.reason() : "";
      int asked = reason.indexOf("the server asked to wait");
      return asked >= 0 ? limited.gaveUpAfter(tries, reason.substring(asked)) : limited.gaveUpAfter(tries);
    }

    /** {@link #ending(ProviderException)}, a 429's message saying {@code why} it was not retried. */
    private ProviderException endingBecause(ProviderException last, String why) {
      return last instanceof RateLimitedException limited && tries > 0
          ? limited.gaveUpAfter(tries, why) : ending(last);
    }

    /**
     * Why a retry due after {@code delay} is not waited for: "the server asked to wait 90 s (Retry-After), past the 1 min
     * this read may take (raise it with --timeout)", naming what sets the limit as a read out of time does.
     */
    private String pastLimitWords(ProviderException failure, Duration delay) {
      String next = failure.retryAfter().filter(asked -> asked.compareTo(Duration.ZERO) > 0)
          .map(asked -> "the server asked to wait " + Waits.seconds(asked) + " (Retry-After)")
          .orElse("its next try would come in " + PollingLoop.spoken(delay));
      return next + ", past the " + PollingLoop.spoken(limit) + " this " + what + " may take" + settingSaid();
    }

    /** The submit this call is a create of, as its log lines name it; null for any other call. */
    private String submit() {
      return afterServerError == null ? null : afterServerError.submit();
    }

    /** Whether the persistence rides out {@code tagged}: the call is then sent again after the wait it said. */
    private boolean rideOut(ProviderException tagged) {
      Optional<Duration> wait = persistence.rideOut(tagged);
      if (wait.isEmpty()) {
        return false;
      }
      pending.set(runtime.time().after(wait.get(), () -> Futures.guard(result, this::next)));
      if (result.isDone()) {
        pending.get().cancel();
      }
      return true;
    }

    private void retryLater(ProviderException tagged, RetryDecision.Retry retry) {
      retried.accept(tagged);
      runtime.events().retry(handle, operation, tagged, tries, retry.delay(), submit());
      if (afterServerError != null) {
        afterServerError.retrying(tagged, failures, retry.delay());
      }
      if (afterServerError != null && mayHaveWorked == null) {
        // No try so far can have done its work, and none is on its way while the backoff is served.
        toldWaiting = true;
        try {
          afterServerError.waiting(retry.delay());
        } catch (RuntimeException notTold) {
          // Only a mark of the caller's is missing: the call goes on as it would have.
        }
      }
      waitingAfter = tagged;
      pending.set(runtime.time().after(retry.delay(), () -> Futures.guard(result, () -> {
        waitingAfter = null;
        resend(tagged);
      })));
      if (result.isDone()) {
        pending.get().cancel();
      } else if (afterServerError != null && !afterServerError.mayResend()) {
        stopWaiting(); // stopped while the answer was on its way
      }
    }

    /** After the backoff: looks first when {@code tagged} was a server error, then sends the call again. */
    private void resend(ProviderException tagged) {
      if (afterServerError != null && afterServerError.mayResend() && tagged.kind() == FailureKind.SERVER_ERROR) {
        adoptOr(() -> afterServerError.beforeResend(tagged), () -> sendAgain(tagged));
      } else {
        sendAgain(tagged);
      }
    }

    /**
     * Sends the call again, unless its caller gave up: then it ends, as possibly done when some try
     * may have done its work (a server error, no answer), else as surely not done.
     */
    private void sendAgain(ProviderException tagged) {
      if (afterServerError != null && afterServerError.mayResend() && toldWaiting) {
        // The caller hears first that a try leaves again, and the try leaves only once it has heard.
        toldWaiting = false;
        Futures.attempt(() -> afterServerError.sendingAgain().toCompletableFuture().thenApply(heard -> (Object) heard))
            .whenComplete((heard, failure) -> Futures.guard(result, () -> {
              if (result.isDone()) {
                return;
              }
              if (failure != null) {
                result.completeExceptionally(afterServerError.heldBack(AsyncFailures.unwrap(failure)));
              } else {
                sendAgain(tagged);
              }
            }));
      } else if (afterServerError == null || afterServerError.mayResend()) {
        next();
      } else if (mayHaveWorked != null) {
        result.completeExceptionally(afterServerError.abandoned(mayHaveWorked));
      } else {
        result.completeExceptionally(new java.util.concurrent.CancellationException(
            operation.name().toLowerCase(java.util.Locale.ROOT) + " not sent again: its caller gave up"));
      }
    }

    /** Completes with what {@code check} found, fails with its failure, or runs {@code otherwise} when it found nothing. */
    private void adoptOr(Supplier<CompletableFuture<Optional<T>>> check, Runnable otherwise) {
      Futures.attempt(check).whenComplete((found, checkFailure) -> Futures.guard(result, () -> {
        if (result.isDone()) {
          return;
        }
        if (checkFailure != null) {
          result.completeExceptionally(AsyncFailures.unwrap(checkFailure));
        } else if (found.isPresent()) {
          result.complete(found.get());
        } else {
          otherwise.run();
        }
      }));
    }
  }
}
