package dev.vidgen.cli;

import dev.vidgen.batch.BatchPlan;
import dev.vidgen.batch.PlannedJob;
import dev.vidgen.batch.journal.JobStore;
import dev.vidgen.core.validation.Violation;
import dev.vidgen.journal.jdbc.Journals;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Before a batch refuses its invalid lines, the journal is read for the lines only their model's checks
 * refuse: a job of such a line that already has its task is followed and downloaded, not refused, so
 * that a paid video is still saved after its model was retired or left the key's list. Lines sent in
 * earlier runs are priced as they were quoted then, so the batch's total (and {@code --max-credits})
 * counts what they cost. A run that other invalid lines stop follows no task at all, and says so.
 */
final class PaidTasks {
  private PaidTasks() {}

  /**
   * The plan with the journal read, and the tasks of its jobs that are still running at the provider: a run the
   * invalid lines stop leaves them unfollowed. {@code onInvalidLines} are the running tasks whose own lines are
   * invalid now (edited since their create): no run follows them until their lines are valid again.
   */
  record Seen(BatchPlan plan, List<String> runningTasks, List<LineTask> onInvalidLines) {
    Seen {
      runningTasks = List.copyOf(runningTasks);
      onInvalidLines = List.copyOf(onInvalidLines);
    }

    Seen(BatchPlan plan, List<String> runningTasks) {
      this(plan, runningTasks, List.of());
    }

    /** Every running task no run of this file as it is follows, then those the valid lines' run would. */
    List<String> notFollowed() {
      List<String> all = new ArrayList<>(onInvalidLines.stream().map(LineTask::task).toList());
      all.addAll(runningTasks);
      return all;
    }
  }

  /** A running task whose job's line (number {@code line}, id {@code key}) is invalid now; {@code out}: its file. */
  record LineTask(int line, String key, String task, String out) {}

  /**
   * {@code plan} with such jobs running (each with a task still running said in one line), or as it is when none is
   * in the journal; {@code skipInvalid} tells whether invalid lines left over stop the run.
   */
  static Seen follow(BatchPlan plan, String location, boolean skipInvalid, Output output) {
    if (!mayExist(location)) {
      return new Seen(plan, List.of());
    }
    List<JobStore.Entry> entries;
    try (JobStore store = Journals.open(location)) {
      entries = store.entries(plan.batch());
    } catch (RuntimeException e) {
      // Read only to spare a paid task; a journal out of reach leaves the lines refused, as the run would be.
      return new Seen(plan, List.of());
    }
    BatchPlan followed = plan.following(entries);
    Map<String, JobStore.Entry> byKey = new HashMap<>();
    entries.forEach(entry -> byKey.put(entry.key(), entry));
    // The same test as the run's: invalid lines left stop it unless --skip-invalid runs the valid ones.
    boolean stopped = !followed.invalid().isEmpty() && (!skipInvalid || followed.jobs().isEmpty());
    for (PlannedJob job : followed.followedOnly()) {
      JobStore.Entry entry = byKey.get(job.key());
      String task = running(entry) ? entry.taskId() : null;
      boolean failedWithoutTask = entry != null && entry.failedWithoutTask();
      if (task == null && !failedWithoutTask) {
        continue; // finished: nothing is followed or sent, and the plan's first line counts it
      }
      output.note(refused(job) + (task == null ? "; it failed without a task and is not sent again on that model,"
              + " not even with --retry-failed (give the line a valid model to send it)"
          : stopped ? "; its task " + task + " is not followed by this run, which the invalid lines below stop: fix"
              + " them, or add --skip-invalid to follow and download it"
          : "; its task " + task + " is followed and downloaded all the same, no create is sent for it"));
    }
    List<String> runningTasks = followed.jobs().stream().map(job -> byKey.get(job.key()))
        .filter(PaidTasks::running).map(JobStore.Entry::taskId).toList();
    // A paid job whose own line was edited into an invalid one: neither run follows it, which is said apart.
    List<LineTask> onInvalidLines = followed.invalid().stream().filter(line -> line.id() != null)
        .map(line -> lineTask(line.number(), byKey.get(line.id()))).filter(Objects::nonNull).toList();
    return new Seen(followed, runningTasks, onInvalidLines);
  }

  private static LineTask lineTask(int line, JobStore.Entry entry) {
    return running(entry) ? new LineTask(line, entry.key(), entry.taskId(), entry.out()) : null;
  }

  /** Whether the journal holds a task for the job that is not finished yet. */
  private static boolean running(JobStore.Entry entry) {
    return entry != null && entry.state() == JobStore.State.SUBMITTED && entry.taskId() != null;
  }

  /**
   * "line 1 (a): its model M is no longer valid (why)", or, when only the line's settings are refused (a duration
   * the route no longer takes), "the line is no longer valid on its model M (why)"; said with the command line's
   * switches.
   */
  private static String refused(PlannedJob job) {
    Violation model = job.modelRefusal().stream().filter(v -> "model".equals(v.field())).findFirst().orElse(null);
    Violation why = model != null ? model : job.modelRefusal().get(0);
    return "line " + job.line() + " (" + job.key() + "): " + (model != null
        ? "its model " + job.job().model() + " is no longer valid"
        : "the line is no longer valid on its model " + job.job().model())
        + " (" + CommandLineWords.of(why.message()) + ")";
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
