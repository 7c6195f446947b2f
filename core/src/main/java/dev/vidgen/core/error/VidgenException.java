package dev.vidgen.core.error;

import dev.vidgen.core.concurrent.AsyncFailures;
import dev.vidgen.core.domain.TaskId;
import java.util.Optional;

/**
 * The root of every exception vidgen throws; unchecked. Each subclass has an anchor in
 * {@code docs/errors.md} that says when it happens and what to do.
 */
public abstract class VidgenException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** An error with {@code message} and {@code cause}, which may be null. */
  protected VidgenException(String message, Throwable cause) {
    super(message, cause);
  }

  /** An error with {@code message} and no cause. */
  protected VidgenException(String message) {
    super(message);
  }

  /**
   * The failure a future held, out of the {@code CompletionException} and {@code ExecutionException} that
   * {@code join()} and {@code get()} wrap it in, and out of the {@code CancellationException} that Java 23 and later
   * throw around a held cancellation; {@code failure} itself when it is not wrapped (null stays null).
   */
  public static Throwable unwrap(Throwable failure) {
    return AsyncFailures.unwrap(failure);
  }

  /** The anchor of this error in {@code docs/errors.md}, such as {@code rate-limited}. */
  public abstract String docsAnchor();

  /**
   * The task this failure is about, once the provider made one: keep it to read, wait on or download
   * that task later, as it may be paid for. Empty when the failure came before any task existed (or
   * when, as for {@link AmbiguousSubmitException}, whether one exists is unknown). Kept through Java
   * serialization.
   */
  public Optional<TaskId> relatedTaskId() {
    return Optional.empty();
  }

  /** Where this error is explained: {@code docs/errors.md#anchor}. */
  public String docsLink() {
    return "docs/errors.md#" + docsAnchor();
  }
}
