package dev.vidgen.core.client;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

/** Time moved by hand: timers run only inside {@link #advance}, on the test's thread. */
final class ManualTime implements Scheduling {
  private final PriorityQueue<Timer> timers = new PriorityQueue<>();
  private final List<Duration> delays = new ArrayList<>();
  private Instant now;
  private long sequence;

  ManualTime(Instant start) {
    this.now = start;
  }

  static ManualTime atEpochDay() {
    return new ManualTime(Instant.parse("2026-03-01T12:00:00Z"));
  }

  @Override
  public synchronized Instant now() {
    return now;
  }

  @Override
  public synchronized Cancellable after(Duration delay, Runnable task) {
    delays.add(delay);
    Timer timer = new Timer(now.plus(delay), sequence++, task);
    timers.add(timer);
    return () -> {
      synchronized (this) {
        timers.remove(timer);
      }
    };
  }

  /** Moves time forward by {@code step}, running every timer due on the way, in order. */
  void advance(Duration step) {
    Instant target;
    synchronized (this) {
      target = now.plus(step);
    }
    while (true) {
      Timer next;
      synchronized (this) {
        next = timers.peek();
        if (next == null || next.at().isAfter(target)) {
          now = target;
          return;
        }
        timers.poll();
        now = next.at().isAfter(now) ? next.at() : now; // a timer overdue after a sleep runs late, now
      }
      next.task().run();
    }
  }

  /**
   * Moves the clock forward by {@code step} without running the timers due meanwhile, as a laptop's sleep (or a stopped
   * process) does: they run late, at the next {@link #advance}.
   */
  synchronized void sleep(Duration step) {
    now = now.plus(step);
  }

  synchronized int pendingTimers() {
    return timers.size();
  }

  /** Every delay asked for, in order. */
  synchronized List<Duration> delays() {
    return List.copyOf(delays);
  }

  private record Timer(Instant at, long sequence, Runnable task) implements Comparable<Timer> {
    @Override
    public int compareTo(Timer other) {
      int byTime = at.compareTo(other.at);
      return byTime != 0 ? byTime : Long.compare(sequence, other.sequence);
    }
  }
}
