package dev.vidgen.cli;

import dev.vidgen.batch.BatchListener;
import dev.vidgen.batch.journal.JobStore.Entry;
import dev.vidgen.core.text.Plural;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The tasks this run's creates made that the journal could not record (a database out of reach):
 * each is told the moment it happens and again in the run's error, with the {@code --adopt} that
 * records it once the journal is back. Forwards every event to {@code next}.
 */
final class TasksNotJournaled extends ForwardingBatchListener {
  /** Job key to its task, in the order told. */
  private final Map<String, String> byJob = new LinkedHashMap<>();

  TasksNotJournaled(BatchListener next) {
    super(next);
  }

  /** For people: the job's task, that the journal lacks it, and the two ways to keep it. */
  static String told(Entry entry, String taskId, Throwable cause) {
    return "job " + entry.key() + " (line " + entry.seq() + ") made task " + taskId + ", which may be paid for, but the"
        + " journal could not record it (" + cause.getMessage() + "); once the journal is reachable, run the same"
        + " command again with --adopt " + entry.key() + "=" + taskId + " (without it the job is told unknown and"
        + " nothing is sent for it), or save the video now with vidgen wait " + taskId + " --out " + entry.out();
  }

  @Override
  public void onTaskNotJournaled(Entry entry, String taskId, Throwable cause) {
    synchronized (byJob) {
      byJob.put(entry.key(), taskId);
    }
    super.onTaskNotJournaled(entry, taskId, cause);
  }

  /** "; 2 tasks made by this run are not in the journal: job g1 made video_1, job g2 made video_2", or empty. */
  String summary() {
    Map<String, String> told = snapshot();
    if (told.isEmpty()) {
      return "";
    }
    return "; " + Plural.count(told.size(), "task") + " made by this run " + Plural.word(told.size(), "is", "are")
        + " not in the journal: " + told.entrySet().stream().map(e -> "job " + e.getKey() + " made " + e.getValue())
        .collect(Collectors.joining(", "));
  }

  /** The {@code --adopt} options that record every task told, or empty. */
  String adoptOptions() {
    List<String> options = new ArrayList<>();
    snapshot().forEach((job, task) -> options.add("--adopt " + job + "=" + task));
    return String.join(" ", options);
  }

  private Map<String, String> snapshot() {
    synchronized (byJob) {
      return new LinkedHashMap<>(byJob);
    }
  }
}
