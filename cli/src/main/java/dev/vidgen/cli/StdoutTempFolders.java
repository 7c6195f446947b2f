package dev.vidgen.cli;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * The private folders in which {@code --out -} downloads a video whole before copying it to standard
 * output. Each run removes its own; one left by a run killed outright ({@code kill -9}), which no
 * clean-up reaches, is removed by a later run once it is a day old, older than any download lasts.
 */
final class StdoutTempFolders {
  static final String PREFIX = "vidgen-stdout-";
  static final Duration LEFT_BEHIND_AFTER = Duration.ofDays(1);

  private StdoutTempFolders() {}

  /** A new private folder under {@code parent}, after removing those there that runs left behind. */
  static Path create(Path parent, Instant now) throws IOException {
    sweep(parent, now);
    return Files.createTempDirectory(parent, PREFIX);
  }

  /** Removes the folders of this kind under {@code parent} not written for {@link #LEFT_BEHIND_AFTER}; quietly. */
  static void sweep(Path parent, Instant now) {
    try (DirectoryStream<Path> folders = Files.newDirectoryStream(parent, PREFIX + "*")) {
      for (Path folder : folders) {
        try {
          if (Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS) && Files.getLastModifiedTime(folder,
              LinkOption.NOFOLLOW_LINKS).toInstant().isBefore(now.minus(LEFT_BEHIND_AFTER))) {
            removeWithItsFiles(folder);
          }
        } catch (IOException | SecurityException another) {
          // Someone else's, or in use: left as it is.
        }
      }
    } catch (IOException | SecurityException unreadable) {
      // No temporary folder to look in: nothing left behind to remove.
    }
  }

  private static void removeWithItsFiles(Path folder) throws IOException {
    try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
      for (Path file : files) {
        if (!Files.isDirectory(file, LinkOption.NOFOLLOW_LINKS)) {
          Files.deleteIfExists(file);
        }
      }
    }
    Files.deleteIfExists(folder);
  }
}
