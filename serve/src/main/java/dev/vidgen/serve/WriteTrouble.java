package dev.vidgen.serve;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * What to do about a folder the playground could not write, read from the failure's cause: a full disk, a permission
 * or a read-only file system, each with its own fix; empty for any other failure.
 */
final class WriteTrouble {
  private WriteTrouble() {}

  /** The causes told apart, each with its own fix. */
  private enum Kind { FULL, READ_ONLY, DENIED }

  /**
   * The fix for {@code failure}, when one of its causes is a full disk, a permission or a read-only file system;
   * {@code elsewhere} names the setting that moves the folder ("another --out", "another VIDGEN_HOME").
   */
  static Optional<String> fix(Throwable failure, String elsewhere) {
    return causeOf(failure).map(io -> switch (kind(io)) {
      case FULL -> "the disk is full: free space there, or start vidgen serve with " + elsewhere + " on a disk with room";
      case READ_ONLY -> "the folder is on a read-only file system: start vidgen serve with " + elsewhere
          + " on a writable one";
      case DENIED -> "this user may not write there: fix the folder's permissions (owner or mode), or start vidgen"
          + " serve with " + elsewhere;
    });
  }

  /**
   * {@link #fix} for a failure to write {@code file}, naming what was seen: the folder and its free bytes for a full
   * disk, the folder on a read-only file system, or the file refused (or its nearest existing folder) with its owner
   * and mode for a permission.
   */
  static Optional<String> fixNaming(Throwable failure, Path file, String elsewhere) {
    Path folder = file.toAbsolutePath().normalize().getParent();
    return causeOf(failure).map(io -> switch (kind(io)) {
      case FULL -> "the disk is full at " + folder + " (" + freeBytes(folder) + "): free space there, or start vidgen"
          + " serve with " + elsewhere + " on a disk with room";
      case READ_ONLY -> "the folder " + folder + " is on a read-only file system: start vidgen serve with " + elsewhere
          + " on a writable one";
      case DENIED -> {
        Path refused = io instanceof FileSystemException named && named.getFile() != null
            ? Path.of(named.getFile()) : file;
        yield "this user may not write " + refused + " (" + ownerAndMode(refused) + "): fix its permissions (owner or"
            + " mode), or start vidgen serve with " + elsewhere;
      }
    });
  }

  /** The first cause of {@code failure} that is a full disk, a permission or a read-only file system. */
  private static Optional<IOException> causeOf(Throwable failure) {
    for (Throwable at = failure; at != null; at = at.getCause()) {
      if (at instanceof IOException io && kind(io) != null) {
        return Optional.of(io);
      }
    }
    return Optional.empty();
  }

  /** Which of the told-apart causes {@code io} is, or null for any other. */
  private static Kind kind(IOException io) {
    String words = String.valueOf(io.getMessage()).toLowerCase(Locale.ROOT);
    if (words.contains("no space left") || words.contains("disk quota exceeded")) {
      return Kind.FULL;
    }
    if (words.contains("read-only file system")) {
      return Kind.READ_ONLY;
    }
    if (io instanceof AccessDeniedException || words.contains("permission denied")
        || words.contains("operation not permitted")) {
      return Kind.DENIED;
    }
    return null;
  }

  /** "12345 bytes free" on {@code folder}'s file system, or "free space unreadable". */
  private static String freeBytes(Path folder) {
    try {
      return Files.getFileStore(nearestExisting(folder)).getUsableSpace() + " bytes free";
    } catch (IOException | RuntimeException unread) {
      return "free space unreadable";
    }
  }

  /**
   * "owner uid 0, mode 644" of {@code path}, else of its nearest existing folder (named then); "owner and mode
   * unreadable" where the file system keeps none.
   */
  private static String ownerAndMode(Path path) {
    Path existing = nearestExisting(path);
    try {
      int mode = (Integer) Files.getAttribute(existing, "unix:mode");
      int uid = (Integer) Files.getAttribute(existing, "unix:uid");
      return (existing.equals(path) ? "" : "its folder " + existing + ": ") + "owner uid " + uid + ", mode "
          + Integer.toOctalString(mode & 07777);
    } catch (IOException | RuntimeException noUnixAttributes) {
      return "owner and mode unreadable";
    }
  }

  private static Path nearestExisting(Path path) {
    Path existing = path.toAbsolutePath().normalize();
    while (existing.getParent() != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    return existing;
  }
}
