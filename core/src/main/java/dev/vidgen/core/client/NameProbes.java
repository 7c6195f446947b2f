package dev.vidgen.core.client;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

/**
 * Tries whether names can be made, inside a fresh folder of its own made in an existing folder (so on the same file
 * system) and removed on close: a probe never writes at a path a save, or another job saving beside it, will use.
 */
final class NameProbes implements AutoCloseable {
  /** The probes' folder: hidden, short (it lengthens each probe's path), never one that was there before. */
  private static final String PREFIX = ".vidgen-names-";

  private final Path parent;
  /** Null until the first probe; null after it too when no folder could be made there. */
  private Path own;
  private boolean tried;

  private NameProbes(Path parent) {
    this.parent = parent;
  }

  /** Probes in {@code existing}, an existing folder; nothing is made before the first probe. */
  static NameProbes in(Path existing) {
    return new NameProbes(existing);
  }

  /**
   * Whether a file named {@code name} can be made here; true when that cannot be told (no folder of its own could be
   * made, or the name is no path at all): only a name refused for what it is counts.
   */
  boolean makes(String name) {
    Path folder = own();
    if (folder == null || name.isEmpty()) {
      return true;
    }
    Path path;
    try {
      path = folder.resolve(name);
    } catch (InvalidPathException notAName) {
      return true;
    }
    try {
      Files.createFile(path);
    } catch (FileAlreadyExistsException there) {
      return true;
    } catch (IOException | SecurityException | UnsupportedOperationException refused) {
      return false;
    }
    try {
      Files.delete(path);
    } catch (IOException | SecurityException leftThere) {
      // Made, so the name fits; close removes what is left.
    }
    return true;
  }

  /** Whether a file named with {@code length} plain letters can be made here. */
  boolean makes(int length) {
    return makes("v".repeat(Math.max(0, length)));
  }

  private Path own() {
    if (!tried) {
      tried = true;
      for (int tries = 0; tries < 3 && own == null; tries++) {
        try {
          own = Files.createDirectory(parent.resolve(PREFIX + Integer.toHexString(ThreadLocalRandom.current().nextInt())));
        } catch (FileAlreadyExistsException taken) {
          // Another check's (or anyone's): never used, another name is drawn.
        } catch (IOException | SecurityException | UnsupportedOperationException | InvalidPathException refused) {
          return null;
        }
      }
    }
    return own;
  }

  /** Removes the probes' folder and anything a probe could not delete. */
  @Override
  public void close() {
    if (own == null) {
      return;
    }
    try (Stream<Path> left = Files.list(own)) {
      left.forEach(NameProbes::deleteQuietly);
    } catch (IOException | SecurityException unreadable) {
      // Only an empty folder can be deleted below; what stays is this check's own, in no save's way.
    }
    deleteQuietly(own);
  }

  private static void deleteQuietly(Path path) {
    try {
      Files.deleteIfExists(path);
    } catch (IOException | SecurityException stays) {
      // This check's own name, in no save's way.
    }
  }
}
