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
 * @param withTask jobs the journal has as {@code submitted}: their task exists (those of {@code saving} among them);
 *     of a journal shared by several workers, only those no other worker holds
 * @param submitting jobs the journal has as {@code submitting}: a create went out (or was going out)
 *     and its outcome is not known yet, or is being looked up by its client reference; only those no other
 *     worker holds
 * @param saving jobs of {@code withTask} whose task is done and whose video is being saved: nothing of
 *     theirs goes on at the provider
 * @param notSaved jobs of {@code saving} whose save failed (their videos wait to be saved again)
 * @param notSavedWhy why the latest of those saves failed; null when none did
 * @param heldElsewhere jobs not done that other workers on a shared journal hold, as this worker last read the
 *     journal: none of the counts above holds them
 */
public record BatchProgress(int total, int completed, int failed, int unknown, int inFlight, Duration elapsed,
    Duration eta, int withTask, int submitting, int saving, int notSaved, String notSavedWhy, int heldElsewhere) {

  /** Counts of a journal no other worker holds jobs of. */
  public BatchProgress(int total, int completed, int failed, int unknown, int inFlight, Duration elapsed, Duration eta,
      int withTask, int submitting, int saving, int notSaved, String notSavedWhy) {
    this(total, completed, failed, unknown, inFlight, elapsed, eta, withTask, submitting, saving, notSaved, notSavedWhy,
        0);
  }

  /** Counts without the jobs whose save failed told apart from those being saved. */
  public BatchProgress(int total, int completed, int failed, int unknown, int inFlight, Duration elapsed, Duration eta,
      int withTask, int submitting, int saving) {
    this(total, completed, failed, unknown, inFlight, elapsed, eta, withTask, submitting, saving, 0, null);
  }

  /** Counts without the journal's view of the jobs not done, as a bar needs. */
  public BatchProgress(int total, int completed, int failed, int unknown, int inFlight, Duration elapsed, Duration eta) {
    this(total, completed, failed, unknown, inFlight, elapsed, eta, 0, 0, 0);
  }

  /** Counts without the jobs whose video is being saved told apart from those whose task still runs. */
  public BatchProgress(int total, int completed, int failed, int unknown, int inFlight, Duration elapsed, Duration eta,
      int withTask, int submitting) {
    this(total, completed, failed, unknown, inFlight, elapsed, eta, withTask, submitting, 0);
  }

  /**
   * Jobs neither done nor sent, by the journal ({@code pending}, such as one waiting out a 429): no task exists.
   * Those other workers hold are not among them.
   */
  public int notSent() {
    return Math.max(0, total - done() - withTask - submitting - heldElsewhere);
  }

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
