package dev.vidgen.cli;

import dev.vidgen.batch.BatchListener;
import dev.vidgen.batch.PlannedJob;
import dev.vidgen.batch.journal.JobStore.Entry;
import dev.vidgen.batch.journal.JobStore.State;
import dev.vidgen.core.text.Waits;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;

/**
 * Tells, the moment it happens, each batch job whose task completed but whose video could not be saved (a folder
 * refusing files): as a warning on stderr and in the command's JSON, with the run's next try and the way on; and,
 * once a later try of the run saves it, that it is saved.
 */
final class UnsavedVideos extends ForwardingBatchListener {
  /** The warnings' code in {@code --json}. */
  static final String CODE = "batch.save_failed";

  private final Session session;
  private final Map<String, Integer> lines;
  private final Consumer<String> note;
  /** The jobs told as not saved, with how many of their saves failed. */
  private final Map<String, Integer> told = new ConcurrentHashMap<>();

  private UnsavedVideos(BatchListener next, Session session, Map<String, Integer> lines, Consumer<String> note) {
    super(next);
    this.session = session;
    this.lines = lines;
    this.note = note;
  }

  /** Tells the unsaved videos of {@code jobs}, passing every event on to {@code next}; {@code note} prints a note. */
  static UnsavedVideos around(BatchListener next, Session session, List<PlannedJob> jobs,
      Consumer<String> note) {
    Map<String, Integer> lines = new ConcurrentHashMap<>();
    jobs.forEach(job -> lines.put(job.key(), job.line()));
    return new UnsavedVideos(next, session, lines, note);
  }

  @Override
  public void onSaveFailed(Entry entry, String taskId, String why, int tries, Duration retryIn) {
    super.onSaveFailed(entry, taskId, why, tries, retryIn);
    boolean first = told.put(entry.key(), tries) == null;
    if (retryIn != null && !first) {
      return; // told once while the run tries again; once more when it tries no more
    }
    session.warn(CODE, words(entry, taskId, why, tries, retryIn));
  }

  /** The warning for one job's failed save. */
  String words(Entry entry, String taskId, String why, int tries, Duration retryIn) {
    String expires = entry.expiresAt() == null ? ""
        : " (its link lasts until " + entry.expiresAt().truncatedTo(ChronoUnit.SECONDS) + ")";
    String job = "line " + lines.getOrDefault(entry.key(), entry.seq()) + " (" + entry.key() + "): ";
    if (retryIn != null) {
      return job + "task " + taskId + " completed, but its video was not saved (" + why + "); nothing is sent again"
          + " for it: this run tries to save it again in " + Waits.seconds(retryIn) + ", then a few more times at"
          + " longer waits, and sends no new job meanwhile; make the folder take files again (its write permission,"
          + " free space) and the run saves it, else run the same command again later" + expires
          + ", which saves it without paying again";
    }
    return job + "task " + taskId + " completed, but its video is still not saved after "
        + (tries == 1 ? "1 try" : tries + " tries") + " (" + why + "); this run tries no more: make the folder"
        + " take files again, then run the same command again" + expires + ", which saves it without paying again";
  }

  @Override
  public void onWritten(Entry entry) {
    super.onWritten(entry);
    if (entry.state() == State.COMPLETED) {
      Integer failed = told.remove(entry.key());
      if (failed != null) {
        note.accept("line " + lines.getOrDefault(entry.key(), entry.seq()) + " (" + entry.key() + "): the video of"
            + " task " + entry.taskId() + " is saved now, as " + entry.file() + " (" + (failed == 1 ? "1 save"
                : failed + " saves") + " had failed)");
      }
    }
  }
}
