package dev.vidgen.cli;

import dev.vidgen.serve.history.HistoryEntry;
import java.io.File;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;

/**
 * The playground's videos folder as the task history shows it, for a playground task whose line keeps no
 * {@code --out} (an older {@code vidgen serve} wrote it): the folder of the newest playground line that keeps its
 * {@code --out} (the videos folder, as a newer playground records it) or a saved video.
 */
final class PlaygroundVideos {
  private PlaygroundVideos() {}

  /** The videos folder ({@code FOLDER/}) that {@code entry}, a playground task without {@code --out}, belongs to; empty when unknown. */
  static Optional<String> folderOf(HistoryEntry entry, Collection<HistoryEntry> entries) {
    if (!"serve".equals(entry.source()) || entry.out() != null) {
      return Optional.empty();
    }
    return entries.stream().filter(other -> "serve".equals(other.source()))
        .sorted(Comparator.comparing(HistoryEntry::updatedAt).reversed())
        .map(PlaygroundVideos::folder).flatMap(Optional::stream).findFirst();
  }

  private static Optional<String> folder(HistoryEntry entry) {
    try {
      if (entry.out() != null && entry.out().endsWith(File.separator)) {
        return Optional.of(entry.out());
      }
      return Optional.ofNullable(entry.file()).map(file -> Path.of(file).getParent()).filter(Objects::nonNull)
          .map(parent -> parent + File.separator);
    } catch (RuntimeException unnamable) { // a path this system cannot name
      return Optional.empty();
    }
  }
}
