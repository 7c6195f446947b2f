package dev.vidgen.cli;

import dev.vidgen.serve.history.HistoryEntry;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The first take of a create sent again blind, claimed since with {@code --made-by} as the task it made: its found
 * note keeps the name of the task the take sent again made, whose row then no longer counts that take as a possible
 * extra task, since it has its own priced row now.
 */
final class ClaimedTakes {
  private static final String TAKE_OF = "; it was an earlier take of the create of task ";
  private static final String TAKE_OF_END = " (sent again blind)";
  private static final Pattern TAKE = Pattern.compile(Pattern.quote(TAKE_OF) + "(.+?)" + Pattern.quote(TAKE_OF_END));

  private ClaimedTakes() {}

  /**
   * {@code after}, the note {@code before} turned into by a claim, keeping the task its create's take sent again made
   * ({@link ResentTakes#countedOn}) once it is found; as it is otherwise.
   */
  static HistoryEntry keepingResent(HistoryEntry before, HistoryEntry after) {
    Optional<String> resent = ResentTakes.countedOn(before);
    if (resent.isEmpty() || !after.status().equals(HistoryEntry.FOUND) || resentAs(after).isPresent()) {
      return after;
    }
    return after.withNote((after.error() == null ? "" : after.error()) + TAKE_OF + resent.get() + TAKE_OF_END);
  }

  /** The task whose create's take sent again {@code entry}, a found note, was an earlier take of; else empty. */
  static Optional<String> resentAs(HistoryEntry entry) {
    if (!entry.status().equals(HistoryEntry.FOUND) || entry.error() == null) {
      return Optional.empty();
    }
    Matcher take = TAKE.matcher(entry.error());
    return take.find() ? Optional.of(take.group(1)) : Optional.empty();
  }

  /**
   * How many earlier takes of each task's create are claimed, each with its own row, in {@code entries}: by the id of
   * the task the take sent again made; a task with none is not in the map.
   */
  static Map<String, Integer> claimedByTask(Collection<HistoryEntry> entries) {
    Map<String, Integer> claimed = new HashMap<>();
    for (HistoryEntry entry : entries) {
      resentAs(entry).ifPresent(taskId -> claimed.merge(taskId, Math.max(1, entry.claimed().size()), Integer::sum));
    }
    return claimed;
  }
}
