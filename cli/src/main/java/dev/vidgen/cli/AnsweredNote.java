package dev.vidgen.cli;

import dev.vidgen.serve.history.HistoryEntry;
import dev.vidgen.serve.history.RunMarker;
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
   * The note {@code given} names: the name itself, or the bare client reference ({@code vg-…}) a
   * create's notice showed, which stands for {@code unanswered-vg-…} or, for a create that did not
   * carry it, {@code unanswered-noref-vg-…}; answered notes included. Empty when the history has none.
   */
  static Optional<String> nameOf(TaskHistory history, String given) {
    if (given.startsWith(HistoryEntry.UNANSWERED_PREFIX)) {
      return history.note(given).map(HistoryEntry::taskId);
    }
    return history.note(HistoryEntry.unansweredName(given, true))
        .or(() -> history.note(HistoryEntry.unansweredName(given, false)))
        .map(HistoryEntry::taskId);
  }

  /** The task the note named {@code name} was answered with, when its create's answer made one. */
  static Optional<String> answeredWith(TaskHistory history, String name) {
    return history.note(name).filter(note -> note.status().equals(HistoryEntry.ANSWERED))
        .flatMap(HistoryEntry::jobHandle).map(handle -> handle.taskId().value());
  }

  /**
   * The refusal for {@code name} when the history holds it as an answered note: {@code pointless}
   * says why the command has nothing to do with it ("needs no closing").
   */
  static Optional<CliException> refusal(TaskHistory history, String name, String pointless) {
    return history.note(name).filter(note -> note.status().equals(HistoryEntry.ANSWERED)).map(note -> {
      Optional<String> task = note.jobHandle().map(handle -> handle.taskId().value());
      boolean nothingSent = note.error() != null && note.error().contains(RunMarker.NOTHING_SENT);
      String answer = task.map(id -> "its create was answered with task " + id)
          .orElse(nothingSent ? "its run " + RunMarker.NOTHING_SENT : "its create was answered and made no task");
      String next = task.map(id -> "the task is in vidgen history; follow it with vidgen status " + id)
          .orElse("nothing was made by it; vidgen history lists the tasks this machine made");
      return CliException.usage(name + " " + pointless + ": " + answer, next);
    });
  }
}
