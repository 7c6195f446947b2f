package dev.vidgen.core.client;

import java.time.Duration;
import java.util.Objects;

/**
 * How to wait for one task.
 *
 * @param deadline how long to wait in all, counted from the task's submission; null for the
 *     poll schedule's default
 * @param listener told about each status seen
 * @param outageTolerance how long status reads may keep failing for a reason that may pass
 *     (HTTP 429, 500, 503, no answer) before the wait ends: such a failure, after its own retries,
 *     is read again later instead of ending the wait of a task already paid for; zero ends the
 *     wait at the first such failure; null for {@link #DEFAULT_OUTAGE_TOLERANCE}
 */
public record AwaitOptions(Duration deadline, ProgressListener listener, Duration outageTolerance) {
  /** How long a wait rides out failing status reads by default. */
  public static final Duration DEFAULT_OUTAGE_TOLERANCE = Duration.ofMinutes(10);

  /**
   * Options as given; a null {@code listener} becomes {@link ProgressListener#NONE}.
   *
   * @throws IllegalArgumentException if {@code deadline} is zero or negative, or {@code outageTolerance} is
   *     negative
   */
  public AwaitOptions {
    listener = listener == null ? ProgressListener.NONE : listener;
    if (deadline != null && (deadline.isNegative() || deadline.isZero())) {
      throw new IllegalArgumentException("deadline must be positive: " + deadline);
    }
    outageTolerance = outageTolerance == null ? DEFAULT_OUTAGE_TOLERANCE : outageTolerance;
    if (outageTolerance.isNegative()) {
      throw new IllegalArgumentException("outageTolerance must be zero or more: " + outageTolerance);
    }
  }

  /** A wait with the default outage tolerance (the form before it could be set). */
  public AwaitOptions(Duration deadline, ProgressListener listener) {
    this(deadline, listener, null);
  }

  /** The poll schedule's deadline, no listener and the default outage tolerance. */
  public static AwaitOptions defaults() {
    return new AwaitOptions(null, ProgressListener.NONE, null);
  }

  /**
   * These options waiting at most {@code deadline} in all, counted from the task's submission (so not
   * bounding an upload or a create before the task exists: a timeout on the future does);
   * {@code deadline} must be positive and not null.
   */
  public AwaitOptions withDeadline(Duration deadline) {
    return new AwaitOptions(Objects.requireNonNull(deadline, "deadline == null"), listener, outageTolerance);
  }

  /** These options telling {@code listener} about each status seen; null for none. */
  public AwaitOptions withListener(ProgressListener listener) {
    return new AwaitOptions(deadline, listener, outageTolerance);
  }

  /** These options riding out failing status reads for {@code tolerance} (zero: not at all). */
  public AwaitOptions withOutageTolerance(Duration tolerance) {
    return new AwaitOptions(deadline, listener, Objects.requireNonNull(tolerance, "tolerance == null"));
  }
}
