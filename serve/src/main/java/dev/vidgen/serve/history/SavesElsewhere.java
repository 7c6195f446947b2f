package dev.vidgen.serve.history;

import java.io.File;
import java.util.Objects;
import java.util.Optional;

/**
 * A completed task whose video the file system refused in a way the same save at the same place meets again (a video
 * larger than the whole file system, a file-size limit), as the task history keeps it: still completed and not saved,
 * with a note in its {@code error} field that says where it can be saved, so that later advice does not send it back.
 */
public final class SavesElsewhere {
  /** What stands in a printed command for the folder, on another file system, that a person picks. */
  public static final String OTHER_FOLDER = "OTHER_FOLDER";

  private static final CompletedNote NOTE =
      new CompletedNote("not saved: saving it to the same place fails the same way; save it ", "");
  /** How the place a file-size limit allows begins, as core says it. */
  private static final String LIMIT = "where the file-size limit allows it";

  private SavesElsewhere() {}

  /** {@code entry}, a completed task without a file, noting where its video can be saved ({@code whereToSave}). */
  public static HistoryEntry mark(HistoryEntry entry, String whereToSave) {
    return NOTE.on(entry, Objects.requireNonNull(whereToSave, "whereToSave == null"));
  }

  /** Where the video of {@code entry}'s task can be saved, if the history noted that the same place fails again. */
  public static Optional<String> of(HistoryEntry entry) {
    return NOTE.in(entry).filter(where -> !where.isBlank());
  }

  /**
   * The {@code --out} of a command that saves the video on another file system: {@link #OTHER_FOLDER}, then the file
   * name of {@code out} when it names a file (one that ends with a separator names a folder).
   */
  public static String otherOut(String out) {
    if (out == null) {
      return OTHER_FOLDER + "/";
    }
    int cut = Math.max(out.lastIndexOf('/'), out.lastIndexOf(File.separatorChar));
    return OTHER_FOLDER + "/" + out.substring(cut + 1);
  }

  /**
   * What to do with such a task, said after "the task is done, but": save its video {@code whereToSave} with {@code
   * otherCommand} (its {@code --out} in {@link #OTHER_FOLDER}); under a file-size limit, {@code sameCommand} from a
   * shell whose limit allows it too.
   */
  public static String advice(String whereToSave, String sameCommand, String otherCommand) {
    String start = "saving its video to the same place fails the same way; save it ";
    if (whereToSave.startsWith(LIMIT)) {
      return start + whereToSave + ": from such a shell with " + sameCommand + ", or on another file system with "
          + otherCommand;
    }
    return start + whereToSave + ": " + otherCommand;
  }
}
