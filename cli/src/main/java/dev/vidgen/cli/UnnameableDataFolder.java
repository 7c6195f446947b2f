package dev.vidgen.cli;

import dev.vidgen.serve.history.TaskHistory;
import java.util.Map;
import java.util.Optional;

/**
 * A data folder ({@code VIDGEN_HOME}, {@code XDG_DATA_HOME} or {@code HOME}) this locale cannot name, met before
 * the command does anything: a command that needs its task history stops, since the same job could be paid for
 * twice; one that follows a paid task warns and goes on, so its video is saved; one that never uses it runs.
 */
final class UnnameableDataFolder {
  private UnnameableDataFolder() {}

  /**
   * The refusal of {@code session}'s command, which does {@code use} with the data folder, when that folder cannot be
   * named; empty when it can, when the command never uses it, or when it follows tasks (then warned, in
   * {@code --json}'s warnings too).
   */
  static Optional<CliException> check(Session session, DataFolderUse use) {
    Map<String, String> env = session.context().env();
    if (use == DataFolderUse.NONE || TaskHistory.unnameableVariable(env).isEmpty()) {
      return Optional.empty();
    }
    String problem = TaskHistory.whyNoDataFolder(env);
    String fix = LocalePaths.NEXT + ", or set " + TaskHistory.HOME_VARIABLE + " to a folder whose path is ASCII";
    if (use == DataFolderUse.FOLLOWS_TASKS) {
      // A paid task's video is still saved; only its line in the task history waits for a locale that names it.
      session.warn(HistoryRequirement.NONE, problem + ", so this run neither reads nor records the task history (the video is"
          + " saved where --out says, else in the working folder); " + fix + " to keep it in the history");
      return Optional.empty();
    }
    return Optional.of(CliException.usage(problem + ", so the task history there cannot be read or written;"
        + " nothing was sent", fix));
  }
}
