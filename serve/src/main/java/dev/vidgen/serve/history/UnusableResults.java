package dev.vidgen.serve.history;

import java.util.Objects;
import java.util.Optional;

/**
 * A completed task whose video link cannot be used (not an absolute http(s) URL, so never fetched), as
 * the task history keeps it: still {@code completed} (and priced as such), without a file, with a
 * note in its {@code error} field that says why and what to do.
 */
public final class UnusableResults {
  /** What a person can do about such a task: waiting or downloading again reads the same link. */
  public static final String NEXT = "see the task in the provider's dashboard, or generate the job again";

  private static final CompletedNote NOTE = new CompletedNote("result link unusable: ", "; " + NEXT);

  private UnusableResults() {}

  /** {@code entry}, a completed task, noting that its video link cannot be used, for {@code reason}. */
  public static HistoryEntry mark(HistoryEntry entry, String reason) {
    Objects.requireNonNull(reason, "reason == null");
    return NOTE.on(entry, reason);
  }

  /** Why the video link of {@code entry}'s task cannot be used, if the history noted it (a completed task without a file). */
  public static Optional<String> of(HistoryEntry entry) {
    return NOTE.in(entry);
  }
}
