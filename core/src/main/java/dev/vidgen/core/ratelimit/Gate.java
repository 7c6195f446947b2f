package dev.vidgen.core.ratelimit;

import dev.vidgen.core.policy.RateLimit;
import dev.vidgen.core.policy.SlidingWindows;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One set of rate windows shared by every caller: callers wait in line, and each is let go when
 * every window has room and no 429 pause holds, on one timer at a time (no blocked thread). A
 * caller that gave up while it waited (its future already done) is passed over and takes no room.
 */
final class Gate {
  private final ScheduledExecutorService scheduler;
  private final Clock clock;
  private final AtomicLong throttles = new AtomicLong();
  private final SlidingWindows windows;
  private final ArrayDeque<CompletableFuture<Void>> waiting = new ArrayDeque<>();
  /** When the pending timer fires; null when none is pending. */
  private Instant wakeAt;

  Gate(RateLimit limit, ScheduledExecutorService scheduler, Clock clock) {
    this.scheduler = scheduler;
    this.clock = clock;
    this.windows = new SlidingWindows(limit);
  }

  /** Completes when the caller may send; at once when every window has room and no one waits. */
  CompletableFuture<Void> acquire() {
    CompletableFuture<Void> ready = new CompletableFuture<>();
    synchronized (this) {
      waiting.addLast(ready);
    }
    letGo();
    return ready;
  }

  /**
   * About how long {@code ready} (as {@link #acquire} gave it) still waits: until the windows have room
   * for it after every caller ahead of it went as soon as it could. Zero once it is no longer waiting.
   */
  synchronized Duration waitLeft(CompletableFuture<Void> ready) {
    int ahead = 0;
    for (CompletableFuture<Void> caller : waiting) {
      if (caller == ready) {
        Instant now = clock.instant();
        Duration left = Duration.between(now, windows.allowedAfter(now, ahead));
        return left.isNegative() ? Duration.ZERO : left;
      }
      if (!caller.isDone()) {
        ahead++;
      }
    }
    return Duration.ZERO;
  }

  /** Lets go as many callers, in order, as the windows have room for now; the rest wait for a timer. */
  private void letGo() {
    List<CompletableFuture<Void>> go = new ArrayList<>();
    synchronized (this) {
      Instant now = clock.instant();
      while (!waiting.isEmpty()) {
        if (waiting.peekFirst().isDone()) {
          waiting.removeFirst();
          continue;
        }
        Instant allowed = windows.nextAllowed(now);
        if (allowed.isAfter(now)) {
          wakeAt(allowed, now);
          break;
        }
        windows.sent(now);
        go.add(waiting.removeFirst());
      }
    }
    go.forEach(caller -> caller.complete(null));
  }

  /** Holds this gate's lock. A pending timer is never later than needed: the windows only ever move later. */
  private void wakeAt(Instant at, Instant now) {
    if (wakeAt != null) {
      return;
    }
    scheduler.schedule(() -> {
      synchronized (this) {
        wakeAt = null;
      }
      letGo();
    }, Duration.between(now, at).toNanos(), TimeUnit.NANOSECONDS);
    wakeAt = at;
  }

  synchronized void throttled(Duration retryAfter) {
    throttles.incrementAndGet();
    windows.throttled(clock.instant(), retryAfter);
  }

  synchronized Duration pauseLeft() {
    return windows.pauseLeft(clock.instant());
  }

  long throttles() {
    return throttles.get();
  }
}
