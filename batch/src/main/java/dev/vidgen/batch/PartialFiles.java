package dev.vidgen.batch;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/** Removes half-written downloads (temporary {@code .<name>.<random>.part} files) a crash left beside a target. */
final class PartialFiles {
  private PartialFiles() {}

  /** Deletes the leftovers of {@code target}; returns how many were found. */
  static int clean(Path target) {
    Path dir = target.toAbsolutePath().getParent();
    if (dir == null || !Files.isDirectory(dir)) {
      return 0;
    }
    String prefix = "." + target.getFileName() + ".";
    int removed = 0;
    try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(dir, path -> {
      String name = path.getFileName().toString();
      return name.startsWith(prefix) && name.endsWith(".part");
    })) {
      for (Path leftover : leftovers) {
        Files.deleteIfExists(leftover);
        removed++;
      }
    } catch (IOException e) {
      return removed;
    }
    return removed;
  }
}
