package dev.vidgen.cli;

import dev.vidgen.serve.history.HistoryEntry;
import dev.vidgen.serve.history.TaskHistory;
import java.util.Optional;

/**
 * The note of a create that was answered after all ({@link HistoryEntry#ANSWERED}), which {@code
 * vidgen history} no longer lists: named on the command line, it is told as what its answer made
 * rather than as a name the history does not know.
 */
final class AnsweredNote {
  private AnsweredNote() {}

  /**
   * The refusal for {@code name} when the history holds it as an answered note: {@code pointless}
   * says why the command has nothing to do with it ("needs no closing").
   */
  static Optional<CliException> refusal(TaskHistory history, String name, String pointless) {
    return history.note(name).filter(note -> note.status().equals(HistoryEntry.ANSWERED)).map(note -> {
      Optional<String> task = note.jobHandle().map(handle -> handle.taskId().value());
      String answer = task.map(id -> "its create was answered with task " + id)
          .orElse("its create was answered and made no task");
      String next = task.map(id -> "the task is in vidgen history; follow it with vidgen status " + id)
          .orElse("nothing was made by it; vidgen history lists the tasks this machine made");
      return CliException.usage(name + " " + pointless + ": " + answer, next);
    });
  }
}
