package dev.vidgen.core.client;

import java.io.IOException;
import java.nio.file.FileSystemException;
import java.nio.file.Path;
import java.util.Locale;

/** Says in words why the file system refused to save a video: a full disk names its folder and what to do. */
final class SaveFailures {
  private SaveFailures() {}

  /** Why saving to {@code target} failed with {@code e}, without Java's class names. */
  static String words(IOException e, Path target) {
    String reason = e instanceof java.nio.file.AccessDeniedException ? "permission denied"
        : e instanceof java.nio.file.NoSuchFileException ? "no such file or folder"
        : e instanceof FileSystemException refused ? refused.getReason() : e.getMessage();
    Path folder = target.toAbsolutePath().getParent();
    if (isDiskFull(reason)) {
      return "the disk is full at " + folder + " (" + reason.strip() + "): free space there, then save the video"
          + " again";
    }
    String said = reason == null || reason.isBlank() ? "the file system refused it ("
        + e.getClass().getSimpleName().replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT)
        + ", without a message)" : reason.strip();
    return e instanceof FileSystemException refused && refused.getFile() != null
        && !said.contains(refused.getFile()) ? said + " (" + refused.getFile() + ")" : said;
  }

  /** The words Linux, macOS and Windows give a write to a full disk (or a full quota). */
  private static boolean isDiskFull(String reason) {
    if (reason == null) {
      return false;
    }
    String lower = reason.toLowerCase(Locale.ROOT);
    return lower.contains("no space left on device") || lower.contains("not enough space on the disk")
        || lower.contains("disk quota exceeded");
  }
}
