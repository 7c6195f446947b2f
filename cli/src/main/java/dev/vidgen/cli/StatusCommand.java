package dev.vidgen.cli;

import dev.vidgen.core.client.JobHandle;
import dev.vidgen.core.client.TaskFailedException;
import dev.vidgen.core.domain.TaskSnapshot;
import dev.vidgen.core.domain.TaskStatus;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;

/**
 * {@code vidgen status TASK_ID}: one status read, which also brings the task history up to date.
 * Exit 6 when the task failed.
 */
@Command(name = "status", sortOptions = false, description = "Show where a task stands (one status read).")
final class StatusCommand extends TaskCommand {

  @Override
  int run(Session session, Output output) {
    Target target = open(session, output);
    TaskSnapshot snapshot;
    try {
      snapshot = readStatus(target);
    } catch (TaskFailedException failed) {
      target.history().ifPresent(history -> history.failed(failed));
      throw failed;
    }
    target.history().ifPresent(history -> history.seen(snapshot));
    output.object(Views.taskJson(target.handle(), snapshot));
    Map<String, String> fields = new LinkedHashMap<>(Views.taskFields(target.handle(), snapshot));
    boolean expired = snapshot.video() != null && snapshot.video().isExpiredAt(Instant.now());
    fields.put("next", expired ? "the video's link has expired; generate it again"
        : snapshot.status() == TaskStatus.COMPLETED
        ? Failures.taskCommand("download", target.handle(), session) + " --out FILE"
        : target.history().isPresent() || target.handle().model().equals(JobHandle.UNKNOWN_MODEL)
            ? Failures.resumeCommand(target.handle(), session)
        // Not in this machine's history: the handle carries the model and price that the bare id would lose.
        : Failures.taskCommand("wait", target.handle().encode(), target.handle().providerId(), session,
            session.resumeOptions().toArray(String[]::new)));
    output.fields(fields);
    return ExitCodes.DONE;
  }
}
