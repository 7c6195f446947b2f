package dev.vidgen.serve.history;

import dev.vidgen.core.client.JobHandle;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

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
    Set<TaskKey> listed = new HashSet<>();
    for (HistoryEntry entry : latest) {
      if (!entry.status().equals(HistoryEntry.ANSWERED)) {
        entries.add(entry);
        listed.add(TaskKey.of(entry));
      }
    }
    Set<TaskKey> lines = keys(latest);
    for (HistoryEntry note : latest) {
      standIn(note, lines).filter(task -> listed.add(TaskKey.of(task))).ifPresent(entries::add);
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
    Set<TaskKey> lines = keys(latest);
    Set<TaskKey> named = new HashSet<>();
    latest.stream().sorted(Comparator.comparing(HistoryEntry::submittedAt).reversed())
        .forEach(note -> standIn(note, lines).filter(task -> named.add(TaskKey.of(task)))
            .ifPresent(task -> standIns.put(note.taskId(), task)));
    return standIns;
  }

  /** The entry {@code note}'s task would have begun with, when the note names a task none of {@code lines} is. */
  private static Optional<HistoryEntry> standIn(HistoryEntry note, Set<TaskKey> lines) {
    boolean namesItsTask = note.taskId().startsWith(HistoryEntry.UNANSWERED_PREFIX)
        && (note.status().equals(HistoryEntry.ANSWERED) || note.status().equals(HistoryEntry.FOUND));
    if (!namesItsTask) {
      return Optional.empty();
    }
    return namedTask(note).map(handle -> note.madeAs(handle, "queued", note.updatedAt()))
        .filter(made -> !lines.contains(TaskKey.of(made)));
  }

  /**
   * The task {@code note} says its create was answered with: a note ({@link HistoryEntry#UNANSWERED_PREFIX}) whose
   * line is {@link HistoryEntry#ANSWERED} and whose handle names a task of the note's provider; empty for any other.
   */
  static Optional<JobHandle> answeredWith(HistoryEntry note) {
    boolean answered = note.taskId().startsWith(HistoryEntry.UNANSWERED_PREFIX)
        && note.status().equals(HistoryEntry.ANSWERED);
    return answered ? namedTask(note) : Optional.empty();
  }

  /** The task {@code note}'s handle names, when it is one of the note's provider. */
  private static Optional<JobHandle> namedTask(HistoryEntry note) {
    return note.jobHandle().filter(handle -> handle.providerId().equals(note.provider()));
  }

  /** The keys of {@code entries}, read once, so that each note's task is looked up rather than searched for. */
  private static Set<TaskKey> keys(Collection<HistoryEntry> entries) {
    Set<TaskKey> keys = new HashSet<>();
    for (HistoryEntry entry : entries) {
      keys.add(TaskKey.of(entry));
    }
    return keys;
  }

  /**
   * What makes a line a task's own: the same provider, task id and server, the server as {@link BaseUrls#sameServer}
   * compares it, so that two keys are equal exactly when that says the lines name one task.
   */
  private record TaskKey(String provider, String taskId, String server) {
    static TaskKey of(HistoryEntry entry) {
      return new TaskKey(entry.provider(), entry.taskId(), BaseUrls.comparable(entry.provider(), entry.baseUrl()));
    }
  }
}
