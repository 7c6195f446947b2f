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

  /** {@code snapshot} was read {@code elapsed} after the task was created. */
  void onProgress(TaskSnapshot snapshot, Duration elapsed);
}
