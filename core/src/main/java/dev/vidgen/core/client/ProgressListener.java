package dev.vidgen.core.client;

import dev.vidgen.core.domain.TaskSnapshot;
import java.time.Duration;

/**
 * Told about each status a wait sees; called on one of the client's threads, so it must return quickly.
 * What it throws, an {@link Error} of its own included, is logged and does not stop the wait.
 */
@FunctionalInterface
public interface ProgressListener {
  /** Ignores everything. */
  ProgressListener NONE = (snapshot, elapsed) -> {};

  /**
   * {@code snapshot} was read {@code elapsed} after the task was created; for the completed snapshot, {@code elapsed}
   * is how long the task ran, by the provider's own times when its answer gave them.
   */
  void onProgress(TaskSnapshot snapshot, Duration elapsed);

  /**
   * Told instead of {@link #onProgress} for a completed {@code snapshot} when status reads of its wait (this one or
   * earlier ones) went out {@code pause} later than planned in all, this process not having run meanwhile (a laptop's
   * sleep, a stopped process): the task may have ended during the pause, and a late read looks the same as a clock set
   * forward, so how long it ran is not known. By default passed to {@link #onProgress} with {@code elapsed}.
   */
  default void onCompletedAfterPause(TaskSnapshot snapshot, Duration elapsed, Duration pause) {
    onProgress(snapshot, elapsed);
  }
}
