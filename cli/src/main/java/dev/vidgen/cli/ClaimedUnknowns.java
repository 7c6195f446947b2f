package dev.vidgen.cli;

import dev.vidgen.batch.BatchPlan;
import dev.vidgen.batch.journal.JobStore;
import dev.vidgen.batch.journal.JobStore.Entry;
import dev.vidgen.batch.journal.JobStore.State;
import dev.vidgen.core.client.VidgenClient;
import dev.vidgen.core.text.SafeText;
import dev.vidgen.journal.jdbc.Journals;
import dev.vidgen.serve.history.BatchOrigin;
import dev.vidgen.serve.history.HistoryEntry;
import dev.vidgen.serve.history.TaskHistory;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The batch's unknown jobs whose create's history note was closed with {@code vidgen wait TASK_ID --made-by NOTE}:
 * the task the user claimed there is taken in as if given with {@code --adopt}, checked the same way and sending
 * nothing. A note that claims more than one task, a history that cannot be read, or a check that refuses the task
 * leaves the job unknown, with the {@code --adopt} that takes it in said.
 */
final class ClaimedUnknowns {
  /** How the words of an adoption name where the task was told. */
  static final String TOLD_WITH = "vidgen wait --made-by";

  private ClaimedUnknowns() {}

  /**
   * The unknown jobs of the journal at {@code location} (other than those {@code given} by {@code --adopt}) whose
   * note in the history, marked with the batch {@code origin}, is closed as found with one task claimed, each with
   * that task; none without a journal or a history, or when either cannot be read.
   */
  static Map<String, String> find(Session session, BatchPlan plan, String location, BatchOrigin origin,
      Set<String> given) {
    Map<String, String> claimed = new LinkedHashMap<>();
    Optional<TaskHistory> history = HistoryRecord.history(session.context());
    if (history.isEmpty() || !PaidTasks.mayExist(location)) {
      return claimed;
    }
    try (JobStore store = Journals.open(location)) {
      for (Entry entry : store.entries(plan.batch())) {
        if (entry.state() != State.UNKNOWN || entry.taskId() != null || given.contains(entry.key())) {
          continue;
        }
        history.get().note(BatchCreateNote.name(origin, entry))
            .filter(note -> origin.equals(note.batch()) && note.status().equals(HistoryEntry.FOUND))
            .map(HistoryEntry::claimed).filter(tasks -> tasks.size() == 1)
            .ifPresent(tasks -> claimed.put(entry.key(), tasks.get(0)));
      }
    } catch (RuntimeException unreadable) {
      // The journal or the history cannot be read here: the run itself says so, and the jobs stay unknown.
      return Map.of();
    }
    return claimed;
  }

  /**
   * Takes each of {@code claimed} in as {@link AdoptedTasks#adopt} does, one job at a time; a task it refuses
   * is said with the {@code --adopt} that would take it in, and the job stays unknown.
   */
  static void adopt(VidgenClient client, BatchPlan plan, String location, Map<String, String> claimed,
      Output output) {
    claimed.forEach((key, task) -> {
      try {
        AdoptedTasks.adopt(client, plan, location, Map.of(key, task), false, TOLD_WITH, output);
      } catch (CliException refused) {
        output.note("job " + SafeText.clip(SafeText.clean(key), 100) + "'s create was claimed as task " + task
            + " with vidgen wait --made-by, but it was not taken in (" + SafeText.clip(refused.getMessage(), 600)
            + "), so the job stays unknown; once checked, run the same command with --adopt " + key + "=" + task);
      }
    });
  }
}
