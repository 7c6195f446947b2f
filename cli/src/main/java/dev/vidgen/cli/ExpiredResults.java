package dev.vidgen.cli;

import dev.vidgen.core.error.ResultExpiredException;
import dev.vidgen.serve.history.HistoryEntry;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * A completed task whose video link expired before it was saved, as the task history keeps it: still
 * {@code completed} (and priced as such), with a note in its {@code error} field that {@code vidgen
 * history} reads back as {@code result: expired}.
 */
final class ExpiredResults {
  private static final dev.vidgen.serve.history.CompletedNote NOTE =
      new dev.vidgen.serve.history.CompletedNote("result expired at ", ": its video can no longer be saved; generate the job again");

  private ExpiredResults() {}

  /** {@code entry}, a completed task, noting that its video's link expired as {@code expired} says. */
  static HistoryEntry mark(HistoryEntry entry, ResultExpiredException expired) {
    return mark(entry, expired.asset() == null ? null : expired.asset().expiresAt());
  }

  /** {@code entry}, a completed task, noting that its video's link expired at {@code expiresAt} (now when null). */
  static HistoryEntry mark(HistoryEntry entry, Instant expiresAt) {
    Instant at = expiresAt == null ? Instant.now() : expiresAt;
    return NOTE.on(entry, at.truncatedTo(ChronoUnit.SECONDS).toString());
  }

  /** When the video of {@code entry}'s task expired unsaved, if the history noted it (a completed task without a file). */
  static Optional<Instant> of(HistoryEntry entry) {
    return NOTE.instantIn(entry);
  }
}
