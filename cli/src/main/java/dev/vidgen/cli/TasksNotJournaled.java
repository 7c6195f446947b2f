package dev.vidgen.cli;

import dev.vidgen.batch.BatchListener;
import dev.vidgen.batch.journal.JobStore.Entry;
import dev.vidgen.core.text.Plural;
import dev.vidgen.journal.jdbc.JournalException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The tasks this run's creates made that the journal could not record (a database out of reach):
 * each is told the moment it happens and again in the run's error, with the {@code --adopt} that
 * records it once the journal is back; and the jobs whose creates were never sent though the journal
 * still has them being sent, named in the run's error. Forwards every event to {@code next}.
 */
final class TasksNotJournaled extends ForwardingBatchListener {
  /** Job key to its task, in the order told. */
  private final Map<String, String> byJob = new LinkedHashMap<>();
  /** Job key to its entry as the journal still has it, for the jobs whose creates were never sent. */
  private final Map<String, Entry> neverSent = new LinkedHashMap<>();

  TasksNotJournaled(BatchListener next) {
    super(next);
  }

  /** For people: the job's task, that the journal lacks it, and the two ways to keep it. */
  static String told(Entry entry, String taskId, Throwable cause) {
    return "job " + entry.key() + " (line " + entry.seq() + ") made task " + taskId + ", which may be paid for, but the"
        + " journal could not record it (" + cause.getMessage() + "); " + (cause instanceof JournalException full
        && full.diskFull() ? "once space is freed on the journal's disk" : "once the journal is reachable")
        + ", run the same"
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

  @Override
  public void onNotSentNotJournaled(Entry entry, Throwable cause) {
    synchronized (byJob) {
      neverSent.put(entry.key(), entry);
    }
    super.onNotSentNotJournaled(entry, cause);
  }

  /**
   * "; 2 tasks made by this run are not in the journal: job g1 made video_1, job g2 made video_2", then the jobs
   * never sent that the journal still has being sent; or empty.
   */
  String summary() {
    Map<String, String> told = snapshot();
    String tasks = told.isEmpty() ? "" : "; " + Plural.count(told.size(), "task") + " made by this run "
        + Plural.word(told.size(), "is", "are") + " not in the journal: " + told.entrySet().stream()
        .map(e -> "job " + e.getKey() + " made " + e.getValue()).collect(Collectors.joining(", "));
    return tasks + neverSentSummary();
  }

  /**
   * "; 3 jobs were never sent (j1, j2, j3): ..." for the jobs whose creates made no task but which the journal still
   * has being sent, with what the next run makes of them; or empty.
   */
  private String neverSentSummary() {
    List<Entry> jobs;
    synchronized (byJob) {
      jobs = new ArrayList<>(neverSent.values());
    }
    if (jobs.isEmpty()) {
      return "";
    }
    List<String> toldUnknown = jobs.stream().filter(e -> !e.createWaiting() && e.clientReference() == null)
        .map(Entry::key).toList();
    String keys = jobs.stream().map(Entry::key).collect(Collectors.joining(", "));
    String next = toldUnknown.isEmpty() ? "the next run sends " + Plural.word(jobs.size(), "it", "them")
        : "the journal still has " + (toldUnknown.size() == jobs.size() ? Plural.word(jobs.size(), "it", "them")
            : String.join(", ", toldUnknown)) + " being sent, so the next run tells " + Plural.word(toldUnknown.size(),
            "it", "them") + " unknown: for " + Plural.word(toldUnknown.size(), "it", "these") + ", --resubmit-unknown"
            + " pays once (it also sends any other job told unknown, which may pay twice)";
    return "; " + Plural.count(jobs.size(), "job") + " (" + keys + ") " + Plural.word(jobs.size(), "was", "were")
        + " never sent: held back before " + Plural.word(jobs.size(), "its create", "their creates") + " went out (or"
        + " refused without making a task), no task of " + Plural.word(jobs.size(), "it", "them") + " exists; " + next;
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
