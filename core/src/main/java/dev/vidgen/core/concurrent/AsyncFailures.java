package dev.vidgen.core.concurrent;

import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** The one place that unwraps the failures futures hand back. */
public final class AsyncFailures {
  /** The methods whose names Java 23 and later give the new exception they throw for a stored cancellation. */
  private static final Set<String> RETHROWING_METHODS = Set.of("get", "join", "getNow");

  private AsyncFailures() {}

  /**
   * The original failure inside any {@link CompletionException} and {@link ExecutionException}
   * wrappers, and inside the new {@link CancellationException} that {@code get}, {@code join} and
   * {@code getNow} throw on Java 23 and later for a future that holds one (such as a {@code
   * WaitStoppedException}); {@code failure} itself when it is not wrapped (null stays null).
   */
  public static Throwable unwrap(Throwable failure) {
    Throwable current = failure;
    while ((current instanceof CompletionException || current instanceof ExecutionException
        || isRethrownCancellation(current)) && current.getCause() != null) {
      current = current.getCause();
    }
    return current;
  }

  /**
   * The cancellation a future holds, for what its {@code get}, {@code join} or {@code getNow} threw:
   * on Java 17 to 22 that is {@code thrown} itself, on Java 23 and later the cause of a new one
   * named after the method.
   */
  public static CancellationException stored(CancellationException thrown) {
    CancellationException current = thrown;
    while (isRethrownCancellation(current)) {
      current = (CancellationException) current.getCause();
    }
    return current;
  }

  /** Whether {@code failure} is what Java 23+ throws in place of a stored cancellation: a plain one named after the method, the stored one as its cause. */
  private static boolean isRethrownCancellation(Throwable failure) {
    return failure != null && failure.getClass() == CancellationException.class
        && failure.getCause() instanceof CancellationException
        && RETHROWING_METHODS.contains(failure.getMessage());
  }
}
