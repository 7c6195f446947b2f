package dev.vidgen.core.concurrent;

import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** The one place that unwraps the failures futures hand back. */
public final class AsyncFailures {
  private AsyncFailures() {}

  /**
   * The original failure inside any {@link CompletionException} and {@link ExecutionException}
   * wrappers; {@code failure} itself when it is not wrapped (null stays null).
   */
  public static Throwable unwrap(Throwable failure) {
    Throwable current = failure;
    while ((current instanceof CompletionException || current instanceof ExecutionException)
        && current.getCause() != null) {
      current = current.getCause();
    }
    return current;
  }
}
