package dev.vidgen.cli;

import dev.vidgen.batch.journal.JobStore.Entry;
import dev.vidgen.batch.journal.JobStore.State;
import dev.vidgen.core.client.JobHandle;
import dev.vidgen.serve.history.HistoryEntry;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a batch job's takes may have made beyond what the journal follows, read from the journal so
 * that every later run tells it too: an {@code unknown} job whose takes may each have made a task
 * ({@link Entry#possibleTasks()}), and a job with a task whose earlier takes, answered with a server
 * error and sent again, may each have made one of their own (its handle's possible extra tasks). A
 * job sent again with {@code --resubmit-unknown} whose new create made no task (refused, or not sent
 * yet) keeps its earlier takes in {@link Entry#possibleTasks()}: told by {@link #earlierTakes}.
 */
final class BatchTakes {
  private static final String DASHBOARD = "check the provider's dashboard";

  private BatchTakes() {}

  /** The most an {@code unknown} job may have cost: its quote once per take that may have made a task. */
  static BigDecimal unknownAtMost(Entry entry) {
    return entry.credits() == null ? BigDecimal.ZERO : entry.credits().multiply(BigDecimal.valueOf(entry.possibleTasks()));
  }

  /** For an unknown job of several possible tasks: "up to 2 tasks, up to 40 credits: "; else empty. */
  static String unknownWords(Entry entry) {
    if (entry.state() != State.UNKNOWN || entry.possibleTasks() < 2) {
      return "";
    }
    return "up to " + entry.possibleTasks() + " tasks, " + (entry.credits() == null ? "price unknown"
        : "up to " + Views.credits(unknownAtMost(entry))) + ": ";
  }

  /** The job's handle, when it has a readable one whose create's earlier takes may have made tasks. */
  static Optional<JobHandle> withExtraTasks(Entry entry) {
    if (entry.handle() == null) {
      return Optional.empty();
    }
    try {
      return Optional.of(JobHandle.decode(entry.handle())).filter(handle -> handle.possibleExtraTasks() > 0);
    } catch (IllegalArgumentException unreadable) {
      return Optional.empty();
    }
  }

  /**
   * For people: the job's task, and that other takes of its create may have made paid tasks of their own, made
   * around the task's time. The task may be any of the takes (one taken in with {@code --adopt} may be the first), so
   * the window reaches as far after it as before it: as long as a create may take to answer.
   */
  static String extraWords(Entry entry, JobHandle handle) {
    // An Instant prints as 2026-12-05T13:39:54Z: its Z says UTC, so no " UTC" after it.
    Instant at = handle.submittedAt().truncatedTo(ChronoUnit.SECONDS);
    return "task " + handle.taskId().value() + "; " + Views.extraTakes(handle, DASHBOARD + " for a task of "
        + handle.model() + " made between " + at.minus(HistoryEntry.CREATE_MAY_STILL_ANSWER) + " and "
        + at.plus(HistoryEntry.CREATE_MAY_STILL_ANSWER) + " (the takes of one create go out within minutes of one"
        + " another, before or after the task above)" + (entry.attempts() > 1 ? ", or before then for a take sent by"
            + " an earlier run" : ""));
  }

  /** For {@code --json}: the task, how many more tasks the create's earlier takes may have made, and their most. */
  static Map<String, Object> extraJson(Entry entry, int line, JobHandle handle) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", entry.key());
    json.put("line", line);
    json.put("task_id", handle.taskId().value());
    json.put("possible_extra_tasks", handle.possibleExtraTasks());
    json.put("possible_extra_credits", handle.quote().isKnown()
        ? handle.quote().credits().multiply(BigDecimal.valueOf(handle.possibleExtraTasks())) : null);
    return json;
  }

  /** For {@code --json} of an unknown job: how many tasks its takes may have made, and what they may cost at most. */
  static Map<String, Object> unknownJson(Entry entry) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("possible_tasks", entry.possibleTasks());
    json.put("credits_at_most", entry.credits() == null ? null : unknownAtMost(entry));
    return json;
  }

  /**
   * For a job without a task that was sent again after it was {@code unknown}: how many of its
   * earlier takes may each have made a paid task (its new create, refused or not sent yet, made
   * none); 0 for any other job. An unknown job's takes and a task's extra takes are told elsewhere.
   */
  static int earlierTakes(Entry entry) {
    boolean told = entry.state() == State.UNKNOWN || entry.taskId() != null || entry.handle() != null;
    return told ? 0 : entry.possibleTasks() - 1;
  }

  /** The most a job's {@link #earlierTakes} may cost: its quote once per take; null when the price is unknown. */
  static BigDecimal earlierAtMost(Entry entry) {
    return entry.credits() == null ? null : entry.credits().multiply(BigDecimal.valueOf(earlierTakes(entry)));
  }

  /** For people: the job has no task, but earlier takes of its create may have made paid tasks; where to look. */
  static String earlierWords(Entry entry) {
    int takes = earlierTakes(entry);
    return "no task; " + (takes == 1 ? "an earlier take of its create" : takes + " earlier takes of its create")
        + " (of unknown outcome, then sent again with --resubmit-unknown) may have made a paid task"
        + (entry.credits() == null ? ", at a price unknown" : ", up to " + Views.credits(earlierAtMost(entry)))
        + ": " + DASHBOARD + " for a task of " + entry.model() + (entry.updatedAt() == null ? ""
            : " made before " + entry.updatedAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS))
        + "; a task found there is taken in with --adopt " + entry.key() + "=TASK_ID, sending nothing";
  }

  /** For {@code --json}: the job, its state, how many tasks its earlier takes may have made, and their most. */
  static Map<String, Object> earlierJson(Entry entry, int line) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("id", entry.key());
    json.put("line", line);
    json.put("state", entry.state().id());
    json.put("possible_extra_tasks", earlierTakes(entry));
    json.put("possible_extra_credits", earlierAtMost(entry));
    return json;
  }
}
