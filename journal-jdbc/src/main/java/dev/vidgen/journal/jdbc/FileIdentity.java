package dev.vidgen.journal.jdbc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Optional;

/**
 * The file a journal path named when it was opened (its file key: device and inode on Unix), to tell later
 * whether the path still names it. SQLite writes on to an open file that was deleted or replaced, so a
 * run would otherwise keep its task ids only in a file no one can open again.
 *
 * @param path the journal's path
 * @param key the file key when opened; null where the platform gives none (then nothing is ever told)
 */
record FileIdentity(Path path, Object key) {
  /** The file {@code path} names now. */
  static FileIdentity of(Path path) {
    return new FileIdentity(path, keyOf(path));
  }

  /** "was deleted" or "was replaced by another file" when {@code path} no longer names the file opened; else empty. */
  Optional<String> change() {
    if (key == null) {
      return Optional.empty();
    }
    if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
      return Optional.of("was deleted");
    }
    Object now = keyOf(path);
    return now == null || now.equals(key) ? Optional.empty() : Optional.of("was replaced by another file");
  }

  private static Object keyOf(Path path) {
    try {
      return Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
    } catch (IOException | UnsupportedOperationException | SecurityException e) {
      return null; // not readable now: told by the path's absence, or not at all
    }
  }
}
