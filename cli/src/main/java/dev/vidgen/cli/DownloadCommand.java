package dev.vidgen.cli;

import dev.vidgen.core.domain.TaskSnapshot;
import dev.vidgen.core.domain.TaskStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code vidgen download TASK_ID [--out FILE]}: saves the video of a completed task, without waiting. */
@Command(name = "download", sortOptions = false,
    description = "Save the video of a completed task (results are kept for a limited time: 24 hours on toapis and"
        + " the mock); does not wait.")
final class DownloadCommand extends TaskCommand {
  @Option(names = "--out", paramLabel = "FILE|FOLDER/|-", converter = OutTarget.Converter.class,
      description = "Where to save the video: a file, a folder (ending in / or existing; made if missing) that gets"
          + " <task-id>.mp4, or - for stdout (default: <task-id>.mp4 here; for an unanswered create's name, the --out"
          + " its command had).")
  OutTarget out;

  @Option(names = "--force", description = "Replace the --out file when it exists (without it, vidgen refuses).")
  boolean force;

  @Override
  int run(Session session, Output output) {
    Target target = openWritingTo(session, OutTarget.orHere(out), force, output);
    OutTarget out = this.out;
    if (out == null && session.unansweredOut().isPresent()) {
      // Named by its unanswered create's name: the video goes where that create's command was told to put it.
      out = new OutTarget(session.unansweredOut().get());
      out.requireWritable(session, force, target.handle().taskId().value());
      output.note("saving the video to " + out.text() + ", the --out of the command whose create this was");
    }
    return save(session, target, OutTarget.orHere(out), output);
  }

  private int save(Session session, Target target, OutTarget out, Output output) {
    // Without --out the commands printed name this folder, so that they save here from anywhere.
    String outWords = out.text() == null ? out.path(session.context()) + java.io.File.separator
        : out.forCommands(session.context());
    // A task the provider forgot whose video is saved where this download would put it: nothing to do.
    return ForgottenTasks.orSaved(session, target, out, force, false, output, () -> target.recorded(() -> {
      String again = force ? Failures.downloadCommand(target.handle(), session, "--out",
          outWords, "--force")
          : Failures.downloadCommand(target.handle(), session, "--out", outWords);
      TaskSnapshot snapshot = readStatus(target, " and no file was written", again, output);
      if (snapshot.status() != TaskStatus.COMPLETED) {
        target.history().ifPresent(history -> history.seen(snapshot));
        session.remember(target.handle(), snapshot); // so that --json's status and progress are this read's
        throw new CliException(ExitCodes.OTHER, "not_finished",
            "task " + target.handle().taskId() + " is not finished yet (" + Views.status(snapshot) + ")",
            "wait for it and save it with: "
                + Failures.setUpCommand("wait", target.handle(), session, "--out", outWords));
      }
      return Finisher.save(session, target.client(), target.handle(), snapshot, out, force, output);
    }));
  }

  @Override
  boolean writesVideoToStdout() {
    return out != null && out.isStdout();
  }
}
