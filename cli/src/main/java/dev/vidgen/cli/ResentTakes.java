package dev.vidgen.cli;

import dev.vidgen.serve.history.CountedOn;
import dev.vidgen.serve.history.HistoryEntry;
import java.util.Optional;

/**
 * The history's note of a create's first takes, answered with a server error before the take sent again made a task:
 * the note names that task, whose row already counts those takes ("+1 earlier take may be a paid task"), so that the
 * history prices each take once. The words are the note's, read by {@link CountedOn} as the playground reads them.
 */
final class ResentTakes {
  /** How the note names the task its take sent again made: these words, the task id, then {@link #MADE_TASK_END}. */
  static final String MADE_TASK = CountedOn.MADE_TASK;
  static final String MADE_TASK_END = CountedOn.MADE_TASK_END;

  private ResentTakes() {}

  /** The task whose row counts the takes of {@code entry}, an {@code unknown} note of such a create; empty for any other entry. */
  static Optional<String> countedOn(HistoryEntry entry) {
    return CountedOn.resent(entry);
  }
}
