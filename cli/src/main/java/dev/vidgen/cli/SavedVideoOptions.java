package dev.vidgen.cli;

import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * Where the commands that save the video of an existing task ({@code wait}, {@code download}) put it: their
 * {@code --out} and {@code --force}, and the {@code --out} that an unanswered create's command had.
 */
final class SavedVideoOptions {
  @Option(names = "--out", paramLabel = "FILE|FOLDER/|-", converter = OutTarget.Converter.class,
      description = "Where to save the video: a file, a folder (ending in / or existing; made if missing) that gets"
          + " <task-id>.mp4, or - for stdout (default: <task-id>.mp4 here; for an unanswered create's name, the --out"
          + " its command had).")
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
}
