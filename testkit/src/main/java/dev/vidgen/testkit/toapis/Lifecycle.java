package dev.vidgen.testkit.toapis;

import java.time.Duration;
import java.util.Objects;

/**
 * How a fake task moves from {@code queued} through {@code in_progress} to its end: counted in
 * status polls (deterministic, no clock needed) or in time on the server's clock (real or
 * virtual).
 */
public sealed interface Lifecycle permits Lifecycle.ByPolls, Lifecycle.ByTime {

  /** Queued for {@code queuedPolls} polls, running for {@code runningPolls} more, then done. */
  static Lifecycle byPolls(int queuedPolls, int runningPolls) {
    return new ByPolls(queuedPolls, runningPolls);
  }

  /** Queued for {@code queued}, running for {@code running} more, then done. */
  static Lifecycle byTime(Duration queued, Duration running) {
    return new ByTime(queued, running);
  }

  /** Counted in polls: poll n (from 1) sees the state after n steps. */
  record ByPolls(int queuedPolls, int runningPolls) implements Lifecycle {
    public ByPolls {
      if (queuedPolls < 0 || runningPolls < 0) {
        throw new IllegalArgumentException("poll counts must not be negative");
      }
    }
  }

  /** Counted in time since the create. */
  record ByTime(Duration queued, Duration running) implements Lifecycle {
    public ByTime {
      Objects.requireNonNull(queued, "queued == null");
      Objects.requireNonNull(running, "running == null");
      if (queued.isNegative() || running.isNegative()) {
        throw new IllegalArgumentException("durations must not be negative");
      }
    }
  }
}
