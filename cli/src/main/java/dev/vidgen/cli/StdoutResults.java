package dev.vidgen.cli;

import dev.vidgen.serve.history.HistoryEntry;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * A completed task whose video went whole to standard output ({@code --out -}), as the task history
 * keeps it: no file, and a note in its {@code error} field, so that it reads as written rather than
 * as a video still to save. A stdout that took nothing is not noted so: that video stays not saved.
 */
final class StdoutResults {
  private static final dev.vidgen.serve.history.CompletedNote NOTE =
      new dev.vidgen.serve.history.CompletedNote("video written to standard output at ", " (kept in no file by vidgen)");

  private StdoutResults() {}

  /** {@code entry}, a completed task, noting that its video went whole to standard output at {@code at}. */
  static HistoryEntry mark(HistoryEntry entry, Instant at) {
    return NOTE.on(entry, at.truncatedTo(ChronoUnit.SECONDS).toString());
  }

  /** When the video of {@code entry}'s task went to standard output, if the history noted it. */
  static Optional<Instant> of(HistoryEntry entry) {
    return NOTE.instantIn(entry);
  }
}
