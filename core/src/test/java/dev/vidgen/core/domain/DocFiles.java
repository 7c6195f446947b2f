package dev.vidgen.core.domain;

import java.nio.file.Files;
import java.nio.file.Path;

/** Finds a file of the repository from wherever the tests run (the module or the root). */
final class DocFiles {
  private DocFiles() {}

  /** The file at {@code relative} under the nearest folder (this one or a parent) that has it. */
  static Path find(String relative) {
    Path start = Path.of("").toAbsolutePath();
    for (Path dir = start; dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve(relative);
      if (Files.exists(candidate)) {
        return candidate;
      }
    }
    throw new AssertionError(relative + " not found above " + start);
  }
}
