package dev.vidgen.cli;

import dev.vidgen.core.concurrent.AsyncFailures;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/** Waiting for a client's future on a command's thread, its failure thrown as itself rather than wrapped. */
final class Joins {
  private Joins() {}

  /** The future's value; its failure (a runtime exception or an error) is thrown unwrapped. */
  static <T> T join(CompletableFuture<T> future) {
    try {
      return future.join();
    } catch (CompletionException | CancellationException e) {
      Throwable cause = AsyncFailures.unwrap(e);
      if (cause instanceof RuntimeException runtime) {
        throw runtime;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw e;
    }
  }
}
