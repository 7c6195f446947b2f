package dev.vidgen.serve.history;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The tasks of one read of a history as {@link TaskHistory#entries()} lists them (the answered notes left out, newest
 * submission first), and the same by task id: worked out once per read, on first use, so that a listing that looks
 * up a task for each of its rows neither sorts nor searches the whole history each time.
 */
final class SortedEntries {
  private final Map<String, HistoryEntry> latest;
  private List<HistoryEntry> entries;
  private Map<String, List<HistoryEntry>> byTaskId;

  SortedEntries(Map<String, HistoryEntry> latest) {
    this.latest = latest;
  }

  /** Every task but the answered notes, newest submission first. */
  synchronized List<HistoryEntry> entries() {
    if (entries == null) {
      entries = latest.values().stream()
          .filter(entry -> !entry.status().equals(HistoryEntry.ANSWERED))
          .sorted(Comparator.comparing(HistoryEntry::submittedAt).reversed())
          .toList();
    }
    return entries;
  }

  /** The entries of {@link #entries()} whose task id is {@code taskId}, in the same order; empty for none. */
  synchronized List<HistoryEntry> withTaskId(String taskId) {
    if (byTaskId == null) {
      Map<String, List<HistoryEntry>> index = new HashMap<>();
      for (HistoryEntry entry : entries()) {
        index.computeIfAbsent(entry.taskId(), id -> new ArrayList<>(1)).add(entry);
      }
      byTaskId = index;
    }
    return byTaskId.getOrDefault(taskId, List.of());
  }
}
