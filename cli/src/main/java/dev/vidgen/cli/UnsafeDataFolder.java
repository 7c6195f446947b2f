package dev.vidgen.cli;

import dev.vidgen.core.files.PrivatePaths;
import dev.vidgen.serve.history.TaskHistory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A data folder, or one of vidgen's own files or folders in it, that is not this user's alone (a symbolic link,
 * another user's, or writable by group or others, as ssh refuses for {@code ~/.ssh}), met before the command does
 * anything: another local user could read the task history, or have it appended to a file of theirs. A command that
 * needs the history stops with nothing sent; one that follows a paid task warns and goes on without it.
 */
final class UnsafeDataFolder {
  /** What vidgen keeps in the data folder besides the folder itself (and the markers in {@code running/}). */
  private static final List<String> OWN = List.of("history.jsonl", "history.jsonl.lock", "running", "playground",
      "sqlite-native");

  private UnsafeDataFolder() {}

  /** The first problem of the data folder of {@code env} or of vidgen's own paths in it; empty when none has one. */
  static Optional<PrivatePaths.Problem> of(Map<String, String> env) {
    Optional<Path> named = TaskHistory.dataFolder(env);
    if (named.isEmpty()) {
      return Optional.empty();
    }
    Path folder = TaskHistory.in(named.get()).file().getParent();
    return PrivatePaths.folderProblem(folder).or(() -> OWN.stream().map(folder::resolve)
        .map(PrivatePaths::problem).flatMap(Optional::stream).findFirst())
        .or(() -> markerProblem(folder.resolve("running")));
  }

  private static Optional<PrivatePaths.Problem> markerProblem(Path running) {
    if (!Files.isDirectory(running, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.empty();
    }
    try (Stream<Path> markers = Files.list(running)) {
      return markers.map(PrivatePaths::problem).flatMap(Optional::stream).findFirst();
    } catch (IOException | RuntimeException unreadable) {
      return Optional.empty(); // a folder that cannot be listed is told by the history's own use of it
    }
  }

  /**
   * The refusal of {@code session}'s command, which does {@code use} with the data folder, when that folder is not
   * this user's alone; empty when it is, when the command never uses it, or when it follows tasks (then warned, in
   * {@code --json}'s warnings too: the history's own reads and writes refuse such paths, and its video is still saved).
   */
  static Optional<CliException> check(Session session, DataFolderUse use) {
    if (use == DataFolderUse.NONE) {
      return Optional.empty();
    }
    Map<String, String> env = session.context().env();
    Optional<PrivatePaths.Problem> found = of(env);
    if (found.isEmpty()) {
      return Optional.empty();
    }
    PrivatePaths.Problem problem = found.get();
    String folder = TaskHistory.in(TaskHistory.dataFolder(env).orElseThrow()).file().getParent().toString();
    String said = "the data folder " + folder + " is not yours alone: " + problem.what() + ", so another user could"
        + " read the task history (task ids, prompts, base URLs) or have it written into a file of theirs";
    String elsewhere = "set " + TaskHistory.HOME_VARIABLE + " to a folder of your own (mkdir -m 700 FOLDER)"
        + (env.getOrDefault(TaskHistory.HOME_VARIABLE, "").isBlank() ? ""
        : ", or unset it for the default folder");
    String fix = problem.fix().isEmpty() ? elsewhere : problem.fix() + ", or " + elsewhere;
    if (use == DataFolderUse.FOLLOWS_TASKS) {
      if (problem.path().startsWith(Path.of(folder, "playground"))
          || problem.path().startsWith(Path.of(folder, "sqlite-native"))) {
        return Optional.empty(); // neither is used by a command that follows a task
      }
      // A paid task's video is still saved; only its line in the task history waits for a folder of this user's own.
      session.warn(HistoryRequirement.NONE, said + "; this run opens nothing there through a link or in a folder others"
          + " may write, so its task may go unrecorded (the video is still saved where --out says, else in the working"
          + " folder); to keep it in the history: " + fix);
      return Optional.empty();
    }
    return Optional.of(CliException.usage(said + "; nothing was sent", fix));
  }
}
