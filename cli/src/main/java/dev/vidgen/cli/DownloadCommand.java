package dev.vidgen.cli;

import dev.vidgen.core.domain.TaskSnapshot;
import dev.vidgen.core.domain.TaskStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code vidgen download TASK_ID [--out FILE]}: saves the video of a completed task, without waiting. */
@Command(name = "download", sortOptions = false,
    description = "Save the video of a completed task (results are kept for a limited time: 24 hours on toapis and"
        + " the mock); does not wait.")
final class DownloadCommand extends TaskCommand {
  @Mixin SavedVideoOptions saving;

  @Override
  int run(Session session, Output output) {
    Target target = openWritingTo(session, OutTarget.orHere(saving.out), saving.force, output);
    // Named by its unanswered create's name: the video goes where that create's command was told to put it.
    OutTarget asked = saving.unansweredCreatesOut(session, target, output).orElse(saving.out);
    // A task the history has with the --out it was made with: saved there, unless another --out is given.
    OutTarget out = asked == null ? saving.madeWithOut(session, target, output).orElse(null) : asked;
    return save(session, target, asked, OutTarget.orHere(out), output);
  }

  /**
   * Saves the task's video to {@code out}; {@code asked} is the {@code --out} given (or an unanswered create's; null
   * for none), against which a video the history says is saved already is judged.
   */
  private int save(Session session, Target target, OutTarget asked, OutTarget out, Output output) {
    // Without --out the commands printed name this folder, so that they save here from anywhere.
    String outWords = out.text() == null ? out.path(session.context()) + java.io.File.separator
        : out.forCommands(session.context());
    // A task the provider forgot whose video is saved where this download would put it: nothing to do.
    return ForgottenTasks.orSaved(session, target, asked, saving.force, false, output, () -> target.recorded(() -> {
      String again = saving.force ? Failures.downloadCommand(target.handle(), session, "--out",
          outWords, "--force")
          : Failures.downloadCommand(target.handle(), session, "--out", outWords);
      TaskSnapshot snapshot = readStatus(target, " and no file was written", again, output);
      if (snapshot.status() != TaskStatus.COMPLETED) {
        target.history().ifPresent(history -> history.seen(snapshot));
        session.remember(target.handle(), snapshot); // so that --json's status and progress are this read's
        throw new CliException(ExitCodes.OTHER, "not_finished",
            "task " + target.handle().taskId() + " is not finished yet (" + Views.status(snapshot) + ")",
            NextStep.saying("wait for it and save it with: ",
                Failures.setUpCommand("wait", target.handle(), session, "--out", outWords)));
      }
      return Finisher.save(session, target.client(), target.handle(), snapshot, out, saving.force, output);
    }));
  }

  @Override
  boolean writesVideoToStdout() {
    return saving.toStdout();
  }
}
