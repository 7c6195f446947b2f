package dev.vidgen.serve.history;

import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The history entries whose price another entry counts, as {@code vidgen history --json} and the playground's JSON both
 * show them: a create found later as its task, and the first take of a create sent again whose later take made a task.
 * Their {@code credits} and {@code usd} are null and {@code counted_on} names that task: a sum counts each take once.
 */
public final class CountedOn {
  /** How the note of a create sent again names the task its take sent again made: these words, the task id, the end. */
  public static final String MADE_TASK = "the take sent again made task ";
  /** What follows the task id in {@link #MADE_TASK}'s sentence. */
  public static final String MADE_TASK_END = "; check the provider's dashboard";
  private static final Pattern MADE =
      Pattern.compile(Pattern.quote(MADE_TASK) + "(.+?)" + Pattern.quote(MADE_TASK_END));

  private CountedOn() {}

  /**
   * The task (or tasks, comma-separated) whose own entry counts {@code entry}'s price: its claimed tasks for a found
   * create, the task its take sent again made for such a note; empty for an entry priced on its own.
   */
  public static Optional<String> of(HistoryEntry entry) {
    if (entry.status().equals(HistoryEntry.FOUND)) {
      return Optional.of(String.join(", ", entry.claimed()));
    }
    return resent(entry);
  }

  /** The task that the take sent again of {@code entry}'s create made, for its {@code unknown} note; else empty. */
  public static Optional<String> resent(HistoryEntry entry) {
    if (!entry.status().equals(HistoryEntry.UNKNOWN) || entry.error() == null) {
      return Optional.empty();
    }
    Matcher made = MADE.matcher(entry.error());
    return made.find() ? Optional.of(made.group(1)) : Optional.empty();
  }

  /**
   * When another entry counts {@code entry}'s price: nulls {@code credits} and {@code usd} in {@code json}, the entry's
   * JSON, and names that task in {@code counted_on}.
   */
  public static void mark(Map<String, Object> json, HistoryEntry entry) {
    of(entry).ifPresent(task -> {
      json.put("credits", null);
      json.put("usd", null);
      json.put("counted_on", task);
    });
  }
}
