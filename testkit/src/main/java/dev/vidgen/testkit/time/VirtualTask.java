package dev.vidgen.testkit.time;

import java.util.concurrent.Callable;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Delayed;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RunnableScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/** One task waiting in a {@link VirtualScheduler}, ordered by due time and then by arrival. */
final class VirtualTask<V> implements RunnableScheduledFuture<V> {
  private final VirtualScheduler scheduler;
  private final Callable<V> body;
  private final long periodNanos;
  private final boolean unobserved;
  private final CompletableFuture<V> result = new CompletableFuture<>();
  private long dueNanos;
  private long sequence;
  private boolean queued;

  VirtualTask(
      VirtualScheduler scheduler,
      Callable<V> body,
      long dueNanos,
      long periodNanos,
      boolean unobserved) {
    this.scheduler = scheduler;
    this.body = body;
    this.dueNanos = dueNanos;
    this.periodNanos = periodNanos;
    this.unobserved = unobserved;
  }

  long dueNanos() {
    return dueNanos;
  }

  /** Called by the scheduler under its lock. */
  void queued(long sequence) {
    this.sequence = sequence;
    this.queued = true;
  }

  /** Called by the scheduler under its lock; returns whether the task was in the queue. */
  boolean dequeued() {
    boolean was = queued;
    queued = false;
    return was;
  }

  @Override
  public boolean isPeriodic() {
    return periodNanos > 0;
  }

  @Override
  public void run() {
    if (result.isDone()) {
      return;
    }
    try {
      V value = body.call();
      if (isPeriodic()) {
        dueNanos = VirtualTime.saturatedAdd(dueNanos, periodNanos);
        scheduler.requeue(this);
      } else {
        result.complete(value);
      }
    } catch (Throwable failure) {
      result.completeExceptionally(failure);
      if (unobserved) {
        scheduler.uncaught(failure);
      }
    }
  }

  @Override
  public long getDelay(TimeUnit unit) {
    return unit.convert(dueNanos - scheduler.nowNanos(), TimeUnit.NANOSECONDS);
  }

  @Override
  public int compareTo(Delayed other) {
    if (other instanceof VirtualTask<?> task) {
      int byTime = Long.compare(dueNanos, task.dueNanos);
      return byTime != 0 ? byTime : Long.compare(sequence, task.sequence);
    }
    return Long.compare(getDelay(TimeUnit.NANOSECONDS), other.getDelay(TimeUnit.NANOSECONDS));
  }

  @Override
  public boolean cancel(boolean mayInterruptIfRunning) {
    boolean cancelled = result.cancel(false);
    if (cancelled) {
      scheduler.cancelled(this);
    }
    return cancelled;
  }

  @Override
  public boolean isCancelled() {
    return result.isCancelled();
  }

  @Override
  public boolean isDone() {
    return result.isDone();
  }

  /** Blocks until the task has run; with virtual time another thread must advance the clock. */
  @Override
  public V get() throws InterruptedException, ExecutionException {
    return result.get();
  }

  @Override
  public V get(long timeout, TimeUnit unit)
      throws InterruptedException, ExecutionException, TimeoutException {
    return result.get(timeout, unit);
  }
}
