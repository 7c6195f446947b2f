package dev.vidgen.serve.history;

import dev.vidgen.core.client.JobHandle;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The tasks a history knows only from the note of the create that made them ({@link HistoryEntry#ANSWERED} or
 * {@link HistoryEntry#FOUND}, which carry the task's handle and the job's settings) because no line of the task's
 * own can be read (changed by hand, torn and then appended to): each stands in as its entry began, {@code queued},
 * so that the same-job check still holds the job back. A damaged line costs only itself, not a second payment.
 */
final class TasksNamedByNotes {
  private TasksNamedByNotes() {}

  /**
   * The entries among {@code latest} (each task's latest state) that count as jobs, as {@link TaskHistory#entries()}
   * lists them, with a stand-in for each task that only a note names; newest submission first.
   */
  static List<HistoryEntry> withStandIns(Collection<HistoryEntry> latest) {
    List<HistoryEntry> entries = new ArrayList<>();
    for (HistoryEntry entry : latest) {
      if (!entry.status().equals(HistoryEntry.ANSWERED)) {
        entries.add(entry);
      }
    }
    for (HistoryEntry note : latest) {
      standIn(note, latest).filter(task -> !known(task, entries)).ifPresent(entries::add);
    }
    entries.sort(Comparator.comparing(HistoryEntry::submittedAt).reversed());
    return entries;
  }

  /**
   * The stand-ins alone, each under the name of the note it is read from: the tasks of {@code latest} that only a note
   * names; newest submission first.
   */
  static Map<String, HistoryEntry> standIns(Collection<HistoryEntry> latest) {
    Map<String, HistoryEntry> standIns = new LinkedHashMap<>();
    latest.stream().sorted(Comparator.comparing(HistoryEntry::submittedAt).reversed())
        .forEach(note -> standIn(note, latest).filter(task -> !known(task, standIns.values()))
            .ifPresent(task -> standIns.put(note.taskId(), task)));
    return standIns;
  }

  /** The entry {@code note}'s task would have begun with, when the note names a task that {@code latest} lacks. */
  private static Optional<HistoryEntry> standIn(HistoryEntry note, Collection<HistoryEntry> latest) {
    boolean namesItsTask = note.taskId().startsWith(HistoryEntry.UNANSWERED_PREFIX)
        && (note.status().equals(HistoryEntry.ANSWERED) || note.status().equals(HistoryEntry.FOUND));
    if (!namesItsTask) {
      return Optional.empty();
    }
    Optional<JobHandle> task = note.jobHandle().filter(handle -> handle.providerId().equals(note.provider()));
    return task.map(handle -> note.madeAs(handle, "queued", note.updatedAt()))
        .filter(made -> !known(made, latest));
  }

  /** Whether {@code among} holds a line of {@code task}'s own: the same provider, server and task id. */
  private static boolean known(HistoryEntry task, Collection<HistoryEntry> among) {
    return among.stream().anyMatch(entry -> entry.provider().equals(task.provider())
        && entry.taskId().equals(task.taskId()) && BaseUrls.sameServer(task.provider(), entry.baseUrl(), task.baseUrl()));
  }
}
