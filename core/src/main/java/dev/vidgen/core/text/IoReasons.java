package dev.vidgen.core.text;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.NoSuchFileException;
import java.nio.file.NotDirectoryException;

/**
 * Why a file operation failed, in words: the JDK's file-system exceptions often carry only the path
 * as their message, which says where but not what went wrong.
 */
public final class IoReasons {
  private IoReasons() {}

  /** {@code failure}'s reason ("permission denied", "no such file or folder", ...), with the path it names. */
  public static String of(IOException failure) {
    String reason = known(failure);
    if (reason == null) {
      return failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
    }
    if (failure instanceof FileSystemException system && system.getFile() != null) {
      return reason + " (" + system.getFile() + (system.getOtherFile() == null ? "" : ", " + system.getOtherFile())
          + ")";
    }
    return reason;
  }

  /**
   * {@code failure}'s reason alone, for a message that names the file already: "permission denied", "no such file or
   * folder", the system's own words ("input/output error"), else "an error reading it"; never Java's class name.
   */
  public static String reason(IOException failure) {
    String reason = known(failure);
    if (reason != null) {
      return reason;
    }
    // A file-system failure with no reason carries only the path as its message, which the caller names already.
    boolean words = !(failure instanceof FileSystemException) && failure.getMessage() != null
        && !failure.getMessage().isBlank();
    return words ? failure.getMessage() : "an error reading it";
  }

  /** The reason of a failure whose kind or system words say it; null otherwise. */
  private static String known(IOException failure) {
    return failure instanceof AccessDeniedException ? "permission denied"
        : failure instanceof NoSuchFileException ? "no such file or folder"
        : failure instanceof NotDirectoryException ? "not a folder"
        : failure instanceof FileAlreadyExistsException ? "something else is already there"
        : failure instanceof DirectoryNotEmptyException ? "a folder that is not empty is there"
        : failure instanceof FileSystemException system && system.getReason() != null
            ? system.getReason().toLowerCase(java.util.Locale.ROOT)
        : null;
  }
}
