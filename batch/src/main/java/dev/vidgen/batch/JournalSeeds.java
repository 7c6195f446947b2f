package dev.vidgen.batch;

import dev.vidgen.batch.journal.JobStore.Entry;
import dev.vidgen.batch.journal.JobStore.State;
import dev.vidgen.core.client.JobHandle;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Teaches the client how long the batch's finished jobs took, so that a resumed batch polls tasks
 * without progress where they are likely to finish from its first job. The journal keeps no
 * finish time: a completed entry's duration runs from its handle's submission to its last write,
 * which comes after the download, so it is a little long. Jobs finished during the run teach the
 * client themselves.
 */
final class JournalSeeds {
  private JournalSeeds() {}

  static void seed(JobBackend backend, List<Entry> entries) {
    entries.stream()
        .filter(entry -> entry.state() == State.COMPLETED && entry.handle() != null && entry.updatedAt() != null)
        .sorted(Comparator.comparing(Entry::updatedAt))
        .forEach(entry -> took(entry).ifPresent(duration -> backend.learned(entry.model(), duration)));
  }

  private static Optional<Duration> took(Entry entry) {
    try {
      JobHandle handle = JobHandle.decode(entry.handle());
      Duration took = Duration.between(handle.submittedAt(), entry.updatedAt());
      return took.isNegative() || took.isZero() ? Optional.empty() : Optional.of(took);
    } catch (IllegalArgumentException unreadable) {
      return Optional.empty();
    }
  }
}
