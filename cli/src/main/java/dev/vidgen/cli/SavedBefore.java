package dev.vidgen.cli;

import dev.vidgen.serve.history.HistoryEntry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * A file at {@code --out} that is this very task's video, saved there by an earlier run of vidgen:
 * the history's latest line naming the file is the task, completed (also when the task was saved elsewhere
 * since), and the file has not been written since (its modification time is not after that entry's). The task is
 * known by its id and its server (the base URL the history recorded it on): two servers that hand out the same
 * id (test servers, a staging proxy) made two tasks, whose videos are not each other's. A {@code wait} or {@code download}
 * run again (a retried CI step) then has nothing to do, instead of refusing the file as possibly
 * another task's paid video.
 */
record SavedBefore(Path file, Instant savedAt) {
  /** A file system's modification times may be rounded to the second (or two, on FAT). */
  private static final Duration CLOCK_GRAIN = Duration.ofSeconds(2);

  /**
   * How much later than the history's entry a file's time may be and the file still be the one saved then: none
   * where the file system keeps times finer than a second (the file is written before its entry), so that a file
   * written over a moment after its save is not taken for the video; {@link #CLOCK_GRAIN} where it keeps whole
   * seconds only (a time of no fraction).
   */
  static Duration grain(Instant written) {
    return written.getNano() != 0 ? Duration.ZERO : CLOCK_GRAIN;
  }

  /** {@link #of(CliContext, String, String, Path)} for task {@code taskId} on the server this command asks. */
  static Optional<SavedBefore> of(Session session, String taskId, Path file) {
    return of(session.context(), HistoryRecord.baseUrl(session), taskId, file);
  }

  /**
   * The file {@code file} when it holds the video of task {@code taskId} made on {@code baseUrl} (as the history
   * records it; null for the provider's own address), saved there before.
   */
  static Optional<SavedBefore> of(CliContext context, String baseUrl, String taskId, Path file) {
    if (taskId == null || file == null) {
      return Optional.empty();
    }
    Path absolute = file.toAbsolutePath().normalize();
    try {
      if (!Files.isRegularFile(absolute, LinkOption.NOFOLLOW_LINKS) || Files.size(absolute) == 0) {
        return Optional.empty();
      }
      Instant written = Files.getLastModifiedTime(absolute, LinkOption.NOFOLLOW_LINKS).toInstant();
      Optional<dev.vidgen.serve.history.TaskHistory> history = HistoryRecord.history(context);
      // Looked up by the task's id: a listing asks this for each of its rows.
      java.util.List<HistoryEntry> entries = history.map(kept -> kept.entriesOf(taskId)).orElse(java.util.List.of());
      // The last line naming the file: this task's save there stands even once the task was saved elsewhere too.
      Optional<HistoryEntry> latest = history.flatMap(kept -> kept.lastSavedTo(absolute.toString()));
      // The newest task of that id on this server: an earlier task whose id the provider gave out again saved another video.
      Optional<Instant> newestTake = entries.stream().filter(entry -> isTask(entry, baseUrl, taskId))
          .map(HistoryEntry::submittedAt).findFirst();
      return latest
          .filter(entry -> isTask(entry, baseUrl, taskId) && entry.status().equals("completed"))
          .filter(entry -> newestTake.map(entry.submittedAt()::equals).orElse(false))
          .filter(entry -> !written.isAfter(entry.updatedAt().plus(grain(written))))
          .map(entry -> new SavedBefore(absolute, entry.updatedAt()));
    } catch (IOException | RuntimeException unreadable) {
      return Optional.empty(); // not known to be this task's: treated as any other file there
    }
  }

  /** Whether {@code entry} is task {@code taskId} made on {@code baseUrl} (an entry without one: the provider's own). */
  private static boolean isTask(HistoryEntry entry, String baseUrl, String taskId) {
    return entry.taskId().equals(taskId)
        && dev.vidgen.serve.history.BaseUrls.sameServer(entry.provider(), entry.baseUrl(), baseUrl);
  }
}
