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
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
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
 * {@code generate}'s same-job check, another batch file's warning and {@code vidgen history} see it. The journal stays
 * the batch's record: the lines are appended in order on a thread of their own (a plain append, no sync), a history
 * that cannot be written is one warning at the end, and nothing here holds the batch back or fails it.
 */
final class BatchHistory extends ForwardingBatchListener {
  /** What the history says made the batch's tasks. */
  static final String SOURCE = "batch";
  /** How long the end of the run waits for the lines still to append. */
  static final Duration DRAIN_WAIT = Duration.ofSeconds(10);

  private final Session session;
  /** Null when nothing is written: no history, or the mock. */
  private final TaskHistory history;
  private final BatchOrigin origin;
  private final Map<String, PlannedJob> jobs;
  private final ExecutorService writer;
  /** The task and status each job's last line was written with, so that a step the history knows is not written again. */
  private final Map<String, String> written = new ConcurrentHashMap<>();
  private volatile String unwritten;

  private BatchHistory(BatchListener next, Session session, TaskHistory history, BatchOrigin origin, BatchPlan plan) {
    super(next);
    this.session = session;
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
    return new BatchHistory(next, session, kept ? history.get() : null, origin, plan);
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

  private void toHistory(Entry entry) {
    PlannedJob job = jobs.get(entry.key());
    if (writer == null || job == null || entry.taskId() == null || entry.handle() == null
        || !(entry.state() == State.SUBMITTED || entry.state() == State.COMPLETED || entry.state() == State.FAILED)) {
      return; // no task to tell of: not sent, a create without an answer (the journal follows it), dropped
    }
    String step = entry.taskId() + " " + entry.state().id();
    if (step.equals(written.put(entry.key(), step))) {
      return; // a later write of the same step (the video's link noted before its download)
    }
    JobHandle handle = JobHandle.decode(entry.handle());
    Instant now = Instant.now();
    writer.execute(() -> {
      try {
        HistoryEntry made = HistoryEntry.submitted(handle, job.job(), SOURCE)
            .withOut(job.out().toAbsolutePath().normalize().toString()).withBatch(origin);
        HistoryEntry line = RepeatCheck.identified(session, made, job.job());
        if (entry.state() == State.COMPLETED) {
          line = line.completed(entry.file() == null ? null : Path.of(entry.file()).toAbsolutePath().normalize()
              .toString(), now);
        } else if (entry.state() == State.FAILED) {
          line = line.failed(entry.reason(), now);
        }
        history.record(line);
      } catch (RuntimeException notWritten) {
        if (unwritten == null) {
          unwritten = SafeText.clean(String.valueOf(notWritten.getMessage()));
        }
      }
    });
  }

  /**
   * Waits (at most {@link #DRAIN_WAIT}) for the lines still to append, then says once, as {@code generate} does, when
   * the history could not be written: the batch's tasks are in its journal, but the same job elsewhere is not noticed.
   */
  void finish() {
    if (writer == null) {
      return;
    }
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
