package dev.vidgen.serve.history;

import java.util.Objects;
import java.util.Optional;

/**
 * A note the history keeps in the {@code error} field of a completed task without a file, saying what
 * became of its video ("result expired at …", "result link unusable: …"): {@code mark}, then what
 * this task's note says, then {@code rest}.
 *
 * @param mark how the note begins
 * @param rest how it ends
 */
public record CompletedNote(String mark, String rest) {
  /** A note that begins with {@code mark} and ends with {@code rest}. */
  public CompletedNote {
    Objects.requireNonNull(mark, "mark == null");
    Objects.requireNonNull(rest, "rest == null");
  }

  /** {@code entry}, a completed task, with this note saying {@code said} between its mark and its rest. */
  public HistoryEntry on(HistoryEntry entry, String said) {
    return entry.withNote(mark + Objects.requireNonNull(said, "said == null") + rest);
  }

  /** What this note of {@code entry} says between its mark and its rest, if it has one (a completed task without a file). */
  public Optional<String> in(HistoryEntry entry) {
    String note = entry.error();
    if (!entry.status().equals("completed") || entry.file() != null || note == null || !note.startsWith(mark)
        || !note.endsWith(rest) || note.length() < mark.length() + rest.length()) {
      return Optional.empty();
    }
    return Optional.of(note.substring(mark.length(), note.length() - rest.length()));
  }

  /** {@link #in}, read as an instant ("2026-12-03T12:00:00Z"); empty when it is none. */
  public Optional<java.time.Instant> instantIn(HistoryEntry entry) {
    return in(entry).flatMap(said -> {
      try {
        return Optional.of(java.time.Instant.parse(said));
      } catch (java.time.format.DateTimeParseException notAnInstant) {
        return Optional.empty();
      }
    });
  }
}
