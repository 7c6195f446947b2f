package dev.vidgen.cli;

import dev.vidgen.core.domain.TaskSnapshot;
import dev.vidgen.core.domain.TaskStatus;
import dev.vidgen.serve.history.CompletedNote;
import dev.vidgen.serve.history.HistoryEntry;
import dev.vidgen.serve.history.TaskHistory;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * The video of a task claimed with {@code --made-by}, as its own run may have saved it at the {@code --out} of the
 * create that got no answer (a history that could not take the task's line, on a full disk): recorded as saved when
 * the file was written after that create went out and no other task names the file since; noted as a file that may
 * be it when another task does.
 */
final class ClaimedVideo {
  /** The note of a completed task whose {@code --out} holds a file that may be its video, vidgen cannot tell. */
  static final CompletedNote MAY_BE = new CompletedNote("a file is at ", " and may be its video: written after its"
      + " create went out, but another task of the history names that file too");

  private ClaimedVideo() {}

  /**
   * {@code made}, the claimed task's entry, with the file at {@code note}'s {@code --out} as its saved video, or
   * {@link #MAY_BE} noted; as it is when the task is not completed ({@code seen}), has a file, or no file of its
   * run is there.
   */
  static HistoryEntry of(TaskHistory history, HistoryEntry note, HistoryEntry made, TaskSnapshot seen, Instant at) {
    if (seen.status() != TaskStatus.COMPLETED || made.file() != null || note.out() == null) {
      return made;
    }
    String out = note.out();
    try {
      Path file = Path.of(out);
      // Written before the create went out: some other video, never this task's.
      if (!Files.isRegularFile(file) || Files.size(file) == 0
          || Files.getLastModifiedTime(file).toInstant().isBefore(note.submittedAt())) {
        return made;
      }
    } catch (IOException | RuntimeException unreadable) {
      return made; // a path this system cannot name or read: not saved, as before
    }
    HistoryEntry done = made.status().equals("completed") ? made : made.foundCompleted(null, at);
    return namedByAnother(history, note, made.taskId(), out) ? MAY_BE.on(done, out) : done.withFile(out);
  }

  /**
   * Whether a task other than {@code taskId} (or a create other than {@code note}) named {@code out} as its video or
   * its {@code --out} since {@code note}'s create went out: it may have written the file there.
   */
  private static boolean namedByAnother(TaskHistory history, HistoryEntry note, String taskId, String out) {
    Instant since = note.submittedAt();
    boolean saved = history.lastSavedTo(out).filter(other -> !other.taskId().equals(taskId)
        && !other.updatedAt().isBefore(since)).isPresent();
    return saved || history.entries().stream().anyMatch(other -> !other.taskId().equals(taskId)
        && !other.taskId().equals(note.taskId()) && !other.updatedAt().isBefore(since)
        && (out.equals(other.file()) || out.equals(other.out())));
  }

  /**
   * The error for a claim the history could not take ({@code failure}, from writing it or locking it): a full disk
   * said as such, with the space to free; never an unexpected error. The claim may be run again: it finishes a half.
   */
  static CliException unrecorded(TaskHistory history, HistoryEntry note, UncheckedIOException failure) {
    String why = failure.getMessage();
    String again = "then run this command again (a claim half recorded is finished, not made twice)";
    if (isDiskFull(failure)) {
      return new CliException(ExitCodes.OTHER, "history", "the claim was not recorded: the disk of the task history "
          + history.file() + " is full (" + why + "); " + note.taskId() + " stays open",
          "free space on the disk of " + history.file().getParent() + ", " + again);
    }
    return new CliException(ExitCodes.OTHER, "history", "the claim was not recorded: " + why + "; " + note.taskId()
        + " stays open", "once the task history can be written, " + again);
  }

  /** Whether {@code failure} is a write to a full disk (or a full quota). */
  static boolean isDiskFull(UncheckedIOException failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      String words = String.valueOf(cause.getMessage()).toLowerCase(Locale.ROOT);
      if (words.contains("no space left on device") || words.contains("disk quota exceeded")
          || words.contains("not enough space on the disk")) {
        return true;
      }
    }
    return false;
  }

  /** What the user is told of {@code recorded}'s video, when the claim found it at its run's {@code --out}. */
  static Optional<String> told(HistoryEntry recorded) {
    if (recorded.file() != null) {
      return Optional.of("its video is saved at " + recorded.file() + " (written there after its create went out,"
          + " by its own run; the task history now says so)");
    }
    return MAY_BE.in(recorded).map(file -> "a file at " + file + " was written after its create went out and may"
        + " be its video, but another task of the history names that file too, so it is not recorded as saved");
  }
}
