package dev.vidgen.cli;

import dev.vidgen.core.client.DeadlineExceededException;
import dev.vidgen.core.client.JobHandle;
import dev.vidgen.core.client.TaskFailedException;
import dev.vidgen.core.domain.TaskFailure;
import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.serve.history.HistoryEntry;
import dev.vidgen.serve.history.TaskHistory;
import java.time.Instant;
import java.util.Optional;
import java.util.function.IntSupplier;

/**
 * What {@code generate} tells the task history: the task as soon as the provider gave it an id
 * (before the first status read, so that a paid task id survives a closed terminal), then how it
 * ended. Never fails the command: a history that cannot be written costs a note on stderr.
 */
final class HistoryRecord {
  private final Session session;
  private final Output output;
  private final TaskHistory history;
  private HistoryEntry entry;

  private HistoryRecord(Session session, Output output, TaskHistory history, HistoryEntry entry) {
    this.session = session;
    this.output = output;
    this.history = history;
    this.entry = entry;
  }

  /** The history of this environment, when it has a data folder. */
  static Optional<TaskHistory> history(CliContext context) {
    return TaskHistory.dataFolder(context.env()).map(TaskHistory::in);
  }

  /** Records the task just submitted as queued. */
  static HistoryRecord start(Session session, JobHandle handle, VideoJob job, Output output) {
    return start(session, handle, job, "generate", output);
  }

  /** Records the task just submitted by {@code source} (a command name) as queued. */
  static HistoryRecord start(Session session, JobHandle handle, VideoJob job, String source, Output output) {
    HistoryEntry entry = HistoryEntry.submitted(handle, job, source);
    HistoryRecord record = new HistoryRecord(session, output, history(session.context()).orElse(null), entry);
    record.write(entry);
    return record;
  }

  /** Runs the wait (and download), then records how it ended; the wait's result or failure passes through. */
  int finish(IntSupplier waitAndSave) {
    try {
      int exitCode = waitAndSave.getAsInt();
      write(entry.completed(session.savedFile().map(Object::toString).orElse(null), Instant.now()));
      return exitCode;
    } catch (TaskFailedException failed) {
      String words = failed.snapshot() == null ? failed.getMessage()
          : failed.snapshot().failureReason().map(TaskFailure::toString).orElse(failed.getMessage());
      write(entry.failed(words, Instant.now()));
      throw failed;
    } catch (DeadlineExceededException deadline) {
      if (deadline.lastSnapshot() != null && !deadline.lastSnapshot().status().isTerminal()) {
        write(entry.withStatus(deadline.lastSnapshot().status().id(), Instant.now()));
      }
      throw deadline;
    }
  }

  private void write(HistoryEntry next) {
    entry = next;
    if (history == null) {
      return;
    }
    try {
      history.record(next);
    } catch (RuntimeException e) {
      output.note("could not record task " + next.taskId() + " in the history (" + e.getMessage() + ")");
    }
  }
}
