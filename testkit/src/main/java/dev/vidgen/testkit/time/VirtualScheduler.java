package dev.vidgen.testkit.time;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A scheduler whose tasks wait in a priority queue until {@link VirtualTime} moves past their due
 * time; they then run on the thread that moved it. Safe to schedule into from any thread.
 */
final class VirtualScheduler extends AbstractExecutorService implements ScheduledExecutorService {
  private final VirtualTime time;
  private final Object lock = new Object();
  private final PriorityQueue<VirtualTask<?>> queue = new PriorityQueue<>();
  private final List<Throwable> uncaught = new ArrayList<>();
  private long sequence;
  private int cancelledInQueue;
  private boolean shutdown;

  VirtualScheduler(VirtualTime time) {
    this.time = time;
  }

  long nowNanos() {
    return time.nowNanos();
  }

  @Override
  public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
    Objects.requireNonNull(command, "command == null");
    return enqueue(Executors.callable(command), delay, unit, 0, false);
  }

  @Override
  public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
    Objects.requireNonNull(callable, "callable == null");
    return enqueue(callable, delay, unit, 0, false);
  }

  @Override
  public ScheduledFuture<?> scheduleAtFixedRate(
      Runnable command, long initialDelay, long period, TimeUnit unit) {
    return periodic(command, initialDelay, period, unit);
  }

  /** Same as fixed rate: a task takes no virtual time, so the delay after it equals the rate. */
  @Override
  public ScheduledFuture<?> scheduleWithFixedDelay(
      Runnable command, long initialDelay, long delay, TimeUnit unit) {
    return periodic(command, initialDelay, delay, unit);
  }

  private ScheduledFuture<?> periodic(
      Runnable command, long initialDelay, long period, TimeUnit unit) {
    Objects.requireNonNull(command, "command == null");
    if (period <= 0) {
      throw new IllegalArgumentException("period must be positive, was " + period);
    }
    return enqueue(
        Executors.callable(command), initialDelay, unit, Math.max(1, unit.toNanos(period)), false);
  }

  /** Queues the command to run at the current virtual time, on the next advance. */
  @Override
  public void execute(Runnable command) {
    Objects.requireNonNull(command, "command == null");
    enqueue(Executors.callable(command), 0, TimeUnit.NANOSECONDS, 0, true);
  }

  @Override
  public Future<?> submit(Runnable task) {
    return schedule(task, 0, TimeUnit.NANOSECONDS);
  }

  @Override
  public <T> Future<T> submit(Runnable task, T result) {
    Objects.requireNonNull(task, "task == null");
    return schedule(Executors.callable(task, result), 0, TimeUnit.NANOSECONDS);
  }

  @Override
  public <T> Future<T> submit(Callable<T> task) {
    return schedule(task, 0, TimeUnit.NANOSECONDS);
  }

  private <V> VirtualTask<V> enqueue(
      Callable<V> body, long delay, TimeUnit unit, long periodNanos, boolean unobserved) {
    Objects.requireNonNull(unit, "unit == null");
    long due = VirtualTime.saturatedAdd(nowNanos(), Math.max(0, unit.toNanos(delay)));
    VirtualTask<V> task = new VirtualTask<>(this, body, due, periodNanos, unobserved);
    synchronized (lock) {
      if (shutdown) {
        throw new RejectedExecutionException("the virtual scheduler has been shut down");
      }
      task.queued(sequence++);
      queue.add(task);
    }
    return task;
  }

  void requeue(VirtualTask<?> task) {
    synchronized (lock) {
      if (shutdown) {
        task.cancel(false);
        return;
      }
      task.queued(sequence++);
      queue.add(task);
    }
  }

  void cancelled(VirtualTask<?> task) {
    synchronized (lock) {
      if (task.dequeued()) {
        cancelledInQueue++;
        if (cancelledInQueue > 1024 && cancelledInQueue > queue.size() / 2) {
          queue.removeIf(VirtualTask::isCancelled);
          cancelledInQueue = 0;
        }
      }
    }
  }

  void uncaught(Throwable failure) {
    synchronized (lock) {
      uncaught.add(failure);
    }
  }

  List<Throwable> uncaughtFailures() {
    synchronized (lock) {
      return List.copyOf(uncaught);
    }
  }

  /** Removes and returns the earliest live task due at or before {@code limitNanos}, or null. */
  VirtualTask<?> pollDue(long limitNanos) {
    synchronized (lock) {
      VirtualTask<?> head = firstLive();
      if (head == null || head.dueNanos() > limitNanos) {
        return null;
      }
      queue.poll();
      head.dequeued();
      return head;
    }
  }

  /** Due time of the earliest live task, or {@link Long#MAX_VALUE} when none is waiting. */
  long nextDueNanos() {
    synchronized (lock) {
      VirtualTask<?> head = firstLive();
      return head == null ? Long.MAX_VALUE : head.dueNanos();
    }
  }

  int pending() {
    synchronized (lock) {
      return queue.size() - cancelledInQueue;
    }
  }

  private VirtualTask<?> firstLive() {
    VirtualTask<?> head = queue.peek();
    while (head != null && head.isCancelled()) {
      queue.poll();
      cancelledInQueue--;
      head = queue.peek();
    }
    return head;
  }

  /** Stops new tasks and cancels periodic ones; one-shot tasks still run when time moves. */
  @Override
  public void shutdown() {
    List<VirtualTask<?>> periodic = new ArrayList<>();
    synchronized (lock) {
      shutdown = true;
      for (VirtualTask<?> task : queue) {
        if (task.isPeriodic()) {
          periodic.add(task);
        }
      }
    }
    periodic.forEach(task -> task.cancel(false));
  }

  @Override
  public List<Runnable> shutdownNow() {
    List<Runnable> waiting = new ArrayList<>();
    synchronized (lock) {
      shutdown = true;
      for (VirtualTask<?> task : queue) {
        if (!task.isCancelled()) {
          waiting.add(task);
        }
      }
    }
    waiting.forEach(task -> ((Future<?>) task).cancel(false));
    return waiting;
  }

  @Override
  public boolean isShutdown() {
    synchronized (lock) {
      return shutdown;
    }
  }

  @Override
  public boolean isTerminated() {
    synchronized (lock) {
      return shutdown && queue.size() == cancelledInQueue;
    }
  }

  /** Does not wait: virtual time only moves when the test moves it. */
  @Override
  public boolean awaitTermination(long timeout, TimeUnit unit) {
    return isTerminated();
  }
}
