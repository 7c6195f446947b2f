package dev.vidgen.cli;

import dev.vidgen.core.client.JobHandle;
import dev.vidgen.core.client.TaskFailedException;
import dev.vidgen.core.client.VidgenClient;
import dev.vidgen.core.domain.TaskSnapshot;
import dev.vidgen.core.domain.TaskStatus;
import dev.vidgen.serve.history.HistoryEntry;
import java.util.Optional;
import java.util.function.IntSupplier;
import picocli.CommandLine.Parameters;

/**
 * A command about one existing task ({@code status}, {@code wait}, {@code download}): takes a
 * bare task id or an encoded job handle ({@code vg1....}), whose provider is used unless one is
 * named. A bare id of a task this machine submitted is read with what the task history knows of it
 * (its provider, model, price and creation time), and the history's entry is brought up to date.
 */
abstract class TaskCommand extends ClientCommand {
  private static final String HANDLE_PREFIX = "vg1.";

  @Parameters(index = "0", paramLabel = "TASK_ID",
      description = "The task id that generate printed, or its encoded job handle (vg1....).")
  String task;

  /** The client for this task's provider, and the task's handle (remembered by the session). */
  final Target open(Session session, Output output) {
    String text = task.strip();
    String providerHint = null;
    String hintSource = null;
    Optional<HistoryEntry> known = Optional.empty();
    if (text.startsWith(HANDLE_PREFIX)) {
      try {
        providerHint = JobHandle.decode(text).providerId();
        hintSource = "the job handle";
      } catch (IllegalArgumentException e) {
        throw CliException.usage("'" + text + "' is not a readable job handle",
            "give the task id or the handle exactly as vidgen printed it");
      }
    } else if (!text.isEmpty()) {
      known = HistoryRecord.known(session, null, text, output);
      providerHint = known.map(HistoryEntry::provider).orElse(null);
      hintSource = "the task history";
    }
    VidgenClient client = session.client(providerHint, hintSource, true);
    String providerId = client.provider().id();
    // A named provider other than the history's reads the id as a bare one of its own.
    String resumeFrom = known.filter(entry -> entry.provider().equals(providerId)).map(HistoryEntry::handle).orElse(text);
    JobHandle handle;
    try {
      handle = client.resume(resumeFrom);
    } catch (IllegalArgumentException e) {
      throw CliException.usage(e.getMessage(), "give the task id or the handle exactly as vidgen printed it");
    }
    session.remember(handle);
    return new Target(client, handle, HistoryRecord.existing(session, handle, output));
  }

  /**
   * One status read of the target's task.
   *
   * @throws TaskFailedException when the task failed
   */
  static TaskSnapshot readStatus(Target target) {
    TaskSnapshot snapshot = target.client().status(target.handle());
    if (snapshot.status() == TaskStatus.FAILED) {
      throw new TaskFailedException(target.handle(), snapshot);
    }
    return snapshot;
  }

  /**
   * The client, the task it is about and, when this machine submitted the task, its record in the
   * task history.
   */
  record Target(VidgenClient client, JobHandle handle, Optional<HistoryRecord> history) {
    /** Runs {@code work} (a wait, a download) and records how the task ended, when the history has it. */
    int recorded(IntSupplier work) {
      return history.map(record -> record.finish(work)).orElseGet(work::getAsInt);
    }
  }
}
