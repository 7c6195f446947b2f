package dev.vidgen.core.client;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/** {@link Scheduling} on a {@link Clock} and a {@link ScheduledExecutorService} (real or virtual). */
final class ExecutorScheduling implements Scheduling {
  private final Clock clock;
  private final ScheduledExecutorService scheduler;

  ExecutorScheduling(Clock clock, ScheduledExecutorService scheduler) {
    this.clock = clock;
    this.scheduler = scheduler;
  }

  @Override
  public Instant now() {
    return clock.instant();
  }

  @Override
  public Cancellable after(Duration delay, Runnable task) {
    long nanos = delay.isNegative() ? 0 : saturatedNanos(delay);
    ScheduledFuture<?> future = scheduler.schedule(task, nanos, TimeUnit.NANOSECONDS);
    return () -> future.cancel(false);
  }

  private static long saturatedNanos(Duration delay) {
    try {
      return delay.toNanos();
    } catch (ArithmeticException e) {
      return Long.MAX_VALUE;
    }
  }
}
