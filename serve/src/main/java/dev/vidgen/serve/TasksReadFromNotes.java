package dev.vidgen.serve;

import dev.vidgen.serve.history.HistoryEntry;
import dev.vidgen.serve.history.TaskHistory;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The tasks whose own lines in the history cannot be read, known only from the readable note of the create that made
 * each ({@link TaskHistory#tasksReadFromNotes()}): the page is told so, never the note's stand-in status {@code queued}.
 */
final class TasksReadFromNotes {
  /** The status the page is given for such a task, as {@code vidgen history} lists it: where it stands is not known. */
  static final String STATUS = "unreadable";

  private final Map<HistoryEntry, String> notes;

  private TasksReadFromNotes(Map<HistoryEntry, String> notes) {
    this.notes = notes;
  }

  /** The tasks {@code history} knows only from their notes; none when the history cannot be read. */
  static TasksReadFromNotes in(TaskHistory history) {
    Map<HistoryEntry, String> notes = new HashMap<>();
    try {
      history.tasksReadFromNotes().forEach((note, task) -> notes.put(task, note));
    } catch (RuntimeException unreadable) {
      return new TasksReadFromNotes(Map.of()); // said by the reads that need the file
    }
    return new TasksReadFromNotes(notes);
  }

  /** The tasks, each as its note stands in for it. */
  Set<HistoryEntry> tasks() {
    return notes.keySet();
  }

  /** The name of the note {@code task} is read from, when it is one of these tasks (the stand-in itself). */
  Optional<String> noteOf(HistoryEntry task) {
    return Optional.ofNullable(notes.get(task));
  }

  /** What is known of such a task, in the words the page and the 409 use. */
  static String said(HistoryEntry task, String note) {
    return "task " + task.taskId() + "'s own line in the task history cannot be read; the note of the create that made"
        + " it, " + note + ", names it, so where it stands is not known here";
  }
}
