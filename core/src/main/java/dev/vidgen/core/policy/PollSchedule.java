package dev.vidgen.core.policy;

import java.time.Duration;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.random.RandomGenerator;

/**
 * Decides, with no sleeping, when to ask for a task's status next: a first poll after about 5 s,
 * then a growing, capped interval, guided by reported progress, always jittered, until a
 * deadline (10 minutes by default). Immutable and thread-safe.
 */
public final class PollSchedule {
  // TODO(policy helper): builder with tunables; progress-guided real implementation and tests.

  private PollSchedule() {}

  /** The schedule vidgen uses unless told otherwise. */
  public static PollSchedule defaults() {
    return new PollSchedule();
  }

  /** How long to wait for a task in all. */
  public Duration deadline() {
    return Duration.ofMinutes(10);
  }

  /**
   * The wait before the next status request, or empty when the deadline is reached.
   *
   * @param pollsSoFar status requests already made for this task (0 before the first)
   * @param elapsed time since the task was created
   * @param progress the last reported percent, if any
   * @param random the source of jitter
   */
  public Optional<Duration> nextDelay(
      int pollsSoFar, Duration elapsed, OptionalInt progress, RandomGenerator random) {
    Duration delay = pollsSoFar == 0 ? Duration.ofSeconds(5) : Duration.ofSeconds(10);
    return elapsed.plus(delay).compareTo(deadline()) > 0 ? Optional.empty() : Optional.of(delay);
  }
}
