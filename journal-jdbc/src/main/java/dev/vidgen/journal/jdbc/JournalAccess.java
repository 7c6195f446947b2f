package dev.vidgen.journal.jdbc;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Optional;

/**
 * Why an SQLite journal cannot be written when the cause is its rights: the file, its {@code -wal} or
 * {@code -shm} companion, or its folder not writable by this user. SQLite itself names such a file a
 * disk I/O error ({@code SQLITE_IOERR_LOCK}), which sends people to look for broken hardware.
 */
final class JournalAccess {
  private JournalAccess() {}

  /**
   * One file as this user sees it: whether it exists and may be written, its owner and its mode.
   *
   * @param mode such as {@code r--r--r--}; null where the file system has no POSIX modes
   */
  record Rights(Path path, boolean exists, boolean writable, String owner, String mode) {
    /** {@code path} as it is on disk now, for the user this process runs as. */
    static Rights of(Path path) {
      if (!Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
        return new Rights(path, false, true, null, null);
      }
      String owner;
      String mode;
      try {
        owner = Files.getOwner(path, LinkOption.NOFOLLOW_LINKS).getName();
      } catch (IOException | UnsupportedOperationException | SecurityException e) {
        owner = null;
      }
      try {
        mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(path, LinkOption.NOFOLLOW_LINKS));
      } catch (IOException | UnsupportedOperationException | SecurityException e) {
        mode = null;
      }
      return new Rights(path, true, Files.isWritable(path), owner, mode);
    }

    String described() {
      return "(owner " + (owner == null ? "unknown" : owner) + ", mode " + (mode == null ? "unknown" : mode) + ")";
    }
  }

  /** Why the SQLite journal {@code file} cannot be written, read from disk now; empty when its rights allow it. */
  static Optional<String> notWritable(Path file) {
    Path folder = file.toAbsolutePath().getParent();
    return notWritable(Rights.of(file), Rights.of(companion(file, "-wal")), Rights.of(companion(file, "-shm")),
        folder == null ? null : Rights.of(folder));
  }

  /**
   * Why a journal with these rights cannot be written: the first of its file, {@code -wal}, {@code -shm} that
   * exists and is not writable, else its folder when not writable while a file SQLite must make there is
   * missing; empty when none is. {@code folder} may be null (a journal at the root).
   */
  static Optional<String> notWritable(Rights journal, Rights wal, Rights shm, Rights folder) {
    for (Rights file : new Rights[] {journal, wal, shm}) {
      if (file.exists() && !file.writable()) {
        return Optional.of(file.path() + " is not writable by this user " + file.described() + ": give this user"
            + " write access to the journal and its -wal and -shm files (chmod, chown), or run as their owner");
      }
    }
    boolean mustMake = !journal.exists() || !wal.exists() || !shm.exists();
    if (folder != null && folder.exists() && !folder.writable() && mustMake) {
      return Optional.of("the journal's folder " + folder.path() + " is not writable by this user "
          + folder.described() + ", and SQLite makes the journal's -wal and -shm files there: give this user"
          + " write access to the folder, or put the journal in a folder this user can write (--journal)");
    }
    return Optional.empty();
  }

  private static Path companion(Path file, String ending) {
    return file.resolveSibling(file.getFileName() + ending);
  }
}
