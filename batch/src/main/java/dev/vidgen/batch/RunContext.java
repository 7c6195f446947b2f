package dev.vidgen.batch;

import dev.vidgen.core.error.VidgenException;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.random.RandomGenerator;

/**
 * What every job of one run shares: the calls, the journal, time, the options and the first
 * error that stops the whole run (a bad key, an empty account).
 */
final class RunContext {
  final JobBackend backend;
  final Journal journal;
  final Clock clock;
  final ScheduledExecutorService scheduler;
  final RandomGenerator random;
  final boolean resubmitUnknown;
  final Duration requeueDelay;
  final int maxRequeues;
  final CreatesOnTheirWay creates;
  final BatchListener listener;
  /** The tag of the API key this run sends with, or null when not told. */
  final String keyTag;
  private final AtomicReference<VidgenException> stop = new AtomicReference<>();
  /** Done when the run's deadline passes. */
  private final java.util.concurrent.CompletableFuture<Void> timeUp = new java.util.concurrent.CompletableFuture<>();

  RunContext(JobBackend backend, Journal journal, Clock clock, ScheduledExecutorService scheduler,
      RandomGenerator random, boolean resubmitUnknown, Duration requeueDelay, int maxRequeues, Duration saveRetryDelay,
      CreatesOnTheirWay creates, BatchListener listener, String keyTag) {
    this.backend = backend;
    this.journal = journal;
    this.clock = clock;
    this.scheduler = scheduler;
    this.random = random;
    this.resubmitUnknown = resubmitUnknown;
    this.requeueDelay = requeueDelay;
    this.maxRequeues = maxRequeues;
    this.saveRetryDelay = saveRetryDelay;
    this.creates = creates;
    this.listener = listener;
    this.keyTag = keyTag;
  }

  /** Why the run stopped, in words: the first cause's message, or a stop that is no provider error. */
  private final AtomicReference<String> stopReason = new AtomicReference<>();

  /** Stops the run: no more creates; the first cause is kept. */
  void stop(VidgenException cause) {
    stop.compareAndSet(null, cause);
    stopReason.compareAndSet(null, cause.getMessage());
  }

  /** Stops the run for a reason that is no provider error, such as its client being closed. */
  void stop(String reason) {
    stopReason.compareAndSet(null, reason);
  }

  boolean stopping() {
    return stopReason.get() != null;
  }

  /** Why the run stopped, or null. */
  String stopReason() {
    return stopReason.get();
  }

  /** The error that stopped the run, or null. */
  VidgenException stopCause() {
    return stop.get();
  }

  /** What to do when the deadline passes, each dropped once done with (a long run does not keep them all). */
  private final java.util.Set<Runnable> atDeadline = java.util.concurrent.ConcurrentHashMap.newKeySet();

  /**
   * The run's deadline passed: {@code first} runs (closing the creates), then the waits for tasks end,
   * their jobs left for the next run. In that order, so that no place a wait frees takes a new create.
   */
  void timeUp(Runnable first) {
    timeUp.complete(null);
    first.run();
    for (Runnable action : java.util.List.copyOf(atDeadline)) {
      if (atDeadline.remove(action)) {
        action.run();
      }
    }
  }

  /** Whether the run's deadline passed. */
  boolean pastDeadline() {
    return timeUp.isDone();
  }

  /**
   * Runs {@code action} once when the run's deadline passes (at once when it has); the returned
   * {@code Runnable} drops it, for when what it would stop is over.
   */
  Runnable atDeadline(Runnable action) {
    atDeadline.add(action);
    if (timeUp.isDone() && atDeadline.remove(action)) {
      action.run();
    }
    return () -> atDeadline.remove(action);
  }

  /** How long a job waits before its first save tried again, each later wait twice the one before. */
  private final Duration saveRetryDelay;
  /** The jobs whose video could not be saved and waits to be saved again: while any does, no new job is claimed. */
  private final AtomicInteger savesWaiting = new AtomicInteger();

  /** The first wait before a failed save is tried again, by default. */
  static final Duration SAVE_RETRY_DELAY = Duration.ofSeconds(10);
  /** How many times a failed save is tried again in the same run, its waits doubling (10 s to 160 s, about 5 min in all, by default). */
  static final int SAVE_RETRIES = 5;

  /** The wait before the save tried again after {@code failed} failed saves; null when the run tries no more. */
  Duration saveRetryWait(int failed) {
    return failed > SAVE_RETRIES ? null : saveRetryDelay.multipliedBy(1L << (failed - 1));
  }

  /** A job's save failed and waits to be tried again; {@link #saveSettled} once it is saved or left. */
  void saveWaiting() {
    savesWaiting.incrementAndGet();
  }

  /** A job counted by {@link #saveWaiting} is saved, or left for the next run. */
  void saveSettled() {
    savesWaiting.decrementAndGet();
  }

  /** Whether a job's save failed and waits to be tried again: then no new job is claimed. */
  boolean savesFailing() {
    return savesWaiting.get() > 0;
  }

  /** A fresh client reference, such as {@code vgb-3f9a…}: random, so that no two creates share one. */
  String newReference() {
    return "vgb-" + Long.toHexString(random.nextLong() | Long.MIN_VALUE) + Long.toHexString(random.nextLong() | Long.MIN_VALUE);
  }
}
