package dev.vidgen.core.client;

import dev.vidgen.core.domain.TaskSnapshot;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * How long a completed task ran by the provider's own times, its creation and its completion, both on the provider's
 * clock (so its offset from this machine's does not count). A server's words are not trusted blindly: a run that is
 * not positive, longer than this machine measured, or shorter than when a read already found the task unfinished
 * (less a second: the times may be whole seconds) is not taken, and the wait keeps its own measure.
 */
final class ReportedRuns {
  /** Times in whole seconds may make a run look up to this much shorter than it was. */
  static final Duration ROUNDING = Duration.ofSeconds(1);

  private ReportedRuns() {}

  /**
   * The run {@code snapshot} reports, when it gives both times and the run is believable: {@code measured} is the
   * time from the task's creation to the read that saw it completed, {@code seenUnfinishedAt} when (since the
   * creation) the last read that found it unfinished went out.
   */
  static Optional<Duration> of(TaskSnapshot snapshot, Duration measured, Duration seenUnfinishedAt) {
    Optional<Instant> created = snapshot.reportedCreatedAt();
    Optional<Instant> completed = snapshot.reportedCompletedAt();
    if (created.isEmpty() || completed.isEmpty()) {
      return Optional.empty();
    }
    Duration ran = Duration.between(created.get(), completed.get());
    boolean believable = ran.compareTo(Duration.ZERO) > 0 && ran.compareTo(measured) <= 0
        && ran.plus(ROUNDING).compareTo(seenUnfinishedAt) >= 0;
    return believable ? Optional.of(ran) : Optional.empty();
  }
}
