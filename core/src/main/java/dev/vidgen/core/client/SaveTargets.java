package dev.vidgen.core.client;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileStore;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Checks, before a job is paid for, that its video could be saved where the caller asks: call it on the folder or
 * file you mean to save to, and refuse the job when it names a reason, as the command line does.
 */
public final class SaveTargets {
  /**
   * The least free space a folder's file system must have to be given a video: no video a provider makes is smaller
   * than 1 MiB, so a folder with less is refused before anything is paid for.
   */
  public static final long LEAST_FREE_BYTES = 1024 * 1024;

  /** The start of the name of the temporary file that tries whether a folder takes new files. */
  private static final String WRITE_CHECK = ".vidgen-write-check";

  /** The mode bit that makes a folder shared (sticky): only a file's owner, or the folder's, may replace it. */
  private static final int STICKY = 01000;

  private SaveTargets() {}

  /** How many bytes a folder's file system has free for this user: the file store's figure, or a test's. */
  @FunctionalInterface
  public interface FreeSpace {
    /** The file store's own figure, {@link FileStore#getUsableSpace()}. */
    FreeSpace OF_FILE_STORE = folder -> Files.getFileStore(folder).getUsableSpace();

    /** The bytes free for this user on the file system of existing {@code folder}. */
    long usableBytes(Path folder) throws IOException;
  }

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
    if (parent != null) {
      Path folder = parent;
      whyNoVideoFits(folder).ifPresent(why -> {
        throw new IllegalArgumentException("the video cannot be saved to " + absolute + ": the folder " + folder
            + " " + why + " (nothing was sent)");
      });
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

  /** Refuses, for {@link ExistingTarget#REPLACE}, an existing target this user may not replace. */
  static void requireReplaceable(Path target) {
    Path absolute = target.toAbsolutePath().normalize();
    if (Files.exists(absolute, LinkOption.NOFOLLOW_LINKS)) {
      whyNotReplaceable(absolute).ifPresent(why -> {
        throw new IllegalArgumentException("the video cannot be saved to " + absolute + ": " + why
            + "; give another path (nothing was sent)");
      });
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
      Path probe = Files.createTempFile(folder, WRITE_CHECK, ".tmp");
      Files.delete(probe);
      return true;
    } catch (java.io.IOException | SecurityException | UnsupportedOperationException e) {
      return false;
    }
  }

  /**
   * Why no video can be saved in existing {@code folder}, in words that follow "the folder F ": it does not accept
   * new files (a read-only file system, a permission, a failed try, with the reason), or its file system has less
   * than {@link #LEAST_FREE_BYTES} free; empty when a video may be saved there.
   */
  public static Optional<String> whyNoVideoFits(Path folder) {
    return whyNoVideoFits(folder, FreeSpace.OF_FILE_STORE);
  }

  /** {@link #whyNoVideoFits(Path)} with the free space read by {@code space}. */
  public static Optional<String> whyNoVideoFits(Path folder, FreeSpace space) {
    if (readOnlyStore(folder)) {
      return Optional.of("does not accept new files: it is on a read-only file system");
    }
    if (!Files.isWritable(folder)) {
      return Optional.of("does not accept new files: " + notWritable(folder, WRITE_PROBE));
    }
    try {
      Path probe = Files.createTempFile(folder, WRITE_CHECK, ".tmp");
      Files.delete(probe);
    } catch (IOException | SecurityException | UnsupportedOperationException e) {
      return Optional.of("does not accept new files: " + reason(e, folder));
    }
    long free;
    try {
      free = space.usableBytes(folder);
    } catch (IOException | SecurityException | UnsupportedOperationException unread) {
      return Optional.empty(); // a figure that cannot be read refuses nothing: the save says so if the disk is full
    }
    if (free < LEAST_FREE_BYTES) {
      return Optional.of((free <= 0 ? NO_FREE_SPACE + ": 0 bytes"
          : TOO_LITTLE_FREE_SPACE + ": " + SaveFailures.sizeWords(free) + " (" + free + " bytes)")
          + " free on its file system, and no video fits in less than 1 MiB");
    }
    return Optional.empty();
  }

  /** Whether {@code why}, a reason of {@link #whyNoVideoFits}, is that the file system lacks room (not a permission). */
  public static boolean lacksRoom(String why) {
    return why.startsWith(NO_FREE_SPACE) || why.startsWith(TOO_LITTLE_FREE_SPACE);
  }

  private static final String NO_FREE_SPACE = "has no free space";
  private static final String TOO_LITTLE_FREE_SPACE = "has too little free space";

  /**
   * Why this user cannot replace the existing {@code file} (as {@code --force} would): it belongs to another user in a
   * shared folder (sticky bit, as {@code /tmp}) that this user does not own either; empty when it may, or when the
   * file system keeps no Unix owners and modes.
   */
  public static Optional<String> whyNotReplaceable(Path file) {
    Path absolute = file.toAbsolutePath().normalize();
    Path folder = absolute.getParent();
    if (folder == null) {
      return Optional.empty();
    }
    try {
      int folderMode = (Integer) Files.getAttribute(folder, "unix:mode");
      int folderUid = (Integer) Files.getAttribute(folder, "unix:uid");
      int fileUid = (Integer) Files.getAttribute(absolute, "unix:uid", LinkOption.NOFOLLOW_LINKS);
      if ((folderMode & STICKY) == 0) {
        return Optional.empty(); // the folder's write permission decides, which the folder check reads
      }
      return stickyRefusal(absolute, folderMode, folderUid, fileUid, ownUid(folder));
    } catch (IOException | RuntimeException noUnixAttributes) {
      return Optional.empty();
    }
  }

  /**
   * The refusal of replacing {@code file}, owned by {@code fileUid}, in its folder of {@code folderMode} owned by
   * {@code folderUid}, by the user {@code me}: in a sticky folder only the file's owner, the folder's or root may.
   */
  static Optional<String> stickyRefusal(Path file, int folderMode, int folderUid, int fileUid, int me) {
    if ((folderMode & STICKY) == 0 || me == 0 || fileUid == me || folderUid == me) {
      return Optional.empty();
    }
    return Optional.of(file + " belongs to another user (uid " + fileUid + ") and its folder " + file.getParent()
        + " is shared (sticky bit, mode " + Integer.toOctalString(folderMode & 07777) + "), where only a file's owner"
        + " (or the folder's) may replace it; this user (uid " + me + ") cannot");
  }

  /** The user id this process makes files as, read off a file it makes in {@code folder} and removes. */
  private static int ownUid(Path folder) throws IOException {
    Path probe = Files.createTempFile(folder, ".vidgen-owner-check", ".tmp");
    try {
      return (Integer) Files.getAttribute(probe, "unix:uid");
    } finally {
      Files.delete(probe);
    }
  }

  private static boolean readOnlyStore(Path folder) {
    try {
      FileStore store = Files.getFileStore(folder);
      return store.isReadOnly();
    } catch (IOException | SecurityException unread) {
      return false;
    }
  }

  /** "owner uid 0, mode 755" when the file system keeps them; else "permission denied". */
  /** Tries to make a file in a folder, and says the system's reason when it cannot: empty when one was made. */
  @FunctionalInterface
  interface WriteProbe {
    /** The reason no file could be made in {@code folder}, or empty when one was made (and removed). */
    Optional<String> refusal(Path folder);
  }

  /** The probe of {@link #whyNoVideoFits}: a temporary file made and removed. */
  static final WriteProbe WRITE_PROBE = folder -> {
    try {
      Files.delete(Files.createTempFile(folder, WRITE_CHECK, ".tmp"));
      return Optional.empty();
    } catch (IOException | SecurityException | UnsupportedOperationException e) {
      return Optional.of(reason(e, folder));
    }
  };

  /**
   * Why this user may not make files in {@code folder}, which the system says is not writable: its owner and mode, or,
   * when they let this user write, that the system refused anyway, with {@code probe}'s reason.
   */
  static String notWritable(Path folder, WriteProbe probe) {
    try {
      int mode = (Integer) Files.getAttribute(folder, "unix:mode");
      int uid = (Integer) Files.getAttribute(folder, "unix:uid");
      int me = (Integer) Files.getAttribute(Path.of("/proc/self"), "unix:uid");
      return notWritable(mode, uid, me, probe.refusal(folder));
    } catch (IOException | RuntimeException noUnixAttributes) {
      return "this user may not make files there (" + ownerAndMode(folder) + ")";
    }
  }

  /**
   * The words for a folder of {@code mode} owned by {@code ownerUid} that the system says user {@code me} may not
   * write, the probe having failed for {@code refusal} (empty when it made a file): the owner and mode when they
   * forbid it, else that the system refused although they allow it (an immutable folder, a read-only mount).
   */
  static String notWritable(int mode, int ownerUid, int me, Optional<String> refusal) {
    String facts = "owner uid " + ownerUid + ", mode " + Integer.toOctalString(mode & 07777);
    boolean modeAllows = me == 0 || (me == ownerUid ? (mode & 0200) != 0 : (mode & 0002) != 0);
    if (!modeAllows) {
      return "this user may not make files there (" + facts + ")";
    }
    return "the system refused to make files there" + refusal.map(why -> " (" + why + ")").orElse("")
        + ", though its owner and mode (" + facts + ") let this user (uid " + me + ") write: the folder may be"
        + " immutable (lsattr -d shows an i; chattr -i undoes it) or on a file system mounted read-only";
  }

  private static String ownerAndMode(Path folder) {
    try {
      int mode = (Integer) Files.getAttribute(folder, "unix:mode");
      int uid = (Integer) Files.getAttribute(folder, "unix:uid");
      return "owner uid " + uid + ", mode " + Integer.toOctalString(mode & 07777);
    } catch (IOException | RuntimeException noUnixAttributes) {
      return "permission denied";
    }
  }

  /**
   * Why no file could be made in {@code folder}, in words: the file system's reason, or for an exception that gives
   * none the kind of refusal and the folder's file system type ("permission denied (its file system is sysfs)"); never
   * the name of the temporary file a write check tried, and a file other than that only when it is not the folder.
   */
  public static String reason(Exception e, Path folder) {
    if (e instanceof FileSystemException fileSystem) {
      String file = fileSystem.getFile();
      String which = file == null || file.contains(WRITE_CHECK) || Path.of(file).equals(folder) ? "" : file + ": ";
      if (fileSystem.getReason() != null) {
        return which + fileSystem.getReason();
      }
      String refusal = e instanceof AccessDeniedException ? "permission denied"
          : e instanceof NoSuchFileException ? "no such file or directory" : e.getClass().getSimpleName();
      return which + refusal + storeType(folder).map(type -> " (its file system is " + type + ")").orElse("");
    }
    String message = e.getMessage();
    return message == null || message.contains(WRITE_CHECK) ? e.getClass().getSimpleName() : message;
  }

  /** The type of {@code folder}'s file system ("ext4", "sysfs"), when it can be read. */
  private static Optional<String> storeType(Path folder) {
    try {
      return Optional.of(Files.getFileStore(folder).type()).filter(type -> !type.isBlank());
    } catch (IOException | SecurityException unread) {
      return Optional.empty();
    }
  }
}
