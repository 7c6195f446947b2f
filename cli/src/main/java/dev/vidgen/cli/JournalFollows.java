package dev.vidgen.cli;

import dev.vidgen.batch.journal.JobStore;
import dev.vidgen.serve.history.BatchOrigin;
import dev.vidgen.serve.history.HistoryEntry;
import java.util.Collection;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * This batch ({@code origin}) and the tasks its journal follows now: their task ids and the client references their
 * creates carried. A task of the history that this batch made counts as its own only when the journal still follows
 * it; one the journal lost (moved away, emptied, another journal at the same place) is warned of as another's.
 *
 * @param origin the batch's name and journal, as the history marks its tasks
 * @param taskIds the task ids the journal holds
 * @param references the client references the journal holds
 */
record JournalFollows(BatchOrigin origin, Set<String> taskIds, Set<String> references) {
  JournalFollows {
    Objects.requireNonNull(origin, "origin == null");
    taskIds = Set.copyOf(taskIds);
    references = Set.copyOf(references);
  }

  /**
   * The batch {@code origin} whose journal holds {@code entries} (none: a journal that is missing or empty); a job
   * whose create carries no client reference is known by the name of its note ({@link BatchCreateNote}).
   */
  static JournalFollows of(BatchOrigin origin, Collection<JobStore.Entry> entries) {
    return new JournalFollows(origin,
        entries.stream().map(JobStore.Entry::taskId).filter(Objects::nonNull).collect(Collectors.toSet()),
        entries.stream().map(entry -> BatchCreateNote.reference(origin, entry)).collect(Collectors.toSet()));
  }

  /** Whether {@code entry} is a task of this batch that its journal follows, so that running it pays nothing twice. */
  boolean follows(HistoryEntry entry) {
    if (!origin.equals(entry.batch())) {
      return false;
    }
    String named = entry.taskId();
    return taskIds.contains(named) || references.contains(HistoryEntry.referenceOf(named))
        || entry.jobHandle().map(handle -> taskIds.contains(handle.taskId().value())
            || handle.clientReference() != null && references.contains(handle.clientReference())).orElse(false);
  }
}
