package dev.vidgen.cli;

import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * Where the commands that save the video of an existing task ({@code wait}, {@code download}) put it: their
 * {@code --out} and {@code --force}, else the {@code --out} that an unanswered create's command had, else the one the
 * history recorded the task with.
 */
final class SavedVideoOptions {
  @Option(names = "--out", paramLabel = "FILE|FOLDER/|-", converter = OutTarget.Converter.class,
      description = "Where to save the video: a file, a folder (ending in / or existing; made if missing) that gets"
          + " <task-id>.mp4, or - for stdout (default: the --out the task was made with, as the task history has it;"
          + " for an unanswered create's name, the --out its command had; else <task-id>.mp4 here).")
  OutTarget out;

  @Option(names = "--force", description = "Replace the --out file when it exists (without it, vidgen refuses).")
  boolean force;

  /** Whether {@code --out -} sends the video to stdout. */
  boolean toStdout() {
    return out != null && out.isStdout();
  }

  /**
   * Without {@code --out}, for a task named by its unanswered create's name: the {@code --out} that create's command
   * had, checked writable and told; otherwise empty.
   */
  Optional<OutTarget> unansweredCreatesOut(Session session, TaskCommand.Target target, Output output) {
    if (out != null || session.unansweredOut().isEmpty()) {
      return Optional.empty();
    }
    OutTarget recorded = new OutTarget(session.unansweredOut().get());
    recorded.requireWritable(session, force, target.handle().taskId().value());
    output.note("saving the video to " + recorded.text() + ", the --out of the command whose create this was");
    return Optional.of(recorded);
  }

  /**
   * Without {@code --out}, for a task the history has with the {@code --out} it was made with (and no unanswered
   * create's): that target, checked writable and told. Empty otherwise, and where the history noted that saving
   * there fails the same way again, or this locale cannot name it: the video then goes here, as before.
   */
  Optional<OutTarget> madeWithOut(Session session, TaskCommand.Target target, Output output) {
    if (out != null || session.unansweredOut().isPresent()) {
      return Optional.empty();
    }
    Optional<HistoryRecord> record = target.history();
    Optional<String> kept = record.flatMap(HistoryRecord::out);
    if (kept.isEmpty() && record.filter(HistoryRecord::outNotKept).isPresent()) {
      sayOutNotKept(session, target, record.get(), output);
    }
    if (kept.isEmpty() || record.flatMap(HistoryRecord::savesElsewhere).isPresent()) {
      return Optional.empty();
    }
    if (!LocalePaths.canName(kept.get())) {
      output.note("task " + target.handle().taskId().value() + " was made with --out " + kept.get() + ", but "
          + LocalePaths.cannotName(kept.get()) + "; saving it here instead (" + LocalePaths.NEXT
          + " to save it there)");
      return Optional.empty();
    }
    OutTarget made = new OutTarget(kept.get());
    made.requireWritable(session, force, target.handle().taskId().value());
    output.note("saving the video to " + made.forCommands(session.context()) + ", the --out the task was made with;"
        + " give --out to save elsewhere");
    return Optional.of(made);
  }

  /**
   * Says, for a task whose line an older vidgen wrote without the {@code --out} it was made with, that this is not
   * known and that the video goes to the working folder (for a playground task, the playground's videos folder is
   * where {@code vidgen serve} would save it), so that it is not looked for in the wrong place.
   */
  private static void sayOutNotKept(Session session, TaskCommand.Target target, HistoryRecord record, Output output) {
    String taskId = target.handle().taskId().value();
    String here = session.workingFolderOut() + taskId + ".mp4";
    output.note("task " + taskId + "'s line in the task history keeps no --out (an older vidgen wrote it, before the"
        + " history kept it), so where it was made to go is not known; saving the video to " + here + " in the"
        + " working folder; give --out to save it elsewhere" + (record.madeInPlayground()
            ? playgroundFolder(session, record).map(folder -> " (it was made in the playground, whose videos folder"
                + " the history shows as " + folder + ": --out " + folder + " saves it there)")
                .orElse(" (it was made in the playground: vidgen serve saves its videos in the videos folder of its"
                    + " --out)")
            : ""));
  }

  private static Optional<String> playgroundFolder(Session session, HistoryRecord record) {
    try {
      return HistoryRecord.history(session.context())
          .flatMap(history -> PlaygroundVideos.folderOf(record.entry(), history.entries()));
    } catch (RuntimeException unreadable) {
      return Optional.empty();
    }
  }
}
