package dev.vidgen.cli;

import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * File names read back (from the history, a job) made into paths where this locale allows: under a C or POSIX
 * locale Java 17 names files in US-ASCII, and cannot make a path of a name with other letters. Such a file is
 * still listed and advised as text; only looking at it waits for a UTF-8 locale.
 */
final class LocalePaths {
  /** The advice for a file name this locale cannot make: the words the refusal of such an argument uses. */
  static final String NEXT = "run with a UTF-8 locale (LC_ALL=C.UTF-8 vidgen ...; bin/vidgen sets it)";

  private LocalePaths() {}

  /** {@code name} as a path; empty when this locale cannot name that file. */
  static Optional<Path> of(String name) {
    try {
      return Optional.of(Path.of(name));
    } catch (InvalidPathException unnameable) {
      return Optional.empty();
    }
  }

  /** Whether this locale can name the file {@code name} (null: nothing to name). */
  static boolean canName(String name) {
    return name == null || of(name).isPresent();
  }

  /** Whether the file {@code name} exists; empty ("cannot tell") when this locale cannot name it. */
  static Optional<Boolean> exists(String name) {
    return of(name).map(Files::exists);
  }

  /** Why a file is not looked at: {@code name} cannot be read in this locale's charset. */
  static String cannotName(String name) {
    return "this locale (" + System.getProperty("sun.jnu.encoding", "its charset") + ") cannot name the file " + name;
  }
}
