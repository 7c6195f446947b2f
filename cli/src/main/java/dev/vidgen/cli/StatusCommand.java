package dev.vidgen.cli;

import dev.vidgen.core.domain.TaskSnapshot;
import dev.vidgen.core.domain.TaskStatus;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;

/** {@code vidgen status TASK_ID}: one status read. Exit 6 when the task failed. */
@Command(name = "status", sortOptions = false, description = "Show where a task stands (one status read).")
final class StatusCommand extends TaskCommand {

  @Override
  int run(Session session, Output output) {
    Target target = open(session);
    TaskSnapshot snapshot = readStatus(target);
    output.object(Views.taskJson(target.handle(), snapshot));
    Map<String, String> fields = new LinkedHashMap<>(Views.taskFields(target.handle(), snapshot));
    fields.put("next", snapshot.status() == TaskStatus.COMPLETED
        ? Failures.taskCommand("download", target.handle(), session) + " --out FILE"
        : Failures.resumeCommand(target.handle(), session));
    output.fields(fields);
    return ExitCodes.DONE;
  }
}
