package dev.vidgen.core.client;

import dev.vidgen.core.concurrent.AsyncFailures;
import dev.vidgen.core.domain.TaskId;
import dev.vidgen.core.domain.TaskSnapshot;
import dev.vidgen.core.domain.TaskStatus;
import dev.vidgen.core.error.ProviderException;
import dev.vidgen.core.error.RetriableProviderException;
import dev.vidgen.core.error.VidgenException;
import dev.vidgen.core.policy.FailureKind;
import dev.vidgen.core.policy.LearnedDurations;
import dev.vidgen.core.policy.PollSchedule;
import dev.vidgen.core.policy.ProgressTrail;
import dev.vidgen.core.text.Waits;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Waits for one task without a thread: each poll is a timer on the shared scheduler, its delay
 * from the {@link dev.vidgen.core.policy.PollSchedule}, each status read under the retry policy.
 * Ends with the completed snapshot, a {@link TaskFailedException} or a {@link
 * DeadlineExceededException}; the deadline counts from the handle's submission, and a wait always
 * polls at least once. Tasks without progress are polled where the route's earlier tasks finished
 * (its {@link dev.vidgen.core.policy.LearnedDurations}, read when the wait starts), and each
 * completion seen is recorded there: how long the task ran by the provider's own times when its answer gives them
 * ({@link ReportedRuns}), else the middle of the span it ended in, unless a read went out {@link #PAUSE} or more later
 * than planned at any time in the wait (this process did not run: a laptop's sleep, a stopped process), when the run
 * is not known. A status read
 * that has not answered by the deadline is abandoned, so a wait ends by its deadline even when the provider hangs; one still being retried after a
 * failure is allowed the time of a read at the deadline first. A status read that
 * failed, after its retries, for a reason that may pass (an outage) is read again later (15 s,
 * then at the schedule's longest interval, 20 s by default, and never more than 60 s), with a
 * warning each time, for up to the options' outage tolerance and within the deadline (a read due
 * after it comes at the deadline): the task is already paid for. A deadline that comes while reads
 * fail ends the wait with the provider's error, not a deadline, said as the end of the wait: how long it read,
 * how many reads failed, and that the task exists and is resumed by its id. Cancelling the returned future stops
 * the polling.
 */
final class PollingLoop {
  /** How long the single status read of a handle resumed after its deadline may take. */
  static final Duration LATE_READ_LIMIT = Duration.ofSeconds(30);
  /** The first wait after a status read failed for a passing reason; it doubles up to {@link #OUTAGE_MAX_WAIT}. */
  static final Duration OUTAGE_FIRST_WAIT = Duration.ofSeconds(15);
  static final Duration OUTAGE_MAX_WAIT = Duration.ofSeconds(60);

  /** At most one outage (or not-found) warning per this span for all of a client's waits; the others are counted into the next. */
  static final Duration OUTAGE_WARNING_SPAN = Duration.ofSeconds(15);
  /** A read due after the deadline comes at the deadline unless less than this is left since the failed one. */
  static final Duration LAST_READ_MIN_GAP = Duration.ofSeconds(5);
  /** A read due less than this before the deadline is the late read, with its own time limit. */
  static final Duration AT_DEADLINE = Duration.ofSeconds(1);
  /** A task younger than this may not be listed yet; an older one that is not found may have a wrong id. */
  static final Duration FRESH_TASK = Duration.ofMinutes(2);
  /** A wait begun more than this after its task was made did not follow it from its start. */
  static final Duration FOLLOWED_FROM_START = Duration.ofSeconds(5);
  /** A read that goes out this much later than planned shows that this process did not run meanwhile. */
  static final Duration PAUSE = Duration.ofSeconds(10);
  /** A wait whose clock stands still while its timers run this much past the time its deadline had left ends. */
  static final Duration STILL_CLOCK_LEEWAY = Duration.ofSeconds(10);
  static final String OUTAGE_WARNING = "status.unreadable";
  static final String NOT_FOUND_WARNING = "status.not_found";

  private final ClientRuntime runtime;
  private final RetryLoop retries;
  private final SparingWarnings warnings;
  private final RecentReads recentReads = new RecentReads();

  PollingLoop(ClientRuntime runtime, RetryLoop retries) {
    this.runtime = runtime;
    this.retries = retries;
    this.warnings = new SparingWarnings(runtime.events(), OUTAGE_WARNING_SPAN);
  }

  /** "500 ms", "20 s", "10 min", "more than a year": a duration as the client's messages say it. */
  static String spoken(Duration duration) {
    if (Waits.pastAYear(duration)) {
      return Waits.describe(duration); // a server's Retry-After said in figures would be no wait anyone means
    }
    long seconds = duration.toSeconds();
    if (seconds == 0) {
      return duration.toMillis() + " ms";
    }
    return seconds >= 60 && seconds % 60 == 0 ? seconds / 60 + " min" : seconds + " s";
  }

  /** Notes that a one-off status read of {@code task} (not a wait's) answered just now. */
  void readAnswered(TaskId task) {
    recentReads.answered(task, runtime.time().now());
  }

  CompletableFuture<TaskSnapshot> await(JobHandle handle, AwaitOptions options) {
    Wait wait = new Wait(handle, Objects.requireNonNull(options, "options == null"));
    wait.scheduleNext();
    return wait.result;
  }

  /** One task's wait; its steps run one after another on scheduler or provider threads. */
  private final class Wait {
    final CompletableFuture<TaskSnapshot> result = new CompletableFuture<>();
    private final AtomicReference<Scheduling.Cancellable> pending = new AtomicReference<>(Scheduling.Cancellable.NONE);
    private final JobHandle handle;
    private final TaskId taskId;
    private final ProgressListener progress;
    private final PollSchedule schedule;
    private final LearnedDurations learned;
    private final Instant deadlineAt;
    private final Duration outageTolerance;
    private int polls;
    /** When status reads began to fail for a passing reason, and how many have since; null while they answer. */
    private Instant failingSince;
    private int failedReads;
    /** The reads, and their tries, that failed in a row since the status was last read; they name the wait's end. */
    private int failingReads;
    private int failingTries;
    private final Instant startedAt;
    /** Whether this wait has said that the provider does not know its task (yet). */
    private volatile boolean toldNotFound;
    private volatile ProviderException outageFailure;
    /** Whether a read failed since the task was last seen unfinished: its end is then known too loosely to learn from. */
    private volatile boolean unseenSpan;
    private volatile TaskSnapshot last;
    /** The progress read so far, which guides the schedule. */
    private volatile ProgressTrail trail = ProgressTrail.none();
    /** Since the task's creation: when it was last seen unfinished (or the wait began), the earliest it can have ended. */
    private volatile Duration notBefore;
    /** When the read now going out began (its first try), for a deadline that comes before it answers. */
    private volatile Instant readingSince;
    /** Since the task's creation: when its status was last read, or null when this wait has read none. */
    private volatile Duration lastSeenAt;
    /** When the read now scheduled is due; null before the first is scheduled. */
    private volatile Instant plannedAt;
    /**
     * How long this process did not run during this wait (reads that went out late), kept for the rest of it: a later
     * read that finds the task unfinished does not settle how long it ran, since a wall clock set forward (which makes
     * the measured run too long) looks the same as a pause.
     */
    private volatile Duration pausedFor = Duration.ZERO;
    /** Since the task's creation: when the read that last found it unfinished went out (zero: none did). */
    private volatile Duration seenUnfinishedAt = Duration.ZERO;
    /** The clock's reading when this wait last saw it move, and how long the wait's timers have run since. */
    private volatile Instant clockReading;
    private volatile Duration stillFor = Duration.ZERO;

    Wait(JobHandle handle, AwaitOptions options) {
      this.handle = handle;
      this.taskId = handle.taskId();
      this.progress = options.listener();
      this.schedule = options.deadline() != null
          ? runtime.pollSchedule().withDeadline(options.deadline())
          : runtime.pollSchedule();
      this.deadlineAt = handle.submittedAt().plus(schedule.deadline());
      this.outageTolerance = options.outageTolerance();
      this.learned = learns() ? runtime.durations().learned(handle.model()) : LearnedDurations.none();
      this.startedAt = runtime.time().now();
      this.notBefore = elapsed(startedAt);
      // A wait begun well after its task was made (a later run, a resume after a pause) may find it ended long
      // before: until a read sees it unfinished, its end is not known closely enough to learn from.
      this.unseenSpan = notBefore.compareTo(FOLLOWED_FROM_START) > 0;
      result.whenComplete((snapshot, failure) -> pending.get().cancel());
    }

    void scheduleNext() {
      if (result.isDone()) {
        return;
      }
      Instant now = runtime.time().now();
      Optional<Duration> next = schedule.nextDelay(polls, elapsed(now), trail, learned, runtime.random());
      if (next.isEmpty() && polls > 0) {
        deadlineExceeded(now);
        return;
      }
      Duration delay = next.orElse(Duration.ZERO);
      if (polls == 0 && !learns()) {
        // A handle of a bare task id was stamped when it was resumed, not when its task was made, which may be long
        // done: the first read is made at once (a fresh submit's handle keeps the schedule's first delay).
        delay = Duration.ZERO;
      }
      if (polls == 0) {
        delay = awayFromLastRead(delay, now);
      }
      Duration untilDeadline = Duration.between(now, deadlineAt);
      if (polls > 0 && delay.compareTo(untilDeadline) > 0) {
        delay = untilDeadline.isNegative() ? Duration.ZERO : untilDeadline;
      }
      if (clockStill(now, delay)) {
        return;
      }
      plannedAt = now.plus(delay);
      setPending(runtime.time().after(delay, () -> Futures.guard(result, this::poll)));
    }

    /**
     * The first read's {@code delay}, made long enough that it comes no sooner than the schedule's
     * shortest wait after a one-off read of the task that just answered (such as the command line's
     * own read before it waits): two reads a moment apart tell nothing new.
     */
    private Duration awayFromLastRead(Duration delay, Instant now) {
      Optional<Duration> untilAllowed = recentReads.lastAnswered(taskId)
          .map(at -> Duration.between(now, at.plus(schedule.shortestWait())));
      return untilAllowed.filter(wait -> wait.compareTo(delay) > 0).orElse(delay);
    }

    private void poll() {
      if (result.isDone()) {
        return;
      }
      polls++;
      readingSince = runtime.time().now();
      Duration lateBy = plannedAt == null ? Duration.ZERO : Duration.between(plannedAt, readingSince);
      if (lateBy.compareTo(PAUSE) >= 0) {
        // This process did not run meanwhile (a laptop's sleep): a task seen ended now may have ended during it.
        pausedFor = pausedFor.plus(lateBy);
        unseenSpan = true;
      }
      AtomicReference<ProviderException> retrying = new AtomicReference<>();
      CompletableFuture<TaskSnapshot> read = retries.runStatusOfCreatedTask(
          handle, taskId, this::readStatus, failure -> {
            retrying.set(failure);
            failingTries++;
            if (failure.kind() == FailureKind.NOT_FOUND && !runtime.time().now().isBefore(deadlineAt)) {
              // At or past the deadline a task the provider does not know is not given the fresh task's grace.
              fail(failure);
              return;
            }
            if (failure.kind() == FailureKind.NOT_FOUND && !toldNotFound) {
              toldNotFound = true;
              sayNotFound(failure);
            }
          });
      Duration untilDeadline = Duration.between(runtime.time().now(), deadlineAt);
      // A read due at the deadline that finds the clock a hair short of it is the late read all the same.
      boolean late = untilDeadline.compareTo(AT_DEADLINE) < 0;
      AtomicReference<Scheduling.Cancellable> cutoff = new AtomicReference<>(Scheduling.Cancellable.NONE);
      cutOff(read, retrying, late ? LATE_READ_LIMIT : untilDeadline, late, cutoff);
      setPending(() -> {
        cutoff.get().cancel();
        read.cancel(false);
      });
      read.whenComplete((snapshot, failure) -> Futures.guard(result, () -> {
        cutoff.get().cancel();
        if (result.isDone()) {
          return;
        }
        if (failure == null) {
          failingSince = null;
          failedReads = 0;
          failingReads = 0;
          failingTries = 0;
          outageFailure = null;
          onSnapshot(snapshot);
          return;
        }
        Throwable cause = AsyncFailures.unwrap(failure);
        failingReads++;
        failingTries++; // the read's last try, which was not retried
        if (!readAgainLater(cause)) {
          fail(endingWait(cause));
        }
      }));
    }

    /**
     * One status read; an exception the provider lets out (thrown or in its future), or no snapshot
     * at all, is its fault and ends the wait naming the task, never a bare exception without it.
     */
    private CompletableFuture<TaskSnapshot> readStatus() {
      runtime.events().statusReading(handle);
      CompletableFuture<TaskSnapshot> call = Futures.attempt(() -> runtime.provider().status(taskId));
      CompletableFuture<TaskSnapshot> read = call.handle((snapshot, failure) -> {
        if (failure != null) {
          throw new CompletionException(ProviderFaultException.of(handle, "status read", AsyncFailures.unwrap(failure)));
        }
        if (snapshot == null) {
          throw new CompletionException(
              new ProviderFaultException(handle, "answered a status read with no snapshot (null)", null));
        }
        return ProviderFaultException.requireSameTask(handle, snapshot);
      });
      // A read abandoned (out of time, or by its caller) still lets go of the provider's call.
      read.whenComplete((snapshot, failure) -> {
        if (read.isCancelled()) {
          call.cancel(false);
        }
      });
      return read;
    }

    /**
     * Ends the wait when {@code read} has not answered within {@code limit}. A read still being
     * retried at the deadline gets the late read's time to answer, as a read made at the deadline
     * does, so that a passing failure a moment before the deadline does not end the wait as an
     * outage; a read that never answered ends it with the provider's failure when reads were failing.
     */
    private void cutOff(CompletableFuture<TaskSnapshot> read, AtomicReference<ProviderException> retrying,
        Duration limit, boolean late, AtomicReference<Scheduling.Cancellable> cutoff) {
      cutoff.set(runtime.time().after(limit, () -> {
        if (result.isDone() || read.isDone()) {
          return;
        }
        ProviderException failing = retrying.get();
        // A passing failure gets the late read's time; a task the provider does not know is not waited for past the deadline.
        if (!late && failing != null && outageFailure == null && failing.kind() != FailureKind.NOT_FOUND) {
          cutOff(read, retrying, LATE_READ_LIMIT, true, cutoff);
          return;
        }
        if (failing != null) {
          failingReads++; // the read cut off while it was being retried failed too
        }
        failing = failing != null ? failing : outageFailure;
        if (failing != null) {
          // The deadline came while the reads were failing: what ended the wait is the provider, not the task.
          fail(endingWait(failing));
        } else {
          // The read never answered: the task's state at the deadline is not known, whatever an earlier read said.
          Instant now = runtime.time().now();
          fail(DeadlineExceededException.unanswered(handle, last, elapsed(now), Duration.between(readingSince, now),
              lastSeenAt));
        }
        read.cancel(false);
      }));
    }

    private void sayNotFound(ProviderException failure) {
      Instant now = runtime.time().now();
      boolean fresh = elapsed(now).compareTo(FRESH_TASK) < 0;
      warnings.say(NOT_FOUND_WARNING, now, "task " + taskId.value() + ": the provider does not know it ("
          + failure.getMessage() + "); " + (fresh ? "a task made moments ago may not be listed yet, so it" : "it")
          + " is read again a few times before the answer is believed"
          + (fresh ? "" : " (if it persists, check the task id and the provider)"),
          "waited task not known yet", "waited tasks not known yet");
    }

    private void onSnapshot(TaskSnapshot snapshot) {
      last = snapshot;
      Instant now = runtime.time().now();
      lastSeenAt = elapsed(now);
      trail = trail.next(elapsed(now), snapshot.percent());
      runtime.events().polled(handle, snapshot);
      if (snapshot.status() == TaskStatus.COMPLETED) {
        completed(snapshot, elapsed(now));
        return;
      }
      runtime.events().progress(progress, snapshot, elapsed(now));
      switch (snapshot.status()) {
        case FAILED -> fail(new TaskFailedException(handle, snapshot));
        default -> {
          notBefore = elapsed(now);
          seenUnfinishedAt = elapsed(readingSince);
          unseenSpan = false;
          if (now.isBefore(deadlineAt)) {
            scheduleNext();
          } else {
            deadlineExceeded(now);
          }
        }
      }
    }

    /**
     * Tells and learns how long the completed task ran: by the provider's own times when they are believable; not at
     * all when this process paused at any time in the wait (said as such); else up to {@code seenAt}, the read that
     * saw it, learning the middle of the span it ended in.
     */
    private void completed(TaskSnapshot snapshot, Duration seenAt) {
      Optional<Duration> reported = ReportedRuns.of(snapshot, seenAt, seenUnfinishedAt);
      if (reported.isPresent()) {
        if (learns()) {
          runtime.durations().record(handle.model(), reported.get());
        }
        runtime.events().progress(progress, snapshot, reported.get());
      } else if (!pausedFor.isZero()) {
        runtime.events().completedAfterPause(progress, snapshot, seenAt, pausedFor);
      } else {
        learn(seenAt);
        runtime.events().progress(progress, snapshot, seenAt);
      }
      runtime.events().completed(handle, snapshot);
      result.complete(snapshot);
    }

    /**
     * Schedules another read after a read that failed for a passing reason, when the outage has
     * not outlasted the tolerance and the deadline leaves room; says so with a warning.
     */
    private boolean readAgainLater(Throwable failure) {
      if (!(failure instanceof ProviderException provider) || !provider.kind().isTransient() || outageTolerance.isZero()) {
        return false;
      }
      if (provider.kind() == FailureKind.SERVER_ERROR && provider.httpStatus() >= 200 && provider.httpStatus() < 400) {
        // The server answered, but with a status vidgen cannot use (a completed task naming no video) or sent the
        // read elsewhere (a redirect, which vidgen does not follow): not an outage that passes; the read's own short
        // retries were its chance.
        return false;
      }
      Instant now = runtime.time().now();
      if (failingSince == null) {
        failingSince = now;
      }
      unseenSpan = true;
      failedReads++;
      outageFailure = provider;
      long doublings = Math.min(failedReads - 1, 8);
      Duration wait = OUTAGE_FIRST_WAIT.multipliedBy(1L << doublings);
      Duration cap = schedule.maxInterval().compareTo(OUTAGE_MAX_WAIT) < 0 ? schedule.maxInterval() : OUTAGE_MAX_WAIT;
      wait = wait.compareTo(cap) > 0 ? cap : wait;
      // A server that said when to come back (Retry-After, past the retry policy's cap) is not asked sooner.
      Duration asked = provider.retryAfter().orElse(Duration.ZERO);
      wait = asked.compareTo(wait) > 0 ? asked : wait;
      // The last read comes at the deadline, as when polling a running task, but never sooner than asked.
      Duration untilDeadline = Duration.between(now, deadlineAt);
      boolean atDeadline = wait.compareTo(untilDeadline) >= 0;
      if (atDeadline && (untilDeadline.compareTo(LAST_READ_MIN_GAP) < 0 || asked.compareTo(untilDeadline) > 0)) {
        return false;
      }
      wait = atDeadline ? untilDeadline : wait;
      if (Duration.between(failingSince, now.plus(wait)).compareTo(outageTolerance) > 0) {
        return false;
      }
      warnings.say(OUTAGE_WARNING, now, "task " + taskId.value() + ": its status could not be read ("
          + provider.getMessage() + "); the task is kept and read again in " + spoken(wait)
          + (atDeadline ? ", at the wait's deadline" : "") + " (a wait rides out " + spoken(outageTolerance)
          + " of failing reads)", "failed read of waited tasks", "failed reads of waited tasks");
      // Told to every wait, spared or not: from here until the next read no read of the task is on its way.
      runtime.events().statusReadFailed(handle, provider, wait);
      if (clockStill(now, wait)) {
        return true;
      }
      plannedAt = now.plus(wait);
      setPending(runtime.time().after(wait, () -> Futures.guard(result, this::poll)));
      return true;
    }

    /**
     * Whether the clock, read as {@code now} before a timer of {@code delay}, stood still while this wait's timers ran
     * past the time its deadline had left and {@link #STILL_CLOCK_LEEWAY} more (a fixed clock beside a real
     * scheduler); the wait then ends, since that deadline never comes. A clock that moves with the timers (the
     * system clock, virtual time) never stands still so.
     */
    private boolean clockStill(Instant now, Duration delay) {
      if (!now.equals(clockReading)) {
        clockReading = now;
        stillFor = Duration.ZERO;
      }
      Duration left = Duration.between(now, deadlineAt);
      if (stillFor.compareTo((left.isNegative() ? Duration.ZERO : left).plus(STILL_CLOCK_LEEWAY)) > 0) {
        fail(DeadlineExceededException.clockStill(handle, last, schedule.deadline(), now, stillFor));
        return true;
      }
      stillFor = stillFor.plus(delay);
      return false;
    }

    /** Whether the handle knows its task's route, and with it when the task was made (not so for a bare task id). */
    private boolean learns() {
      return !handle.model().equals(JobHandle.UNKNOWN_MODEL);
    }

    /** Records the task's duration: the middle of the span in which it must have ended. */
    private void learn(Duration seenAt) {
      if (learns() && !unseenSpan) {
        // Halved in nanoseconds: Duration.dividedBy goes through BigDecimal.
        runtime.durations().record(handle.model(), Duration.ofNanos((notBefore.toNanos() + seenAt.toNanos()) / 2));
      }
    }

    /**
     * {@code failure}, a passing one that ended this wait while status reads were failing, said as the wait's end: how
     * long it read, how many reads failed, and that the task exists and is resumed by its id; any other as it is.
     */
    private Throwable endingWait(Throwable failure) {
      if (!(failure instanceof RetriableProviderException passing) || failingReads < 1) {
        return failure;
      }
      return passing.endingWait(taskId, Duration.between(startedAt, runtime.time().now()), failingReads,
          Math.max(failingTries, failingReads));
    }

    private void deadlineExceeded(Instant now) {
      // A wait whose last read left too little time for another ends a moment before its deadline: what ran out is
      // the deadline, so that time is said, not the moment of the last read, floored below it.
      fail(new DeadlineExceededException(handle, last, now.isBefore(deadlineAt) ? schedule.deadline() : elapsed(now)));
    }

    private void fail(Throwable failure) {
      if (result.isDone()) {
        return;
      }
      if (failure instanceof VidgenException error) {
        runtime.events().failed(handle, error);
      }
      result.completeExceptionally(failure);
    }

    private void setPending(Scheduling.Cancellable next) {
      pending.set(next);
      if (result.isDone()) {
        next.cancel();
      }
    }

    private Duration elapsed(Instant now) {
      Duration elapsed = Duration.between(handle.submittedAt(), now);
      return elapsed.isNegative() ? Duration.ZERO : elapsed;
    }
  }
}
