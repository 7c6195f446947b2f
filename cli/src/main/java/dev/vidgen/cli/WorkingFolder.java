package dev.vidgen.cli;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The working folder as Java read it ({@code user.dir}), checked before anything runs: under a C or POSIX locale
 * Java 17 reads a folder name with other letters as {@code ?}s, a folder that does not exist, where every relative
 * file would be looked for, or made.
 */
final class WorkingFolder {
  private WorkingFolder() {}

  /** Why {@code userDir}, read in the file-name charset {@code charset}, cannot be worked in; empty when it can. */
  static Optional<CliException> problem(String userDir, String charset) {
    boolean folder;
    try {
      folder = userDir != null && Files.isDirectory(Path.of(userDir));
    } catch (InvalidPathException unnameable) {
      folder = false;
    }
    if (folder) {
      return Optional.empty();
    }
    boolean utf8 = charset != null && charset.replace("-", "").equalsIgnoreCase("UTF8");
    if (utf8) {
      return Optional.of(CliException.usage("the working folder " + userDir + " no longer exists (removed or renamed"
          + " since this shell entered it), so no file could be read or saved there; nothing was sent",
          "cd to a folder that exists and run it again"));
    }
    return Optional.of(CliException.usage("the working folder's name cannot be read in this locale: Java read it as "
        + userDir + " (in " + charset + "), and no such folder exists, so no file could be read or saved there;"
        + " nothing was sent", LocalePaths.NEXT + ", or run from a folder whose path is ASCII"));
  }
}
