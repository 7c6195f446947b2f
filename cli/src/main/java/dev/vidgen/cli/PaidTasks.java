package dev.vidgen.cli;

import dev.vidgen.batch.BatchPlan;
import dev.vidgen.batch.PlannedJob;
import dev.vidgen.batch.journal.JobStore;
import dev.vidgen.journal.jdbc.Journals;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Before a batch refuses its invalid lines, the journal is read for the lines only their model's checks
 * refuse: a job of such a line that already has its task is followed and downloaded, not refused, so
 * that a paid video is still saved after its model was retired or left the key's list. Lines sent in
 * earlier runs are priced as they were quoted then, so the batch's total (and {@code --max-credits})
 * counts what they cost.
 */
final class PaidTasks {
  private PaidTasks() {}

  /** {@code plan} with such jobs running (each said in one line), or as it is when none is in the journal. */
  static BatchPlan follow(BatchPlan plan, String location, Output output) {
    if (!mayExist(location)) {
      return plan;
    }
    List<JobStore.Entry> entries;
    try (JobStore store = Journals.open(location)) {
      entries = store.entries(plan.batch());
    } catch (RuntimeException e) {
      // Read only to spare a paid task; a journal out of reach leaves the lines refused, as the run would be.
      return plan;
    }
    BatchPlan followed = plan.following(entries);
    for (PlannedJob job : followed.followedOnly()) {
      String task = entries.stream().filter(e -> e.key().equals(job.key())).map(JobStore.Entry::taskId)
          .filter(java.util.Objects::nonNull).findFirst().orElse(null);
      boolean failedWithoutTask = entries.stream().anyMatch(e -> e.key().equals(job.key()) && e.failedWithoutTask());
      output.note("line " + job.line() + " (" + job.key() + "): its model " + job.job().model() + " is no longer valid ("
          + job.modelRefusal().get(0).message() + ")" + (task != null
              ? "; its task " + task + " is followed and downloaded all the same, nothing is sent"
              : failedWithoutTask ? "; it failed without a task and is not sent again on that model, not even with"
                  + " --retry-failed (give the line a valid model to send it)"
              : "; the job is finished, nothing is sent"));
    }
    return followed;
  }

  /**
   * Whether a journal may be at {@code location}: a database URL, or a file that exists and is not empty
   * (opening an empty file to read it would make it a journal).
   */
  static boolean mayExist(String location) {
    boolean sqliteUrl = location.regionMatches(true, 0, "jdbc:sqlite:", 0, 12);
    if (Journals.isUrl(location) && !sqliteUrl) {
      return true; // a database journal is read (another kind of URL is refused, as by a run)
    }
    Path file = Path.of(sqliteUrl ? location.substring(12) : location);
    try {
      return Files.isRegularFile(file) && Files.size(file) > 0;
    } catch (java.io.IOException e) {
      return true; // what cannot be told is read, and a read that fails leaves the plan as it is
    }
  }
}
