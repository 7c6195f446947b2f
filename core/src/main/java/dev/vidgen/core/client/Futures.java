package dev.vidgen.core.client;

import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Helpers for the client's futures: unwrapping failures and the blocking forms. */
final class Futures {
  private Futures() {}

  /** The original failure inside {@link CompletionException}/{@link ExecutionException} wrappers. */
  static Throwable unwrap(Throwable failure) {
    Throwable current = failure;
    while ((current instanceof CompletionException || current instanceof ExecutionException)
        && current.getCause() != null) {
      current = current.getCause();
    }
    return current;
  }

  /** Runs {@code call}, turning a synchronous throw (an {@link Error} included) into a failed future. */
  static <T> CompletableFuture<T> attempt(java.util.function.Supplier<CompletableFuture<T>> call) {
    try {
      CompletableFuture<T> future = call.get();
      return future == null ? CompletableFuture.failedFuture(new IllegalStateException("provider returned no future")) : future;
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

  /** Completes {@code target} like {@code source}, with failures unwrapped. */
  static <T> void relay(CompletableFuture<T> source, CompletableFuture<T> target) {
    source.whenComplete((value, failure) -> {
      if (failure == null) {
        target.complete(value);
      } else {
        target.completeExceptionally(unwrap(failure));
      }
    });
  }

  /**
   * Waits for {@code future} and returns its value, throwing the original unchecked exception
   * (such as a {@link dev.vidgen.core.error.VidgenException}) rather than a wrapper. On interrupt,
   * {@code future} is cancelled when {@code cancelOnInterrupt}, the interrupt flag is kept and a
   * {@link CancellationException} is thrown.
   */
  static <T> T await(CompletableFuture<T> future, boolean cancelOnInterrupt) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      if (cancelOnInterrupt) {
        future.cancel(false);
      }
      Thread.currentThread().interrupt();
      CancellationException cancelled = new CancellationException("interrupted while waiting");
      cancelled.initCause(e);
      throw cancelled;
    } catch (ExecutionException e) {
      Throwable cause = unwrap(e);
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
