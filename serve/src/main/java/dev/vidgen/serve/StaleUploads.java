package dev.vidgen.serve;

import dev.vidgen.serve.history.HistoryEntry;
import dev.vidgen.serve.history.TaskHistory;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Clears the playground's {@code uploads/} when it starts: an upload neither stored again nor sent with a Generate
 * for {@link #KEEP_FOR} goes, unless a task still in flight names it (one still running, or a submit whose
 * uploads or create may still be on their way). A history that cannot be read keeps every upload.
 */
final class StaleUploads {
  /** How long an upload is kept after it was last stored or sent. */
  static final Duration KEEP_FOR = Duration.ofDays(7);

  private static final Logger LOG = LoggerFactory.getLogger(StaleUploads.class);

  private StaleUploads() {}

  /** Removes the uploads unused for {@link #KEEP_FOR} before {@code now} that no task in flight needs; their ids. */
  static List<String> sweep(Uploads uploads, TaskHistory history, Instant now) {
    Set<String> needed = new HashSet<>();
    try {
      for (HistoryEntry entry : history.entries()) {
        if (!entry.isFinished() || entry.isReservation() || entry.mayStillBeOnItsWay(now)) {
          entry.images().forEach(image -> uploads.idOfPath(image).ifPresent(needed::add));
        }
      }
    } catch (RuntimeException unreadable) {
      LOG.debug("the history cannot be read, so every upload is kept: {}", unreadable.getMessage());
      return List.of();
    }
    List<String> removed = uploads.removeUnused(now.minus(KEEP_FOR), needed);
    if (!removed.isEmpty()) {
      LOG.debug("removed {} uploads unused for {} days", removed.size(), KEEP_FOR.toDays());
    }
    return removed;
  }
}
