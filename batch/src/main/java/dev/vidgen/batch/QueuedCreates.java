package dev.vidgen.batch;

import dev.vidgen.batch.journal.JobStore;
import dev.vidgen.batch.journal.JobStore.Entry;
import dev.vidgen.batch.journal.JobStore.State;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Jobs whose first create was still waiting its turn under the rate limit when their run ended: nothing of
 * them was ever sent, so a later run treats them as never sent when their line changed or is gone.
 */
final class QueuedCreates {
  private QueuedCreates() {}

  /**
   * Whether {@code entry} is {@code submitting} with its first take still waiting its turn: no take
   * left, no task, and no earlier take that may have made one.
   */
  static boolean neverSent(Entry entry) {
    return entry.createWaiting() && entry.attempts() == 0 && entry.handle() == null && entry.possibleTasks() <= 1;
  }

  /**
   * Makes each {@link #neverSent} job that the file lacks or changed a job never sent (pending, no
   * reference), so that {@link JobStore#followFile} drops it or gives it the line as it is now. A job
   * another worker still holds is left to it (the checks before refuse such a run).
   */
  static void clearChanged(JobStore store, List<Entry> entries, Map<String, PlannedJob> byKey, String worker,
      Instant now) {
    for (Entry entry : entries) {
      PlannedJob job = byKey.get(entry.key());
      if (!neverSent(entry) || job != null && job.fingerprint().equals(entry.fingerprint())
          || heldByOther(entry, worker, now)) {
        continue;
      }
      Transitions.require(entry, State.PENDING);
      // Another worker that moved it first (a shared journal) makes this update miss; followFile then decides.
      store.update(entry.toBuilder().state(State.PENDING).attempts(0).clientReference(null).reason(null, null)
          .claim(null, null).updatedAt(now).build());
    }
  }

  private static boolean heldByOther(Entry entry, String worker, Instant now) {
    return entry.worker() != null && !entry.worker().equals(worker) && entry.leaseUntil() != null
        && !entry.leaseUntil().isBefore(now);
  }
}
