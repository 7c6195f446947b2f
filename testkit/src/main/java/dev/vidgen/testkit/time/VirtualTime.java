package dev.vidgen.testkit.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Virtual time for tests: a {@link Clock} and a {@link ScheduledExecutorService} that only move
 * when the test calls {@link #advance(Duration)} or {@link #runUntilIdle()}. Due tasks then run in
 * time order on the calling thread, so a ten-minute poll loop finishes in milliseconds.
 *
 * <p>Tasks may be scheduled from any thread; only one thread moves time at a time, and a task
 * must not move time itself.
 */
public final class VirtualTime {
  /** Where {@link #create()} starts: 2025-01-01T00:00:00Z. */
  public static final Instant DEFAULT_START = Instant.parse("2025-01-01T00:00:00Z");

  /** How far {@link #runUntilIdle()} moves time at most before it gives up. */
  public static final Duration RUN_UNTIL_IDLE_LIMIT = Duration.ofDays(1);

  private final Instant origin;
  private final Clock clock;
  private final VirtualScheduler scheduler;
  private final ReentrantLock driver = new ReentrantLock();
  private volatile long nanos;
  private volatile long tasksRun;

  private VirtualTime(Instant origin) {
    this.origin = origin;
    this.clock = new VirtualClock(this, ZoneOffset.UTC);
    this.scheduler = new VirtualScheduler(this);
  }

  /** Virtual time starting at {@link #DEFAULT_START}. */
  public static VirtualTime create() {
    return startingAt(DEFAULT_START);
  }

  /** Virtual time starting at {@code start}. */
  public static VirtualTime startingAt(Instant start) {
    return new VirtualTime(Objects.requireNonNull(start, "start == null"));
  }

  /** A UTC clock reading this virtual time; {@code withZone} views share it. */
  public Clock clock() {
    return clock;
  }

  /** The scheduler driven by this virtual time; {@code execute} and {@code submit} queue for now. */
  public ScheduledExecutorService scheduler() {
    return scheduler;
  }

  /** The current virtual instant. */
  public Instant now() {
    return origin.plusNanos(nanos);
  }

  /** How far virtual time has moved since the start. */
  public Duration elapsed() {
    return Duration.ofNanos(nanos);
  }

  /**
   * Moves time forward by {@code amount}, running every task due on the way in time order
   * (tasks they schedule within the window run too). Returns the number of tasks run.
   */
  public int advance(Duration amount) {
    long step = nonNegativeNanos(amount, "amount");
    return drive(saturatedAdd(nanos, step), false);
  }

  /** Moves time forward to {@code instant} (which must not be in the virtual past). */
  public int advanceTo(Instant instant) {
    Objects.requireNonNull(instant, "instant == null");
    if (instant.isBefore(now())) {
      throw new IllegalArgumentException(
          "cannot move virtual time back from " + now() + " to " + instant);
    }
    return advance(Duration.between(now(), instant));
  }

  /** Runs the tasks due now (including those they queue for now) without moving time. */
  public int runDueTasks() {
    return advance(Duration.ZERO);
  }

  /**
   * Moves time from task to task until no task is waiting or {@code max} has passed, and
   * returns how far time moved. When idle, the clock stays at the last task's time.
   */
  public Duration advanceUntilIdle(Duration max) {
    long limit = saturatedAdd(nanos, nonNegativeNanos(max, "max"));
    long before = nanos;
    drive(limit, true);
    return Duration.ofNanos(nanos - before);
  }

  /**
   * Moves time until no task is waiting, at most {@link #RUN_UNTIL_IDLE_LIMIT}.
   *
   * @throws IllegalStateException if tasks are still waiting then (say, a periodic task)
   */
  public Duration runUntilIdle() {
    Duration moved = advanceUntilIdle(RUN_UNTIL_IDLE_LIMIT);
    int pending = pendingTasks();
    if (pending > 0) {
      throw new IllegalStateException(
          "still "
              + pending
              + (pending == 1 ? " task" : " tasks")
              + " waiting after moving virtual time "
              + RUN_UNTIL_IDLE_LIMIT
              + " (a periodic or never-ending task?); use advance(Duration) instead");
    }
    return moved;
  }

  /** The number of tasks waiting to run (cancelled ones not counted). */
  public int pendingTasks() {
    return scheduler.pending();
  }

  /** When the next waiting task is due, if any. */
  public Optional<Instant> nextTaskTime() {
    long next = scheduler.nextDueNanos();
    return next == Long.MAX_VALUE ? Optional.empty() : Optional.of(origin.plusNanos(next));
  }

  /** The number of task runs so far (a periodic task counts once per run). */
  public long tasksRun() {
    return tasksRun;
  }

  /** Failures thrown by tasks given to {@code execute}, which nobody else could observe. */
  public List<Throwable> uncaughtFailures() {
    return scheduler.uncaughtFailures();
  }

  @Override
  public String toString() {
    return "VirtualTime[now=" + now() + ", pending=" + pendingTasks() + "]";
  }

  long nowNanos() {
    return nanos;
  }

  private int drive(long limit, boolean stopWhenIdle) {
    if (driver.isHeldByCurrentThread()) {
      throw new IllegalStateException("a scheduled task must not move virtual time");
    }
    driver.lock();
    try {
      int ran = 0;
      VirtualTask<?> task;
      while ((task = scheduler.pollDue(limit)) != null) {
        nanos = Math.max(nanos, task.dueNanos());
        task.run();
        ran++;
        tasksRun++;
      }
      if (!stopWhenIdle || scheduler.pending() > 0) {
        nanos = Math.max(nanos, limit);
      }
      return ran;
    } finally {
      driver.unlock();
    }
  }

  private static long nonNegativeNanos(Duration amount, String name) {
    Objects.requireNonNull(amount, name + " == null");
    if (amount.isNegative()) {
      throw new IllegalArgumentException(name + " must not be negative, was " + amount);
    }
    try {
      return amount.toNanos();
    } catch (ArithmeticException tooLong) {
      return Long.MAX_VALUE;
    }
  }

  static long saturatedAdd(long a, long b) {
    long sum = a + b;
    return ((a ^ sum) & (b ^ sum)) < 0 ? Long.MAX_VALUE : sum;
  }
}
