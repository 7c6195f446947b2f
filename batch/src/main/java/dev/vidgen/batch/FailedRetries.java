package dev.vidgen.batch;

import dev.vidgen.batch.journal.JobStore;
import dev.vidgen.batch.journal.JobStore.Entry;
import dev.vidgen.batch.journal.JobStore.State;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * {@code --retry-failed}: the file's failed jobs that never had a task (an upload or a create
 * refused) go back to pending at the start of a run. Nothing was created for them, so sending them
 * again cannot pay twice; a failed job with a task may have been charged and stays failed.
 */
final class FailedRetries {
  private FailedRetries() {}

  /**
   * Whether a run with {@code --retry-failed} sends {@code entry} again: it failed without a task and
   * its line is in the file ({@code job}, null when not) and may be sent (its model takes creates).
   */
  static boolean sentAgain(Entry entry, PlannedJob job) {
    return entry != null && entry.failedWithoutTask() && job != null && !job.followOnly();
  }

  /**
   * Whether a failed job's changed line may take its place under {@code --retry-failed}: it is sent again
   * ({@link #sentAgain}) and nothing of it may exist at the provider, neither a task nor an earlier take of
   * its create that may have made one (sent again after a server error, or after it was unknown).
   */
  static boolean replaceable(Entry entry, PlannedJob job) {
    return sentAgain(entry, job) && entry.handle() == null && entry.possibleTasks() <= 1;
  }

  /**
   * Makes each {@link #replaceable} job whose line changed a job never sent (pending, no try, no reference),
   * so that {@link JobStore#followFile} gives it the line as it is now, as it does to any job never sent.
   */
  static void clearChanged(JobStore store, List<Entry> entries, Map<String, PlannedJob> byKey, Instant now) {
    for (Entry entry : entries) {
      PlannedJob job = byKey.get(entry.key());
      if (!replaceable(entry, job) || job.fingerprint().equals(entry.fingerprint())) {
        continue;
      }
      Transitions.require(entry, State.PENDING);
      // Its refused take made nothing, and the content it was sent with is gone: nothing of it is kept.
      // Another worker that moved it first (a shared journal) makes this update miss; followFile then decides.
      store.update(entry.toBuilder().state(State.PENDING).attempts(0).clientReference(null).possibleTasks(1)
          .reason(null, null).claim(null, null).updatedAt(now).build());
    }
  }

  /** Moves the jobs {@link #sentAgain} names back to pending; returns how many moved. */
  static int moveBack(JobStore store, List<Entry> entries, Map<String, PlannedJob> byKey, Instant now) {
    int moved = 0;
    for (Entry entry : entries) {
      if (!sentAgain(entry, byKey.get(entry.key()))) {
        continue;
      }
      Transitions.require(entry, State.PENDING);
      // Its tries and possible tasks are kept: the earlier takes of a job sent again after it was unknown
      // stay told by every later run, and count among its handle's extra tasks once the new create has a task.
      // Another worker that moved it first (a shared journal) makes this update miss, which is as good.
      // Let go of its hold too: the worker that failed it may still run, and a worker's claims skip the jobs it
      // holds, so the job would wait under that worker's renewed lease, sent by nobody, until that worker ends.
      if (store.update(entry.toBuilder().state(State.PENDING).reason(null, null).claim(null, null).updatedAt(now)
          .build()).isPresent()) {
        moved++;
      }
    }
    return moved;
  }
}
