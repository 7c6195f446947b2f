package dev.vidgen.core.client;

import java.time.Duration;
import java.util.Objects;

/**
 * How to wait for one task.
 *
 * @param deadline how long to wait in all, counted from the task's submission; null for the
 *     poll schedule's default
 * @param listener told about each status seen
 */
public record AwaitOptions(Duration deadline, ProgressListener listener) {
  public AwaitOptions {
    listener = listener == null ? ProgressListener.NONE : listener;
    if (deadline != null && (deadline.isNegative() || deadline.isZero())) {
      throw new IllegalArgumentException("deadline must be positive: " + deadline);
    }
  }

  /** The poll schedule's deadline and no listener. */
  public static AwaitOptions defaults() {
    return new AwaitOptions(null, ProgressListener.NONE);
  }

  public AwaitOptions withDeadline(Duration deadline) {
    return new AwaitOptions(Objects.requireNonNull(deadline, "deadline == null"), listener);
  }

  public AwaitOptions withListener(ProgressListener listener) {
    return new AwaitOptions(deadline, listener);
  }
}
