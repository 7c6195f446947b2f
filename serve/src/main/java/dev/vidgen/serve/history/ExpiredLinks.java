package dev.vidgen.serve.history;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * A completed task whose video link expired before its video was saved, as the task history keeps it,
 * whichever command found it so (the playground, generate, wait, download or batch): still
 * {@code completed} (and priced as such), without a file, with a note in its {@code error} field.
 */
public final class ExpiredLinks {
  /** What a person can do about such a task: no download can save it any more. */
  public static final String NEXT = "generate the job again";

  private static final CompletedNote NOTE =
      new CompletedNote("result expired at ", ": its video can no longer be saved; " + NEXT);

  private ExpiredLinks() {}

  /** {@code entry}, a completed task, noting that its video's link expired at {@code expiresAt} (now when null). */
  public static HistoryEntry mark(HistoryEntry entry, Instant expiresAt) {
    Instant at = expiresAt == null ? Instant.now() : expiresAt;
    return NOTE.on(entry, at.truncatedTo(ChronoUnit.SECONDS).toString());
  }

  /** When the video of {@code entry}'s task expired unsaved, if the history noted it (a completed task without a file). */
  public static Optional<Instant> of(HistoryEntry entry) {
    return NOTE.instantIn(entry);
  }
}
