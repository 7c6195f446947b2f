package dev.vidgen.serve.history;

import java.util.Objects;
import java.util.Optional;

/**
 * A completed task whose saved video another task's was later saved over ({@code --force}), as the task history keeps
 * it: no file, since that file holds the other video now, and a note in its {@code error} field naming the file and
 * the task whose video replaced it, so that it is not told as never saved.
 */
public final class ReplacedVideos {
  private static final String BY = ", since replaced there by the video of task ";
  private static final CompletedNote NOTE = new CompletedNote("video saved to ", "");

  private ReplacedVideos() {}

  /** What the history knows of a replaced video: the file it was saved to, and the task whose video is there now. */
  public record Replaced(String file, String byTask) {}

  /** {@code entry}, a completed task, noting that its video at {@code file} was replaced by task {@code byTask}'s. */
  public static HistoryEntry mark(HistoryEntry entry, String file, String byTask) {
    return NOTE.on(entry.withFile(null), Objects.requireNonNull(file, "file == null") + BY
        + Objects.requireNonNull(byTask, "byTask == null"));
  }

  /** The file {@code entry}'s video was saved to and the task whose video replaced it, if the history noted that. */
  public static Optional<Replaced> of(HistoryEntry entry) {
    return NOTE.in(entry).flatMap(said -> {
      int at = said.lastIndexOf(BY);
      return at <= 0 ? Optional.empty()
          : Optional.of(new Replaced(said.substring(0, at), said.substring(at + BY.length())));
    });
  }
}
