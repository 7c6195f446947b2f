package dev.vidgen.cli;

import dev.vidgen.serve.history.HistoryEntry;
import dev.vidgen.serve.history.TaskHistory;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What {@code vidgen history} says of a create that got no answer and whose takes may each have
 * made a task (takes answered with a server error and sent again blindly): the worst case, in tasks
 * and credits, and {@code --close}, with which the user says that the tasks claimed are all it made.
 */
final class UnansweredClose {
  private UnansweredClose() {}

  /** Whether {@code entry} is an unknown note that may stand for more than one task, or has a task claimed. */
  static boolean isSeveral(HistoryEntry entry) {
    return entry.status().equals(HistoryEntry.UNKNOWN)
        && (entry.possibleTasks() > 1 || !entry.claimed().isEmpty());
  }

  /**
   * "up to 2 tasks, up to 40 credits ($0.20)", or "up to 1 more task (1 claimed), up to 20 credits
   * ($0.10)" once some are claimed (those have their own rows and prices); "price unknown" without one.
   */
  static String worstCasePrice(HistoryEntry entry) {
    int open = entry.openTasks();
    int claimed = entry.claimed().size();
    String tasks = "up to " + open + (claimed > 0 ? " more" : "") + (open == 1 ? " task" : " tasks")
        + (claimed > 0 ? " (" + claimed + " claimed)" : "");
    return tasks + ", " + (entry.credits() == null ? "price unknown"
        : "up to " + Views.credits(atMost(entry.credits(), open)) + " (" + Views.usd(atMost(entry.usd(), open)) + ")");
  }

  private static BigDecimal atMost(BigDecimal each, int tasks) {
    return each.multiply(BigDecimal.valueOf(tasks));
  }

  /**
   * {@code vidgen history --close NAME}: the unknown note {@code name}, with at least one task claimed
   * with {@code --made-by}, is closed as {@code found} on the user's word that its other takes made none.
   */
  static int close(TaskHistory history, String name, Output output) {
    String claim = "save a task found on the provider's dashboard with vidgen wait TASK_ID --made-by " + name;
    HistoryEntry note = history.find(name).orElseThrow(() -> CliException.usage(
        name + " is not in the task history " + history.file(),
        "give the name vidgen history shows for a create that got no answer (status unknown)"));
    if (!note.status().equals(HistoryEntry.UNKNOWN) || !name.startsWith(HistoryEntry.UNANSWERED_PREFIX)) {
      throw CliException.usage(name + " is " + note.status() + ", not an open create that got no answer; nothing to"
          + " close", "vidgen history lists what is open as unknown");
    }
    if (note.claimed().isEmpty()) {
      // Closing a note with no task claimed would drop the only trace of what may be a paid task.
      throw CliException.usage(name + " has no task claimed with --made-by yet, so it stays open: it is the only"
          + " record of what its create may have made", claim + " first; a create that made nothing stays listed as"
          + " unknown, which costs nothing");
    }
    String last = note.claimed().get(note.claimed().size() - 1);
    dev.vidgen.core.client.JobHandle lastTask = history.find(note.provider(), last).flatMap(HistoryEntry::jobHandle)
        .orElseThrow(() -> CliException.usage(name + " claims task " + last + ", which is not in the task history " + history.file(),
            claim + " again for it, then close"));
    HistoryEntry closed = note.closedByUser(lastTask, Instant.now());
    history.record(closed);
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("task_id", closed.taskId());
    json.put("status", closed.status());
    json.put("claimed_tasks", closed.claimed());
    json.put("possible_tasks", closed.possibleTasks());
    output.object(json);
    output.line(name + " is closed: its create made " + String.join(", ", closed.claimed()) + " (as told with"
        + " --made-by), and " + (closed.possibleTasks() - closed.claimed().size()) + " other take(s) made none, as you"
        + " say; each task has its own entry in the history");
    return ExitCodes.DONE;
  }
}
