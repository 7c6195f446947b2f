package dev.vidgen.core.ratelimit;

import dev.vidgen.core.policy.RateLimit;
import dev.vidgen.core.policy.TokenBucket;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/** One token bucket shared by every caller, turning its decisions into scheduled waits. */
final class Gate {
  private final ScheduledExecutorService scheduler;
  private final Clock clock;
  private final AtomicLong throttles = new AtomicLong();
  private TokenBucket bucket;

  Gate(RateLimit limit, ScheduledExecutorService scheduler, Clock clock) {
    this.scheduler = scheduler;
    this.clock = clock;
    this.bucket = TokenBucket.full(limit, clock.instant());
  }

  /** Completes when the caller may send; at once when a token is there. */
  CompletableFuture<Void> acquire() {
    Duration delay;
    synchronized (this) {
      TokenBucket.Reservation reservation = bucket.reserve(clock.instant());
      bucket = reservation.next();
      delay = reservation.delay();
    }
    if (delay.isZero()) {
      return CompletableFuture.completedFuture(null);
    }
    CompletableFuture<Void> ready = new CompletableFuture<>();
    scheduler.schedule(() -> afterWait(ready), delay.toNanos(), TimeUnit.NANOSECONDS);
    return ready;
  }

  /** A 429 came while the caller waited: queue again behind the pause. */
  private void afterWait(CompletableFuture<Void> ready) {
    if (pauseLeft().isZero()) {
      ready.complete(null);
    } else {
      acquire().whenComplete((done, failure) -> ready.complete(null));
    }
  }

  synchronized void succeeded() {
    bucket = bucket.succeeded();
  }

  synchronized void throttled(Duration retryAfter) {
    throttles.incrementAndGet();
    bucket = bucket.throttled(clock.instant(), retryAfter);
  }

  synchronized Duration pauseLeft() {
    return bucket.pauseLeft(clock.instant());
  }

  long throttles() {
    return throttles.get();
  }
}
