package dev.vidgen.core.client;

import dev.vidgen.core.port.VidgenThreads;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * Hands the caller a future that completes on one of the client's own threads when the provider answered at once,
 * on the caller's thread (as the mock does): the caller's stages then run where they run with a provider that
 * answers over the network, and a blocking call made in one is refused there as it is with that provider.
 */
final class HandBack {
  /**
   * How long after the answer the copy completes: the caller's stages are attached by then, as they are before an
   * answer over the network comes, so that they run on the client's thread and not at once on the caller's.
   */
  static final Duration DELAY = Duration.ofMillis(10);

  /** The client's own threads; null when the app gave it its scheduler (virtual time), whose work waits for time to move. */
  private final ScheduledExecutorService own;
  /** The copies handed to {@link #own} and not run yet, which a close that stops its threads runs at once. */
  private final Set<Runnable> pending = ConcurrentHashMap.newKeySet();

  HandBack(ScheduledExecutorService own) {
    this.own = own;
  }

  /** {@code answer}, or, when it is already done and the caller's thread is not vidgen's, a copy completed on {@link #own}. */
  <T> CompletableFuture<T> of(CompletableFuture<T> answer) {
    if (own == null || !answer.isDone() || VidgenThreads.current().isPresent()) {
      return answer;
    }
    CompletableFuture<T> handed = new CompletableFuture<>();
    Runnable copy = () -> answer.whenComplete((value, failure) -> {
      if (failure == null) {
        handed.complete(value);
      } else {
        handed.completeExceptionally(failure);
      }
    });
    pending.add(copy);
    try {
      own.schedule(() -> {
        if (pending.remove(copy)) {
          copy.run();
        }
      }, DELAY.toNanos(), TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException closing) {
      runPending(); // the client is closing and its threads are gone: the answer is told here
    }
    return handed;
  }

  /** Runs the copies still waiting for a thread, on the calling one (a close that stopped the threads). */
  void runPending() {
    for (Runnable copy : pending) {
      if (pending.remove(copy)) {
        copy.run();
      }
    }
  }
}
