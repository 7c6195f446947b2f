package dev.vidgen.cli;

import dev.vidgen.core.client.JobHandle;
import dev.vidgen.core.client.TaskFailedException;
import dev.vidgen.core.client.VidgenClient;
import dev.vidgen.core.domain.TaskSnapshot;
import dev.vidgen.core.domain.TaskStatus;
import picocli.CommandLine.Parameters;

/**
 * A command about one existing task ({@code status}, {@code wait}, {@code download}): takes a
 * bare task id or an encoded job handle ({@code vg1....}), whose provider is used unless one is
 * named.
 */
abstract class TaskCommand extends ClientCommand {
  private static final String HANDLE_PREFIX = "vg1.";

  @Parameters(index = "0", paramLabel = "TASK_ID",
      description = "The task id that generate printed, or its encoded job handle (vg1....).")
  String task;

  /** The client for this task's provider, and the task's handle (remembered by the session). */
  final Target open(Session session) {
    String text = task.strip();
    String providerFromHandle = null;
    if (text.startsWith(HANDLE_PREFIX)) {
      try {
        providerFromHandle = JobHandle.decode(text).providerId();
      } catch (IllegalArgumentException e) {
        throw CliException.usage("'" + text + "' is not a readable job handle",
            "give the task id or the handle exactly as vidgen printed it");
      }
    }
    VidgenClient client = session.client(providerFromHandle, true);
    JobHandle handle;
    try {
      handle = client.resume(text);
    } catch (IllegalArgumentException e) {
      throw CliException.usage(e.getMessage(), "give the task id or the handle exactly as vidgen printed it");
    }
    session.remember(handle);
    return new Target(client, handle);
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

  /** The client and the task it is about. */
  record Target(VidgenClient client, JobHandle handle) {}
}
