package dev.vidgen.cli;

import dev.vidgen.core.client.DeadlineExceededException;
import dev.vidgen.core.client.JobHandle;
import dev.vidgen.core.client.TaskFailedException;
import dev.vidgen.core.domain.TaskFailure;
import dev.vidgen.core.domain.TaskSnapshot;
import dev.vidgen.core.domain.TaskStatus;
import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.core.error.DownloadFailedException;
import dev.vidgen.core.text.SafeText;
import dev.vidgen.serve.history.BaseUrls;
import dev.vidgen.serve.history.HistoryEntry;
import dev.vidgen.serve.history.RunMarker;
import dev.vidgen.serve.history.SavesElsewhere;
import dev.vidgen.serve.history.TaskHistory;
import dev.vidgen.serve.history.UnusableResults;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.IntSupplier;

/**
 * What {@code generate} tells the task history: the task as soon as the provider gave it an id
 * (before the first status read, so that a paid task id survives a closed terminal), then how it
 * ended. {@code status}, {@code wait} and {@code download} bring the entry of a task this machine
 * submitted up to date. Never fails the command: a history that cannot be read or written costs a
 * note on stderr.
 */
final class HistoryRecord {
  private final Session session;
  private final Output output;
  private final TaskHistory history;
  /** Whether this command's own wait sees the task finish (so that how long it ran is known). */
  private final boolean watching;
  private volatile HistoryEntry entry;

  private HistoryRecord(Session session, Output output, TaskHistory history, HistoryEntry entry, boolean watching) {
    this.session = session;
    this.output = output;
    this.history = history;
    this.entry = entry;
    this.watching = watching;
  }

  /**
   * The history of this environment, when it has a data folder; every key the environment holds is masked in the
   * error text it writes, as the terminal masks it.
   */
  static Optional<TaskHistory> history(CliContext context) {
    return TaskHistory.dataFolder(context.env()).map(TaskHistory::in)
        .map(history -> history.hiding(EnvironmentKeys.of(context.env())));
  }

  /**
   * {@link #history}, once the notes of submits whose runs ended before their creates went out are
   * closed ({@link RunMarker}): what is shown of them is then what happened, nothing sent.
   */
  static Optional<TaskHistory> settledHistory(CliContext context) {
    return history(context).map(history -> {
      try {
        RunMarker.settleAbandoned(history, java.time.Instant.now());
      } catch (RuntimeException unreadable) {
        // Shown as written: the same job's next run settles it, or says why it cannot.
      }
      return history;
    });
  }

  /** Records the task just submitted as queued. */
  static HistoryRecord start(Session session, JobHandle handle, VideoJob job, Output output) {
    return start(session, handle, job, "generate", output);
  }

  /** Records the task just submitted by {@code source} (a command name) as queued. */
  static HistoryRecord start(Session session, JobHandle handle, VideoJob job, String source, Output output) {
    return start(session, handle, job, source, Optional.empty(), output);
  }

  /**
   * As {@link #start(Session, JobHandle, VideoJob, String, Output)}, where the history holds {@code note}, the name
   * of the job's note written before its create, which stands for the task should its own line not be written.
   */
  static HistoryRecord start(Session session, JobHandle handle, VideoJob job, String source, Optional<String> note,
      Output output) {
    HistoryEntry entry = RepeatCheck.identifiedAsSent(session, HistoryEntry.submitted(handle, job, source), job, output)
        .withOut(outToKeep(session));
    TaskHistory history = history(session.context()).orElse(null);
    // An answer that came late, after another command claimed the task and saw it end (wait --made-by): what that
    // command recorded stays, rather than going back to queued without its file.
    Optional<HistoryEntry> ended = Optional.empty();
    try {
      ended = history == null ? Optional.empty()
          : history.find(handle.providerId(), baseUrl(session), handle.taskId().value())
          .filter(known -> known.status().equals("completed") || known.status().equals("failed"))
          // A task that ended before this command's first create went out is not the task that create made: the
          // provider gave its id out again (a test server restarted, say). This task is recorded as the new one.
          .filter(known -> session.firstCreateSent().map(sent -> !known.updatedAt().isBefore(sent)).orElse(true));
    } catch (RuntimeException unreadable) {
      // Written as submitted, as before.
    }
    HistoryRecord record = new HistoryRecord(session, output, history, ended.orElse(entry), true);
    record.note = note.orElse(null);
    if (ended.isEmpty()) {
      record.write(entry);
    }
    return record;
  }

  /**
   * {@code entry} with the base URL its task is made on, as this command's printed commands repeat it ({@code
   * --base-url}, else {@code TOAPIS_BASE_URL} for toapis; never with user info or a query), so that the history's
   * command to save the video reaches the same server later; as it is when none was given (the provider's own).
   */
  static HistoryEntry onServer(Session session, HistoryEntry entry) {
    String baseUrl = baseUrl(session);
    return baseUrl != null ? entry.withBaseUrl(baseUrl) : entry;
  }

  /** The base URL this command's tasks are recorded with ({@link #onServer}), or null for the provider's own address. */
  static String baseUrl(Session session) {
    java.util.List<String> options = session.setupOptions();
    int at = options.indexOf("--base-url");
    return at >= 0 && at + 1 < options.size() ? options.get(at + 1) : null;
  }

  /**
   * {@code entry}, a task this command found (made by a create that got no answer, which may have named another
   * server), on the server this command asks, where it was read; as it is when that is its server already.
   */
  static HistoryEntry onServerAsked(Session session, HistoryEntry entry) {
    String baseUrl = baseUrl(session);
    return BaseUrls.sameServer(entry.provider(), entry.baseUrl(), baseUrl) ? entry
        : entry.withBaseUrl(baseUrl);
  }

  /**
   * The file or folder {@code --out} named (absolute), kept so that a later {@code status} or {@code history}
   * advises saving the video there rather than to a placeholder; null for none or for standard output.
   */
  static String outToKeep(Session session) {
    return session.keptOut().filter(out -> !out.equals("-")).orElse(null);
  }

  /**
   * The latest entry of task {@code taskId} of {@code providerId} (any provider when null), when
   * this machine's history has it with a readable handle: the one made on this command's server ({@link
   * TaskHistory#find(String, String, String)}), else the newest made on another, so that {@link RecordedServer}
   * can say where it was made.
   */
  static Optional<HistoryEntry> known(Session session, String providerId, String taskId, Output output) {
    try {
      return history(session.context()).flatMap(history -> {
        Optional<HistoryEntry> newest = providerId == null ? history.find(taskId) : history.find(providerId, taskId);
        return newest.flatMap(any -> history.find(any.provider(), baseUrl(session), taskId)).or(() -> newest)
            // A task whose own lines cannot be read: as the note of the create that made it names it.
            .or(() -> readFromNote(session, history, providerId, taskId).map(Map.Entry::getValue));
      }).filter(entry -> entry.jobHandle().isPresent());
    } catch (RuntimeException e) {
      output.note("could not read the task history (" + e.getMessage() + ")");
      return Optional.empty();
    }
  }

  /**
   * The task {@code taskId} of {@code providerId} (any provider when null) as the readable note of the create that made
   * it names it, keyed by that note's name, when no line of the task's own can be read: the one made on this command's
   * server, else the newest.
   */
  static Optional<Map.Entry<String, HistoryEntry>> readFromNote(Session session, TaskHistory history,
      String providerId, String taskId) {
    List<Map.Entry<String, HistoryEntry>> named = history.tasksReadFromNotes().entrySet().stream()
        .filter(note -> note.getValue().taskId().equals(taskId)
            && (providerId == null || note.getValue().provider().equals(providerId)))
        .toList();
    return named.stream().filter(note -> BaseUrls.sameServer(note.getValue().provider(),
        note.getValue().baseUrl(), baseUrl(session))).findFirst().or(() -> named.stream().findFirst());
  }

  /** Says so when {@code entry}, the task a command reads, is known only from the note of the create that made it. */
  static void sayWhenReadFromNote(Session session, HistoryEntry entry, Output output) {
    try {
      history(session.context()).flatMap(history -> readFromNote(session, history, entry.provider(), entry.taskId()))
          .filter(note -> note.getValue().equals(entry))
          .ifPresent(note -> output.note("task " + SafeText.clip(entry.taskId(), 100) + "'s own line in the task"
              + " history cannot be read; its model, price and --out are read from the note of the create that made"
              + " it, " + SafeText.clip(note.getKey(), 100)));
    } catch (RuntimeException unreadable) {
      // Said when the history was read just before.
    }
  }

  /**
   * The record of {@code handle}'s task for a command that comes back to it, when the history has the task on this
   * command's server: what another server says of a task of the same id is not that task's.
   */
  static Optional<HistoryRecord> existing(Session session, JobHandle handle, Output output) {
    return known(session, handle.providerId(), handle.taskId().value(), output)
        .filter(entry -> RecordedServer.elsewhere(session, entry, handle.providerId()).isEmpty()).map(entry ->
        new HistoryRecord(session, output, history(session.context()).orElseThrow(), entry, false));
  }

  /**
   * The file the history says this task's video was saved to, while it still holds that video: there, and not
   * written since ({@link SavedFileState#SAVED}).
   */
  synchronized Optional<String> savedFile() {
    try {
      return SavedFileState.savedFile(session.context(), entry);
    } catch (RuntimeException unreadable) { // a path this system cannot name
      return Optional.empty();
    }
  }

  /** The {@code --out} (absolute) the command that submitted the task was given, when the history knows it. */
  synchronized Optional<String> out() {
    return Optional.ofNullable(entry.out());
  }

  /**
   * Whether the task's line keeps no {@code --out} because an older vidgen wrote it, before the history kept either
   * the {@code --out} or the server ({@link HistoryEntry#serverNotRecorded}): where its video was to go is not known.
   */
  synchronized boolean outNotKept() {
    return entry.out() == null && entry.writtenByAnOlderVidgen();
  }

  /** Whether the task was made in the playground ({@code vidgen serve}). */
  synchronized boolean madeInPlayground() {
    return "serve".equals(entry.source());
  }

  /** The task's latest line as this record holds it. */
  synchronized HistoryEntry entry() {
    return entry;
  }

  /**
   * Where the task's video can be saved, when the history noted that saving it where it was to go fails the same way
   * again (a video larger than that whole file system, a file-size limit); else empty.
   */
  synchronized Optional<String> savesElsewhere() {
    return SavesElsewhere.of(entry);
  }

  /** Records where one status read found the task (a failed one through {@link #failed}). */
  synchronized void seen(TaskSnapshot snapshot) {
    if (snapshot.status() == TaskStatus.COMPLETED) {
      HistoryEntry done = entry.status().equals("completed") ? entry : entry.foundCompleted(null, Instant.now());
      if (entry.file() == null && snapshot.resultProblem().isPresent()) {
        // Completed (and paid) at the provider, with a link vidgen will not fetch: said, never left queued.
        done = UnusableResults.mark(done, snapshot.resultProblem().get().message());
      }
      if (!done.equals(entry)) {
        write(done);
      }
    } else if (snapshot.status() != TaskStatus.FAILED && !entry.isFinished()
        && !entry.status().equals(snapshot.status().id())) {
      write(entry.withStatus(snapshot.status().id(), Instant.now()));
    }
  }

  /**
   * The task as the history now has it, re-read, when that is completed or failed though {@code snapshot}, this
   * command's reading, found it not ended and the record held it open: another command saw it end while this read was
   * on its way. The record then follows the history, so that the file it advises is the one saved.
   */
  synchronized Optional<HistoryEntry> endedMeanwhile(TaskSnapshot snapshot) {
    if (history == null || entry.isFinished() || snapshot.status().isTerminal()) {
      return Optional.empty();
    }
    try {
      Optional<HistoryEntry> ended = history.find(entry.provider(), entry.baseUrl(), entry.taskId())
          .filter(known -> known.status().equals("completed") || known.status().equals("failed"))
          .filter(known -> known.submittedAt().equals(entry.submittedAt())); // the same take, not an id given again
      ended.ifPresent(known -> entry = known);
      return ended;
    } catch (RuntimeException unreadable) {
      return Optional.empty(); // the reading stands, as before
    }
  }

  /** Records that the task failed. */
  synchronized void failed(TaskFailedException failed) {
    String words = failed.snapshot() == null ? failed.getMessage()
        : failed.snapshot().failureReason().map(TaskFailure::toString).orElse(failed.getMessage());
    if (entry.status().equals("completed") && entry.file() != null) {
      // Its video is saved: what was paid for arrived, whatever the provider says of the task now. Kept completed,
      // so that the history neither shows a saved video as failed nor lets the same job be paid for again.
      output.note("the provider now reports task " + entry.taskId() + " failed (" + SafeText.clip(words, 200)
          + "), but its video was saved to " + entry.file() + "; the task history keeps it completed");
      return;
    }
    Instant now = Instant.now();
    write(watching ? entry.failed(words, now) : entry.foundFailed(words, now));
  }

  /** Runs the wait (and download), then records how it ended; the wait's result or failure passes through. */
  int finish(IntSupplier waitAndSave) {
    // Each new status while waiting (queued, then in progress), so that a wait stopped midway leaves the last seen.
    session.onStatusSeen(snapshot -> {
      if (!snapshot.status().isTerminal()) {
        seen(snapshot);
      }
    });
    // Completed before the video is saved: a Ctrl-C while saving then leaves the task as it is.
    session.onTaskCompleted(() -> {
      synchronized (this) {
        if (!entry.status().equals("completed")) {
          Instant now = Instant.now();
          write(watching ? session.withRunTold(entry.completed(null, now)) : entry.foundCompleted(null, now));
        }
      }
    });
    try {
      int exitCode = waitAndSave.getAsInt();
      String file = session.savedFile().map(Object::toString).orElse(null);
      // A file found already holding the video keeps the time it was saved: this run wrote nothing there.
      Optional<Instant> savedEarlier = session.savedEarlierAt();
      Instant now = savedEarlier.orElseGet(Instant::now);
      HistoryEntry done = watching ? session.withRunTold(entry.completed(file, now)) : entry.foundCompleted(file, now);
      if (savedEarlier.isPresent() && done.equals(entry)) {
        return exitCode; // the task's line says all this already
      }
      // Whole on standard output: written, not a video still to save (one that took nothing fails before here).
      write(file == null && session.wroteToStdout() ? StdoutResults.mark(done, now) : done);
      if (file != null && history != null) {
        try {
          // A video saved over another task's (--force) leaves that task "not saved", not pointing at this video.
          // Without the lock it goes on all the same, and says nothing: it appends a line only for another task that
          // named this file, and this task's own line was said to be in, or not, above.
          history.replacedAt(file, entry.taskId(), why -> { });
        } catch (RuntimeException e) {
          synchronized (this) {
            if (!toldUnwritten) { // a history that took no line of this task was said to once already
              toldUnwritten = true;
              session.warn(HistoryRequirement.NOT_RECORDED, "could not update the task history (" + e.getMessage()
                  + ")");
            }
          }
        }
      }
      return exitCode;
    } catch (TaskFailedException failed) {
      failed(failed);
      throw failed;
    } catch (SaveFailedException unsaved) {
      // The task completed; its video is still to be saved (vidgen download), unless its link expired.
      Instant now = Instant.now();
      HistoryEntry done = watching ? session.withRunTold(entry.completed(null, now)) : entry.foundCompleted(null, now);
      Throwable why = dev.vidgen.core.concurrent.AsyncFailures.unwrap(unsaved.getCause());
      write(why instanceof dev.vidgen.core.error.ResultExpiredException expired ? ExpiredResults.mark(done, expired)
          : why instanceof dev.vidgen.core.error.ResultUnusableException unusable
              ? UnusableResults.mark(done, unusable.reason())
          : why instanceof DownloadFailedException refused && refused.whereToSave().isPresent()
              ? SavesElsewhere.mark(done, refused.whereToSave().get()) // later advice must not send it back there
          : done);
      throw unsaved;
    } catch (dev.vidgen.core.error.TaskNotFoundException notFound) {
      notFound();
      throw notFound;
    } catch (DeadlineExceededException deadline) {
      if (deadline.lastSnapshot() != null && !deadline.lastSnapshot().status().isTerminal()
          && !entry.isFinished()) {
        write(entry.withStatus(deadline.lastSnapshot().status().id(), Instant.now()));
      }
      throw deadline;
    }
  }

  /**
   * Records that the provider does not know the task (HTTP 404). Not a verdict on the task (the base URL may be
   * another), so not finished: a later wait may still find it. Nor is it one when another key made the task: its
   * account's keys may still follow it (said in a note), and then nothing is recorded.
   */
  synchronized void notFound() {
    if (!madeWithAnotherKey() && !entry.isFinished()) {
      write(entry.withStatus(HistoryEntry.NOT_FOUND, Instant.now()));
    }
  }

  /**
   * Whether the task was made with another API key than this command's, said in a note: a provider shows
   * a task only to the keys of the account that made it, so "not found" may only mean another account's.
   */
  synchronized boolean madeWithAnotherKey() {
    String tag = session.apiKey() == null ? null : session.apiKey().tag();
    if (!entry.madeWithAnotherKey(tag)) {
      return false;
    }
    if (toldAnotherKey) {
      return true; // said once: a wait's first read (AnotherKeys#readAtOnce) and its end both ask
    }
    toldAnotherKey = true;
    output.note("task " + SafeText.clip(entry.taskId(), 100) + " was made with another API key (tagged "
        + SafeText.clip(entry.keyTag(), 16) + " in the task history; this key's tag is " + tag + "): if that key is"
        + " another account's, only its keys can follow the task, so set it in " + session.keyVariable());
    session.notFoundNext("the task was made with another API key (tagged " + SafeText.clip(entry.keyTag(), 16)
        + "): if that key is another account's, set it in " + session.keyVariable() + " and run this again");
    return true;
  }

  /** Whether the last write reached the history file. */
  private boolean written;
  /** Whether this record said that another API key made the task, so that it is said once. */
  private boolean toldAnotherKey;

  /** Whether the task's last state was written to the history (false without one, or when the write failed). */
  boolean recorded() {
    return written;
  }

  /** Whether this record said that the history's lock could not be had, so that it is said once. */
  private boolean toldUnlocked;
  /** Whether a write of this record ever reached the history file. */
  private boolean everWritten;
  /** Whether this record said that the history could not be written, so that it is said once. */
  private boolean toldUnwritten;
  /** The name of the job's note written before its create (which the same job run again finds), or null. */
  private String note;

  private synchronized void write(HistoryEntry next) {
    entry = next;
    written = false;
    if (history == null) {
      return;
    }
    String[] unlockedWhy = {null};
    try {
      // A lock that cannot be had costs the lock, not the line: the task is appended without it, as a create's note is,
      // so that the history never holds an unanswered create for a create that was answered.
      history.changingOrUnlocked(() -> {
        // A command that read the task before another saved its video (a status beside a wait) keeps that file.
        HistoryEntry latest = history.find(next.provider(), next.baseUrl(), next.taskId()).orElse(null);
        HistoryEntry kept = next.file() == null && latest != null && latest.file() != null
            && next.status().equals("completed") && latest.status().equals("completed") ? next.withFile(latest.file())
            : next;
        history.record(kept);
        entry = kept;
        return null;
      }, why -> unlockedWhy[0] = why);
      written = true;
      everWritten = true;
      if (unlockedWhy[0] != null) {
        unlocked(next, unlockedWhy[0]); // said once the line is in: only then is its id kept
      }
    } catch (RuntimeException e) {
      unwritten(next, e.getMessage());
    }
  }

  /**
   * Says, once, that the history could not be written ({@code why}) and what that means: a task never recorded is
   * not noticed by the same job run again; one recorded before stays as it was last written.
   */
  private synchronized void unwritten(HistoryEntry next, String why) {
    if (toldUnwritten) {
      return;
    }
    toldUnwritten = true;
    String taskId = SafeText.clip(next.taskId(), 100);
    session.warn(HistoryRequirement.NOT_RECORDED, everWritten
        ? "could not update task " + taskId + " in the task history (" + why + "), which keeps it as last recorded"
        : note != null ? "task " + taskId + " is not recorded in the task history (" + why + "): vidgen history"
            + " lists the job only as the note written before its create, " + SafeText.clip(note, 100) + ", unknown"
            + " (which holds the same job run again back); that note's task is " + taskId + ": once the history can"
            + " be written again, " + Failures.taskCommand("status", taskId, next.provider(), session, "--made-by",
                note) + " records it there"
        : "task " + taskId + " is not recorded in the task history (" + why + "), so the same job run again will not"
            + " notice it and will pay again");
  }

  /** Says, once, that the history's lock could not be had ({@code why}) and that the task was recorded without it. */
  private synchronized void unlocked(HistoryEntry next, String why) {
    if (!toldUnlocked) {
      toldUnlocked = true;
      session.warn(HistoryRequirement.UNLOCKED, "could not lock the task history (" + why + "), so task "
          + SafeText.clip(next.taskId(), 100) + " is appended to it without the lock, so that its id is kept");
    }
  }
}
