package dev.vidgen.cli;

import dev.vidgen.core.domain.TaskSnapshot;
import dev.vidgen.core.domain.TaskStatus;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vidgen download TASK_ID --out FILE}: saves the video of a completed task, without waiting. */
@Command(name = "download", sortOptions = false,
    description = "Save the video of a completed task (results are kept 24 hours); does not wait.")
final class DownloadCommand extends TaskCommand {
  @Option(names = "--out", paramLabel = "FILE", required = true,
      description = "Where to save the video (a folder keeps the name <task-id>.mp4).")
  Path out;

  @Override
  int run(Session session, Output output) {
    Finisher.requireWritable(session.context(), out);
    Target target = open(session);
    TaskSnapshot snapshot = readStatus(target);
    if (snapshot.status() != TaskStatus.COMPLETED) {
      throw new CliException(ExitCodes.OTHER, "not_finished",
          "task " + target.handle().taskId() + " is not finished yet (" + Views.status(snapshot) + ")",
          "wait for it and save it with: " + Failures.resumeCommand(target.handle(), session) + " --out " + out);
    }
    return Finisher.save(session, target.client(), target.handle(), snapshot, out, output);
  }
}
