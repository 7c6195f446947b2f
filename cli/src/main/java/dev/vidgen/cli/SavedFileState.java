package dev.vidgen.cli;

import dev.vidgen.serve.history.HistoryEntry;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * Where the file the task history says a task's video was saved to stands now: still that video ({@link #SAVED}: the
 * check {@code wait} and {@code download} make, {@link SavedBefore}), written since ({@link #CHANGED}), or gone
 * ({@link #MISSING}). Only a saved file is ever called the task's video; the others are advised a download.
 */
enum SavedFileState {
  SAVED,
  CHANGED,
  MISSING;

  /** How {@code --json} spells it ({@code file_state}). */
  String json() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The state of {@code entry}'s saved file, made on the server its line records; empty when the entry names no file.
   * A name this locale cannot look at (a C locale, other letters) is taken as saved, the safe way: nothing is advised
   * that would pay again.
   */
  static Optional<SavedFileState> of(CliContext context, HistoryEntry entry) {
    String file = entry.file();
    if (file == null) {
      return Optional.empty();
    }
    Optional<Boolean> there = LocalePaths.exists(file);
    if (there.isEmpty()) {
      return Optional.of(SAVED);
    }
    if (!there.get()) {
      return Optional.of(MISSING);
    }
    boolean same = SavedBefore.of(context, entry.baseUrl(), entry.taskId(), Path.of(file)).isPresent();
    return Optional.of(same ? SAVED : CHANGED);
  }

  /**
   * The file of {@code entry} while it still holds the task's video ({@link #SAVED}), looked at; else empty, also for a
   * name this locale cannot look at.
   */
  static Optional<String> savedFile(CliContext context, HistoryEntry entry) {
    return of(context, entry).filter(SAVED::equals).map(state -> entry.file()).filter(LocalePaths::canName);
  }
}
