package dev.vidgen.batch;

import java.time.Duration;
import java.util.Optional;

/**
 * Where a batch stands, for a progress bar.
 *
 * @param total the jobs of the batch
 * @param completed jobs whose video is saved
 * @param failed jobs that ended without a video
 * @param unknown jobs whose create may or may not have happened
 * @param inFlight jobs this worker is working on now
 * @param elapsed time since this run started
 * @param eta the expected time left, or null before anything finished in this run
 */
public record BatchProgress(
    int total, int completed, int failed, int unknown, int inFlight, Duration elapsed, Duration eta) {

  /** Jobs in a final state. */
  public int done() {
    return completed + failed + unknown;
  }

  /** The expected time left, when it can be told. */
  public Optional<Duration> remaining() {
    return Optional.ofNullable(eta);
  }

  /**
   * The time left if the rest goes as fast as this run so far: {@code elapsed × left ÷ finished};
   * null when nothing finished yet in this run.
   *
   * @param finishedThisRun jobs that reached a final state during this run
   * @param left jobs not final yet
   */
  public static Duration estimate(Duration elapsed, int finishedThisRun, int left) {
    if (finishedThisRun <= 0) {
      return null;
    }
    if (left <= 0) {
      return Duration.ZERO;
    }
    return Duration.ofMillis(Math.round(elapsed.toMillis() * (double) left / finishedThisRun));
  }
}
