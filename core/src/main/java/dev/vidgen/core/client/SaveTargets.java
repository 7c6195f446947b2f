package dev.vidgen.core.client;

import java.nio.file.Files;
import java.nio.file.Path;

/** Checks, before a job is paid for, that its video could be saved where the caller asks. */
public final class SaveTargets {
  private SaveTargets() {}

  /**
   * Refuses a target that is a folder, whose nearest existing parent is a file or cannot be written,
   * or whose name or path is too long: the task would be paid for and its video never saved.
   *
   * @throws IllegalArgumentException saying what is wrong, and that nothing was sent
   */
  static void requireSavable(Path target) {
    Path absolute = target.toAbsolutePath().normalize();
    if (Files.isDirectory(absolute)) {
      throw new IllegalArgumentException("the video cannot be saved to " + absolute + ": it is a folder; give a file"
          + " path such as " + absolute.resolve("video.mp4") + " (nothing was sent)");
    }
    notARegularFile(absolute).ifPresent(what -> {
      throw new IllegalArgumentException("the video cannot be saved to " + absolute + ": it is " + what + "; a video is"
          + " written to a new file and renamed into place, which would replace it rather than write through it;"
          + " give the path of a regular file (nothing was sent)");
    });
    Path parent = absolute.getParent();
    while (parent != null && !Files.exists(parent)) {
      parent = parent.getParent();
    }
    if (parent != null && !Files.isDirectory(parent)) {
      throw new IllegalArgumentException("the video cannot be saved to " + absolute + ": " + parent
          + " is a file, not a folder (nothing was sent)");
    }
    if (parent != null && !acceptsNewFiles(parent)) {
      throw new IllegalArgumentException("the video cannot be saved to " + absolute + ": the folder " + parent
          + " does not accept new files (nothing was sent)");
    }
    nameTooLong(absolute).ifPresent(why -> {
      throw new IllegalArgumentException("the video cannot be saved to " + absolute + ": " + why
          + " (nothing was sent)");
    });
  }

  /**
   * Why the video could not be saved at {@code target} because its name, the temporary name it is written to first
   * ({@code .<name>.<16 hex digits>.part}, 23 bytes longer), a folder still to be made or the path is too long for
   * the file system, with what would fit; empty when all fit. Tried in the nearest existing folder, nothing left.
   */
  public static java.util.Optional<String> nameTooLong(Path target) {
    return NameRoom.problem(target);
  }

  /**
   * What stands at {@code path} when it is neither a regular file nor nothing (nor a folder, told apart by the
   * caller): "a symbolic link (to …)", or "a special file (a FIFO, a socket or a device)"; empty otherwise. A
   * video saved there would replace it, since saving renames a new file into place.
   */
  public static java.util.Optional<String> notARegularFile(Path path) {
    try {
      java.nio.file.attribute.BasicFileAttributes attributes = Files.readAttributes(path,
          java.nio.file.attribute.BasicFileAttributes.class, java.nio.file.LinkOption.NOFOLLOW_LINKS);
      if (attributes.isSymbolicLink()) {
        String to;
        try {
          to = " to " + Files.readSymbolicLink(path);
        } catch (java.io.IOException | UnsupportedOperationException | SecurityException unreadable) {
          to = "";
        }
        return java.util.Optional.of("a symbolic link" + to);
      }
      return attributes.isOther() ? java.util.Optional.of("a special file (a FIFO, a socket or a device)")
          : java.util.Optional.empty();
    } catch (java.io.IOException | SecurityException nothingThere) {
      return java.util.Optional.empty();
    }
  }

  /** Refuses a target where a file (or a link, even a broken one) already stands, for {@link ExistingTarget#KEEP}. */
  static void requireFree(Path target) {
    Path absolute = target.toAbsolutePath().normalize();
    if (Files.exists(absolute, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
      throw new IllegalArgumentException("the video would not be saved to " + absolute + ": a file is already there,"
          + " and ExistingTarget.KEEP keeps it; give another path, or REPLACE to overwrite it (nothing was sent)");
    }
  }

  /**
   * Whether a new file can be made in {@code folder}, tried with a temporary one: a permission check
   * alone says yes to root on a read-only file system or in {@code /proc}.
   */
  public static boolean acceptsNewFiles(Path folder) {
    if (!Files.isWritable(folder)) {
      return false;
    }
    try {
      Path probe = Files.createTempFile(folder, ".vidgen-write-check", ".tmp");
      Files.delete(probe);
      return true;
    } catch (java.io.IOException | SecurityException | UnsupportedOperationException e) {
      return false;
    }
  }
}
