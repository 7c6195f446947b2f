package dev.vidgen.cli;

import dev.vidgen.serve.history.HistoryEntry;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The history's note of a create's first takes, answered with a server error before the take sent again made a task:
 * the note names that task, whose row already counts those takes ("+1 earlier take may be a paid task"), so that the
 * history prices each take once. The words are the note's (the playground reads them the same way).
 */
final class ResentTakes {
  /** How the note names the task its take sent again made: these words, the task id, then {@link #MADE_TASK_END}. */
  static final String MADE_TASK = "the take sent again made task ";
  static final String MADE_TASK_END = "; check the provider's dashboard";
  private static final Pattern MADE = Pattern.compile(Pattern.quote(MADE_TASK) + "(.+?)" + Pattern.quote(MADE_TASK_END));

  private ResentTakes() {}

  /** The task whose row counts the takes of {@code entry}, an {@code unknown} note of such a create; empty for any other entry. */
  static Optional<String> countedOn(HistoryEntry entry) {
    if (!entry.status().equals(HistoryEntry.UNKNOWN) || entry.error() == null) {
      return Optional.empty();
    }
    Matcher made = MADE.matcher(entry.error());
    return made.find() ? Optional.of(made.group(1)) : Optional.empty();
  }
}
