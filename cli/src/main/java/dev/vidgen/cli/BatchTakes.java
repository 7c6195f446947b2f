package dev.vidgen.cli;

import dev.vidgen.batch.journal.JobStore.Entry;
import dev.vidgen.batch.journal.JobStore.State;
import dev.vidgen.core.client.JobHandle;
import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * What a batch job's takes may have made beyond what the journal follows, read from the journal so
 * that every later run tells it too: an {@code unknown} job whose takes may each have made a task
 * ({@link Entry#possibleTasks()}), and a job with a task whose earlier takes, answered with a server
 * error and sent again, may each have made one of their own (its handle's possible extra tasks).
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

  /** For people: the job's task, and that earlier takes of its create may have made paid tasks of their own. */
  static String extraWords(JobHandle handle) {
    return "task " + handle.taskId().value() + "; " + Views.extraTakes(handle, DASHBOARD + " for a task of "
        + handle.model() + " made at about " + handle.submittedAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
        + " UTC");
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
}
