package dev.vidgen.core.client;

import dev.vidgen.core.domain.TaskId;
import dev.vidgen.core.error.DownloadFailedException;
import dev.vidgen.core.text.ByteSizes;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Says in words why the file system refused to save a video: a full disk names its folder and what to do, a
 * file-size limit is named as such, and a video larger than the whole file system says both sizes.
 */
final class SaveFailures {
  private SaveFailures() {}

  /** Why saving to {@code target} failed with {@code e}, without Java's class names. */
  static String words(IOException e, Path target) {
    return said(e, target, -1).words();
  }

  /**
   * The failure to save task {@code taskId}'s video of {@code videoBytes} bytes ({@code -1} when not known) to
   * {@code target}: one the same save there would meet again says what must change first.
   */
  static DownloadFailedException failure(TaskId taskId, Path target, IOException e, long videoBytes) {
    Said said = said(e, target, videoBytes);
    return said.whereToSave() == null ? new DownloadFailedException(taskId, target, said.words(), e)
        : DownloadFailedException.failsThereAgain(taskId, target, said.words(), said.whereToSave(), e);
  }

  /**
   * The failure to save task {@code taskId}'s video to {@code target} because its partial file {@code part} was
   * removed by another program or run while the video was written into it.
   */
  static DownloadFailedException partRemoved(TaskId taskId, Path target, Path part, IOException e) {
    return new DownloadFailedException(taskId, target, "the partial file " + part + " was removed by another program"
        + " or run while the video was written into it (another run saving to the same name, perhaps), so the video"
        + " was not saved; download it again, under another name if another run saves to this one", e);
  }

  /** The words of a refusal, and where the video can be saved when saving it there again fails the same way. */
  private record Said(String words, String whereToSave) {}

  private static Said said(IOException e, Path target, long videoBytes) {
    String reason = e instanceof AccessDeniedException ? "permission denied"
        : e instanceof NoSuchFileException ? "no such file or folder"
        : e instanceof FileSystemException refused ? refused.getReason() : e.getMessage();
    Path folder = target.toAbsolutePath().getParent();
    if (isDiskFull(reason)) {
      long whole = totalSpace(folder);
      if (videoBytes > 0 && whole > 0 && videoBytes > whole) {
        // Freeing space cannot help: the video does not fit even on the emptied file system.
        return new Said("the video (" + sizeWords(videoBytes) + ") is larger than the whole file system at " + folder
            + " (" + sizeWords(whole) + ", " + reason.strip() + "): freeing space there cannot make room for it",
            "in a folder on another file system with room for " + sizeWords(videoBytes));
      }
      return new Said("the disk is full at " + folder + " (" + reason.strip() + "): free space there"
          + (videoBytes > 0 ? " (the video is " + sizeWords(videoBytes) + ")" : "") + ", then save the video again",
          null);
    }
    if (isFileTooLarge(reason)) {
      return new Said("the file grew past the largest file this process may write in " + folder + " ("
          + reason.strip() + "): a file-size limit stops it, most often the shell's (ulimit -f), else the file"
          + " system's own", "where the file-size limit allows it: from a shell whose ulimit -f is unlimited"
          + (videoBytes > 0 ? " or above " + sizeWords(videoBytes) : "") + ", or in a folder on another file system");
    }
    String said = reason == null || reason.isBlank() ? "the file system refused it ("
        + e.getClass().getSimpleName().replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT)
        + ", without a message)" : reason.strip();
    return new Said(e instanceof FileSystemException refused && refused.getFile() != null
        && !said.contains(refused.getFile()) ? said + " (" + refused.getFile() + ")" : said, null);
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

  /** The words of EFBIG: a write past the process's file-size limit (ulimit -f) or the file system's largest file. */
  private static boolean isFileTooLarge(String reason) {
    return reason != null && reason.toLowerCase(Locale.ROOT).contains("file too large");
  }

  /** The size of the whole file system holding {@code folder}, or -1 when it cannot be read. */
  private static long totalSpace(Path folder) {
    try {
      return folder == null ? -1 : Files.getFileStore(folder).getTotalSpace();
    } catch (IOException | SecurityException | UnsupportedOperationException unknown) {
      return -1;
    }
  }

  /** A byte count for people: "6.0 MB" (of 1024 × 1024 bytes), or "512 bytes" below a kilobyte. */
  static String sizeWords(long bytes) {
    return ByteSizes.words(bytes);
  }

}
