package dev.vidgen.cli;

import dev.vidgen.core.domain.TaskSnapshot;
import dev.vidgen.core.domain.TaskStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vidgen download TASK_ID --out FILE}: saves the video of a completed task, without waiting. */
@Command(name = "download", sortOptions = false,
    description = "Save the video of a completed task (results are kept 24 hours); does not wait.")
final class DownloadCommand extends TaskCommand {
  @Option(names = "--out", paramLabel = "FILE", required = true, converter = OutTarget.Converter.class,
      description = "Where to save the video: a file, a folder (ending in / or existing; made if missing) that gets"
          + " <task-id>.mp4, or - for stdout.")
  OutTarget out;

  @Option(names = "--force", description = "Replace the --out file when it exists (without it, vidgen refuses).")
  boolean force;

  @Override
  int run(Session session, Output output) {
    out.requireWritable(session.context(), force, task);
    Target target = open(session, output);
    return target.recorded(() -> {
      String again = force ? Failures.downloadCommand(target.handle(), session, "--out",
          out.forCommands(session.context()), "--force")
          : Failures.downloadCommand(target.handle(), session, "--out", out.forCommands(session.context()));
      TaskSnapshot snapshot = readStatus(target, " and no file was written", again, output);
      if (snapshot.status() != TaskStatus.COMPLETED) {
        target.history().ifPresent(history -> history.seen(snapshot));
        session.remember(target.handle(), snapshot); // so that --json's status and progress are this read's
        throw new CliException(ExitCodes.OTHER, "not_finished",
            "task " + target.handle().taskId() + " is not finished yet (" + Views.status(snapshot) + ")",
            "wait for it and save it with: "
                + Failures.setUpCommand("wait", target.handle(), session, "--out", out.forCommands(session.context())));
      }
      return Finisher.save(session, target.client(), target.handle(), snapshot, out, force, output);
    });
  }

  @Override
  boolean writesVideoToStdout() {
    return out != null && out.isStdout();
  }
}
