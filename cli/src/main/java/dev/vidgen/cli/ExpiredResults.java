package dev.vidgen.cli;

import dev.vidgen.core.error.ResultExpiredException;
import dev.vidgen.serve.history.ExpiredLinks;
import dev.vidgen.serve.history.HistoryEntry;
import java.time.Instant;
import java.util.Optional;

/**
 * A completed task whose video link expired before it was saved, as the task history keeps it: still
 * {@code completed} (and priced as such), with a note in its {@code error} field that {@code vidgen
 * history} reads back as {@code result: expired}; the same note the playground writes ({@link ExpiredLinks}).
 */
final class ExpiredResults {
  private ExpiredResults() {}

  /** {@code entry}, a completed task, noting that its video's link expired as {@code expired} says. */
  static HistoryEntry mark(HistoryEntry entry, ResultExpiredException expired) {
    return mark(entry, expired.asset() == null ? null : expired.asset().expiresAt());
  }

  /** {@code entry}, a completed task, noting that its video's link expired at {@code expiresAt} (now when null). */
  static HistoryEntry mark(HistoryEntry entry, Instant expiresAt) {
    return ExpiredLinks.mark(entry, expiresAt);
  }

  /** When the video of {@code entry}'s task expired unsaved, if the history noted it (a completed task without a file). */
  static Optional<Instant> of(HistoryEntry entry) {
    return ExpiredLinks.of(entry);
  }
}
