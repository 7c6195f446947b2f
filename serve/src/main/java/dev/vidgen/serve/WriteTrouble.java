package dev.vidgen.serve;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.util.Locale;
import java.util.Optional;

/**
 * What to do about a folder the playground could not write, read from the failure's cause: a full disk, a permission
 * or a read-only file system, each with its own fix; empty for any other failure.
 */
final class WriteTrouble {
  private WriteTrouble() {}

  /**
   * The fix for {@code failure}, when one of its causes is a full disk, a permission or a read-only file system;
   * {@code elsewhere} names the setting that moves the folder ("another --out", "another VIDGEN_HOME").
   */
  static Optional<String> fix(Throwable failure, String elsewhere) {
    for (Throwable at = failure; at != null; at = at.getCause()) {
      if (!(at instanceof IOException io)) {
        continue;
      }
      String words = String.valueOf(io.getMessage()).toLowerCase(Locale.ROOT);
      if (words.contains("no space left") || words.contains("disk quota exceeded")) {
        return Optional.of("the disk is full: free space there, or start vidgen serve with " + elsewhere
            + " on a disk with room");
      }
      if (words.contains("read-only file system")) {
        return Optional.of("the folder is on a read-only file system: start vidgen serve with " + elsewhere
            + " on a writable one");
      }
      if (io instanceof AccessDeniedException || words.contains("permission denied")
          || words.contains("operation not permitted")) {
        return Optional.of("this user may not write there: fix the folder's permissions (owner or mode), or start"
            + " vidgen serve with " + elsewhere);
      }
    }
    return Optional.empty();
  }
}
