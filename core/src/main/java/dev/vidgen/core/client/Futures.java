package dev.vidgen.core.client;

import dev.vidgen.core.concurrent.AsyncFailures;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Helpers for the client's futures: turning a throw into a failed future, and the blocking form. */
final class Futures {
  private Futures() {}

  /** A provider's call answered null where its future belongs: its fault, told as such by the caller. */
  static final class NoFuture extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    NoFuture() {
      super("no future (null where its future belongs)");
    }
  }

  /**
   * Runs {@code call}, turning a synchronous throw (an {@link Error} included) into a failed future, and
   * an answer of null into one failed with a {@link NoFuture}.
   */
  static <T> CompletableFuture<T> attempt(java.util.function.Supplier<CompletableFuture<T>> call) {
    try {
      CompletableFuture<T> future = call.get();
      return future == null ? CompletableFuture.failedFuture(new NoFuture()) : future;
    } catch (Throwable e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /**
   * Runs {@code step}; whatever it throws (an {@link Error} included) completes {@code result}
   * instead of vanishing in a callback, so that no caller waits forever.
   */
  static void guard(CompletableFuture<?> result, Runnable step) {
    try {
      step.run();
    } catch (Throwable e) {
      result.completeExceptionally(e);
    }
  }

  /**
   * Waits for {@code future} and returns its value, throwing the original unchecked exception
   * (such as a {@link dev.vidgen.core.error.VidgenException}) rather than a wrapper. On interrupt,
   * {@code future} is cancelled when {@code cancelOnInterrupt}, the interrupt flag is kept and a
   * {@link CancellationException} is thrown. A future that holds a cancellation (such as a {@link
   * WaitStoppedException}) throws that one, on every Java (23 and later would wrap it in a new one).
   */
  static <T> T await(CompletableFuture<T> future, boolean cancelOnInterrupt) {
    return await(future, cancelOnInterrupt, () -> new CancellationException("interrupted while waiting"));
  }

  /**
   * {@link #await(CompletableFuture, boolean)} throwing what {@code interrupted} makes on interrupt (after the
   * cancel), so that the caller learns what stopped; when it makes null, {@code future} has ended by then and its
   * own outcome is returned or thrown. The interrupt flag is kept either way.
   */
  static <T> T await(CompletableFuture<T> future, boolean cancelOnInterrupt,
      java.util.function.Supplier<? extends CancellationException> interrupted) {
    try {
      return future.get();
    } catch (CancellationException e) {
      throw AsyncFailures.stored(e);
    } catch (InterruptedException e) {
      if (cancelOnInterrupt) {
        future.cancel(false);
      }
      CancellationException cancelled = interrupted.get();
      if (cancelled == null && future.isDone()) {
        try {
          return await(future, false); // done: returns or throws at once, the flag still clear
        } finally {
          Thread.currentThread().interrupt();
        }
      }
      Thread.currentThread().interrupt();
      if (cancelled == null) {
        cancelled = new CancellationException("interrupted while waiting");
      }
      if (cancelled.getCause() == null) {
        cancelled.initCause(e);
      }
      throw cancelled;
    } catch (ExecutionException e) {
      Throwable cause = AsyncFailures.unwrap(e);
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new CompletionException(cause);
    }
  }
}
