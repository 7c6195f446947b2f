package dev.vidgen.cli;

import dev.vidgen.serve.history.TaskHistory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * What plainly keeps a data folder from holding the task history (a file where the folder, or a folder above it,
 * would be; a folder where the history's file would be) and the fix, so that a run says it once rather than each
 * read and write of the history that fails because of it.
 *
 * @param problem what stands in the way, naming the path
 * @param fix what to do about it
 */
record DataFolderTrouble(String problem, String fix) {
  /** The trouble of the history file {@code historyFile} in environment {@code env}; empty when nothing plainly stands in its way. */
  static Optional<DataFolderTrouble> of(Path historyFile, Map<String, String> env) {
    Path folder = historyFile.getParent();
    String variable = env.getOrDefault(TaskHistory.HOME_VARIABLE, "").isBlank() ? ""
        : " (" + TaskHistory.HOME_VARIABLE + ")";
    Path existing = nearestExisting(folder);
    if (existing != null && !Files.isDirectory(existing)) {
      return Optional.of(new DataFolderTrouble(existing + (Files.isRegularFile(existing) ? " is a file, not a folder"
          : " is not a folder") + ", so the data folder " + folder + variable + " cannot be there",
          "move the file aside, or set " + TaskHistory.HOME_VARIABLE + " to a folder"));
    }
    if (Files.isDirectory(historyFile)) {
      return Optional.of(new DataFolderTrouble(historyFile + " is a folder, not the history's file",
          "move it aside, or set " + TaskHistory.HOME_VARIABLE + " to another folder"));
    }
    return Optional.empty();
  }

  /** The warning of a run that goes on without the history. */
  String warning() {
    return "no task history: " + problem + ": no task of this run is recorded, and the same job run again will not"
        + " notice it and will pay again; " + fix;
  }

  /** {@code path} or its nearest ancestor that exists; null when none does. */
  private static Path nearestExisting(Path path) {
    Path at = path;
    while (at != null && !Files.exists(at)) {
      at = at.getParent();
    }
    return at;
  }
}
