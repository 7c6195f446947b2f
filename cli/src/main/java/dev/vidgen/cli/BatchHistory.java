package dev.vidgen.cli;

import dev.vidgen.batch.BatchListener;
import dev.vidgen.batch.BatchPlan;
import dev.vidgen.batch.PlannedJob;
import dev.vidgen.batch.journal.JobStore.Entry;
import dev.vidgen.batch.journal.JobStore.State;
import dev.vidgen.core.client.JobHandle;
import dev.vidgen.core.concurrent.DaemonThreads;
import dev.vidgen.core.text.SafeText;
import dev.vidgen.journal.jdbc.Journals;
import dev.vidgen.serve.history.BatchOrigin;
import dev.vidgen.serve.history.HistoryEntry;
import dev.vidgen.serve.history.TaskHistory;
import dev.vidgen.serve.history.UnusableResults;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Writes each task a batch makes into the task history, as {@code generate} writes its own: when its create is
 * answered and again when it completes or fails, marked with the batch it belongs to ({@link BatchOrigin}), so that
 * {@code generate}'s same-job check, another batch file's warning and {@code vidgen history} see it. A create that
 * got no answer (the journal keeps its job {@code submitting} or {@code unknown}) is written as a note ({@link
 * BatchCreateNote}), as {@code generate} notes its own, which gives way to the task's line once the batch finds the
 * task. The journal stays the batch's record: the lines are appended in order on a thread of their own (a plain
 * append, no sync), a history that cannot be written is one warning at the end, and nothing here holds the batch back
 * or fails it.
 */
final class BatchHistory extends ForwardingBatchListener {
  /** What the history says made the batch's tasks. */
  static final String SOURCE = "batch";
  /** How long the end of the run waits for the lines still to append. */
  static final Duration DRAIN_WAIT = Duration.ofSeconds(10);

  private final Session session;
  private final String providerId;
  /** Null when nothing is written: no history, or the mock. */
  private final TaskHistory history;
  private final BatchOrigin origin;
  private final Map<String, PlannedJob> jobs;
  private final ExecutorService writer;
  /** The task and status each job's last line was written with, so that a step the history knows is not written again. */
  private final Map<String, String> written = new ConcurrentHashMap<>();
  private volatile String unwritten;
  /** Each job's latest state this run, so that a create still unanswered when the run ends is noted then. */
  private final Map<String, Entry> latest = new ConcurrentHashMap<>();
  /**
   * When each job's create went out: as this run sent it, or, for a create of an earlier run (a worker whose lease
   * ended) found without an answer, as the journal kept it.
   */
  private final Map<String, Instant> sentAt = new ConcurrentHashMap<>();
  /**
   * The jobs whose create this run sent: only their tasks were followed from their start, so only their
   * ends say how long a task ran (one an earlier run made may have ended long before this run saw it).
   */
  private final Set<String> sentHere = ConcurrentHashMap.newKeySet();
  /** The jobs whose task was made but not journaled: told apart, never noted as unanswered. */
  private final Set<String> notJournaled = ConcurrentHashMap.newKeySet();
  /** This batch's open notes in the history, by name; read once, on the writer's thread only. */
  private Map<String, HistoryEntry> openNotes;
  /** The notes of creates without a client reference whose job was sent again since: they stay open. */
  private final Set<String> sentAgain = new HashSet<>();

  private BatchHistory(BatchListener next, Session session, String providerId, TaskHistory history,
      BatchOrigin origin, BatchPlan plan) {
    super(next);
    this.session = session;
    this.providerId = providerId;
    this.history = history;
    this.origin = origin;
    this.jobs = plan.jobs().stream().collect(Collectors.toMap(PlannedJob::key, Function.identity(),
        (first, second) -> first));
    this.writer = history == null ? null : Executors.newSingleThreadExecutor(DaemonThreads.named("vidgen-batch-history"));
  }

  /**
   * A listener that writes the batch's tasks into the history before passing every event to {@code next}; it writes
   * nothing when there is no history (no data folder) or the provider is the mock, which charges nothing.
   */
  static BatchHistory around(BatchListener next, Session session, String providerId, BatchPlan plan,
      BatchOrigin origin) {
    Optional<TaskHistory> history = HistoryRecord.history(session.context());
    boolean kept = history.isPresent() && !providerId.equals(ProviderChoice.MOCK);
    return new BatchHistory(next, session, providerId, kept ? history.get() : null, origin, plan);
  }

  /**
   * The batch named {@code batch} kept in the journal at {@code location} (a file, or a database URL, which is kept
   * without its query or user info, where a password may be).
   */
  static BatchOrigin origin(String batch, String location) {
    String where = location.strip();
    if (!Journals.isUrl(where)) {
      return new BatchOrigin(batch, Path.of(where).toAbsolutePath().normalize().toString());
    }
    int query = where.indexOf('?');
    String url = query >= 0 ? where.substring(0, query) : where;
    int slashes = url.indexOf("//");
    int at = url.indexOf('@');
    if (slashes >= 0 && at > slashes) {
      url = url.substring(0, slashes + 2) + url.substring(at + 1);
    }
    return new BatchOrigin(batch, url);
  }

  @Override
  public void onWritten(Entry entry) {
    try {
      toHistory(entry);
    } catch (RuntimeException notWritten) {
      unwritten = unwritten != null ? unwritten : SafeText.clean(String.valueOf(notWritten.getMessage()));
    }
    super.onWritten(entry);
  }

  @Override
  public void onLookingUp(Entry entry) {
    // A create of an earlier run that got no answer (its process stopped, or its look-up failed): noted before the
    // look-up, which may take a minute; the task it finds replaces the note.
    PlannedJob job = jobs.get(entry.key());
    if (writer != null && job != null && entry.taskId() == null) {
      later(() -> note(job, entry, entry.updatedAt()));
    }
    super.onLookingUp(entry);
  }

  @Override
  public void onUnansweredFound(Entry entry) {
    // The journal's row, before this run writes to it, holds when that create went out; the writes that follow
    // (unknown, or another key's mark) are this run's, not the create's.
    if (writer != null && jobs.containsKey(entry.key())) {
      sentAt.put(entry.key(), whenWritten(entry));
    }
    super.onUnansweredFound(entry);
  }

  @Override
  public void onTaskNotJournaled(Entry entry, String taskId, Throwable cause) {
    notJournaled.add(entry.key());
    super.onTaskNotJournaled(entry, taskId, cause);
  }

  private void toHistory(Entry entry) {
    PlannedJob job = jobs.get(entry.key());
    if (writer != null && job != null) {
      latest.put(entry.key(), entry);
    }
    if (writer != null && job != null && entry.taskId() == null) {
      if (entry.state() == State.SUBMITTING && !entry.createWaiting() && entry.reasonCode() == null) {
        // A create going out (a mark of another key's create written by a run that takes it over has a reason).
        sentAt.put(entry.key(), whenWritten(entry));
        sentHere.add(entry.key());
        later(() -> sending(entry));
      } else if (entry.state() == State.UNKNOWN) {
        Instant sent = sentAt.getOrDefault(entry.key(), whenWritten(entry));
        later(() -> note(job, entry, sent));
      }
    }
    if (writer == null || job == null || entry.taskId() == null || entry.handle() == null
        || !(entry.state() == State.SUBMITTED || entry.state() == State.COMPLETED || entry.state() == State.FAILED)) {
      return; // no task to tell of: not sent, a create without an answer (noted above, or as the run ends), dropped
    }
    String step = entry.taskId() + " " + entry.state().id();
    if (step.equals(written.put(entry.key(), step))) {
      return; // a later write of the same step (the video's link noted before its download)
    }
    JobHandle handle = JobHandle.decode(entry.handle());
    Instant now = Instant.now();
    boolean followed = sentHere.contains(entry.key());
    writer.execute(() -> {
      try {
        HistoryEntry made = HistoryEntry.submitted(handle, job.job(), SOURCE)
            .withOut(job.out().toAbsolutePath().normalize().toString()).withBatch(origin);
        HistoryEntry line = RepeatCheck.identified(session, made, job.job());
        if (entry.state() == State.COMPLETED) {
          line = ended(line, entry.file() == null ? null : Path.of(entry.file()).toAbsolutePath().normalize()
              .toString(), now, followed);
        } else if (FailedCharges.expired(entry)) {
          // Its task completed (and was charged as such), but the video's link expired before it was saved: kept
          // completed, priced and marked expired, as generate records it, not as a failed task of unknown charge.
          line = ExpiredResults.mark(ended(line, null, now, followed), entry.expiresAt());
        } else if (FailedCharges.unusable(entry)) {
          // Its task completed (and was charged as such) with a video link vidgen does not fetch: kept completed,
          // priced and marked unusable with why, as generate records it, not as a failed task of unknown charge.
          line = UnusableResults.mark(ended(line, null, now, followed), UnusableLinks.problem(entry));
        } else if (entry.state() == State.FAILED) {
          line = followed ? line.failed(entry.reason(), now) : line.foundFailed(entry.reason(), now);
        }
        history.record(line);
        found(entry, handle);
      } catch (RuntimeException notWritten) {
        if (unwritten == null) {
          unwritten = SafeText.clean(String.valueOf(notWritten.getMessage()));
        }
      }
    });
  }

  /**
   * {@code line} completed at {@code at}: with how long its task ran when this run followed it from its create,
   * else with no run time (found ended, as a later command finds a task).
   */
  private static HistoryEntry ended(HistoryEntry line, String file, Instant at, boolean followed) {
    return followed ? line.completed(file, at) : line.foundCompleted(file, at);
  }

  /** When the journal last wrote {@code entry} (now when it does not say). */
  private static Instant whenWritten(Entry entry) {
    return entry.updatedAt() == null ? Instant.now() : entry.updatedAt();
  }

  /** Runs {@code write} on the writer's thread, in order; what it throws is the one warning at the end. */
  private void later(Runnable write) {
    try {
      writer.execute(() -> {
        try {
          write.run();
        } catch (RuntimeException notWritten) {
          if (unwritten == null) {
            unwritten = SafeText.clean(String.valueOf(notWritten.getMessage()));
          }
        }
      });
    } catch (RejectedExecutionException finished) {
      // The run has ended: nothing more is written.
    }
  }

  /** This batch's notes the history holds open, by name, read once (none when it cannot be read). */
  private Map<String, HistoryEntry> openNotes() {
    if (openNotes == null) {
      openNotes = new HashMap<>();
      try {
        history.entries().stream().filter(line -> origin.equals(line.batch())
                && line.status().equals(HistoryEntry.UNKNOWN) && line.jobHandle().isEmpty()
                && line.taskId().startsWith(HistoryEntry.UNANSWERED_PREFIX))
            .forEach(line -> openNotes.putIfAbsent(line.taskId(), line));
      } catch (RuntimeException unreadable) {
        // Notes of earlier runs are then not replaced; this run's are.
      }
    }
    return openNotes;
  }

  /**
   * Writes the note of {@code entry}'s create, which got no answer ({@code sent} about when it went out), unless the
   * history holds it open already with as many takes.
   */
  private void note(PlannedJob job, Entry entry, Instant sent) {
    String name = BatchCreateNote.name(origin, entry);
    HistoryEntry open = openNotes().get(name);
    if (open != null && open.possibleTasks() >= entry.possibleTasks()) {
      return;
    }
    // The key the create went out with, as the journal keeps it: a worker that took the job over uses another.
    HistoryEntry note = RepeatCheck.identified(session, BatchCreateNote.of(origin, providerId, job, entry, sent,
        Instant.now()), job.job()).withKeyTag(entry.keyTag());
    history.record(note);
    openNotes().put(name, note);
  }

  /**
   * A job going out again: the open note of an earlier create of it without a client reference stays open, since
   * that create may have made a task of its own, which this one's answer does not find.
   */
  private void sending(Entry entry) {
    String name = BatchCreateNote.name(origin, entry);
    if (entry.clientReference() == null && openNotes().containsKey(name)) {
      sentAgain.add(name);
    }
  }

  /** Replaces the open note of the create that made {@code handle}'s task (looked up, adopted) with that task. */
  private void found(Entry entry, JobHandle handle) {
    String name = BatchCreateNote.name(origin, entry);
    HistoryEntry open = openNotes().get(name);
    if (open == null || sentAgain.contains(name)) {
      return;
    }
    history.record(open.foundAs(handle, Instant.now()));
    openNotes().remove(name);
  }

  /**
   * Waits (at most {@link #DRAIN_WAIT}) for the lines still to append, then says once, as {@code generate} does, when
   * the history could not be written: the batch's tasks are in its journal, but the same job elsewhere is not noticed.
   */
  void finish() {
    if (writer == null) {
      return;
    }
    // A create still without an answer as the run ends (its look-up failed or was cut short, the process stopping):
    // the journal keeps the job submitting, and so the history notes it.
    latest.values().stream().filter(entry -> entry.state() == State.SUBMITTING && entry.taskId() == null
            && !entry.createWaiting() && !notJournaled.contains(entry.key()))
        .forEach(entry -> later(() -> note(jobs.get(entry.key()), entry,
            sentAt.getOrDefault(entry.key(), whenWritten(entry)))));
    writer.shutdown();
    try {
      if (!writer.awaitTermination(DRAIN_WAIT.toMillis(), TimeUnit.MILLISECONDS)) {
        writer.shutdownNow();
        unwritten = unwritten != null ? unwritten : "its writes took longer than " + DRAIN_WAIT.toSeconds() + " s";
      }
    } catch (InterruptedException e) {
      writer.shutdownNow();
      Thread.currentThread().interrupt();
    } catch (RejectedExecutionException e) {
      // Shut down already.
    }
    if (unwritten != null) {
      session.warn(HistoryRequirement.NOT_RECORDED, "some of this batch's tasks are not recorded in the task history "
          + history.file() + " (" + SafeText.clip(unwritten, 300) + "): they are in the batch's journal, which the"
          + " same command follows, but vidgen generate and other batch files will not notice them as the same job"
          + " and may pay for them again");
    }
  }
}
