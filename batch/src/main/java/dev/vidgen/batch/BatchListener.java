package dev.vidgen.batch;

import dev.vidgen.batch.journal.JobStore.Entry;
import java.time.Duration;

/**
 * Told about a batch as it runs, for progress bars and logs. Called on the journal's thread (and
 * {@link #onProgress} also on the runner's scheduler, about every second): return quickly. Every
 * method has an empty default. What one throws, an {@link Error} of its own included, is logged and
 * changes nothing: the journal's write it tells of is durable, and the run goes on.
 */
public interface BatchListener {
  /** Ignores everything. */
  BatchListener NONE = new BatchListener() {};

  /** A job's new state is durable in the journal. */
  default void onWritten(Entry entry) {}

  /**
   * A job found {@code submitting} (its create, in an earlier run, got no answer) is being looked up
   * by its client reference before anything is sent: this can take as long as the client's look-up
   * does, its not-found grace and its reads ({@code VidgenClient.lookUpAtMost()}, about 102 s by default).
   */
  default void onLookingUp(Entry entry) {}

  /**
   * A job found {@code submitting} whose create, sent by an earlier run (this worker's or one whose lease
   * ended), got no answer: {@code entry} is the job as the journal holds it before this run writes to it,
   * so its {@code keyTag} and {@code updatedAt} tell the key that create went out with and about when.
   */
  default void onUnansweredFound(Entry entry) {}

  /** The counts changed. */
  default void onProgress(BatchProgress progress) {}

  /**
   * This worker has nothing left to do but {@code jobs} jobs that other workers hold ({@code
   * workers}): it waits for them to finish them, and takes over those whose holds end first (the
   * holds run until {@code until}, null when unknown, and are renewed while their workers run).
   * Told again when the count or the workers change.
   */
  default void onWaiting(int jobs, java.util.List<String> workers, java.time.Instant until) {}

  /**
   * A create was answered with task {@code taskId}, but the journal could not record it ({@code
   * cause}, such as a database out of reach): the task exists and may be paid for, and this is the
   * only place its id is told until the job is adopted. {@code entry} is the job as the journal last had it.
   */
  default void onTaskNotJournaled(Entry entry, String taskId, Throwable cause) {}

  /**
   * A create was never sent (held back before it went out, or refused without making a task), but
   * the journal could not take its job back to pending ({@code cause}): {@code entry}, the job as the
   * journal still has it, reads as being sent, so this is the only place that says no task of it exists.
   */
  default void onNotSentNotJournaled(Entry entry, Throwable cause) {}

  /**
   * The video of completed task {@code taskId} could not be saved ({@code why}, such as a folder that refuses files):
   * nothing is sent again for it. The run tries the save again in {@code retryIn}; null when it tries no more
   * (tries spent, its link about to expire, the run's time up), and the next run saves it. {@code tries}: saves
   * failed so far; {@code entry}: the job as the journal has it.
   */
  default void onSaveFailed(Entry entry, String taskId, String why, int tries, Duration retryIn) {}
}
