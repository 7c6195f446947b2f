package dev.vidgen.core.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

/**
 * Whether a folder or file of vidgen's own (the data folder, the task history, its lock) is this user's alone, as ssh
 * asks of {@code ~/.ssh}: not a symbolic link, owned by this user (or root), and writable by no group or other. Where
 * the file system has no POSIX permissions nothing is checked.
 */
public final class PrivatePaths {
  private static final Path PROCESS = Path.of("/proc/self");
  private static volatile OptionalInt ownUid;

  private PrivatePaths() {}

  /**
   * What makes {@code path} not this user's alone, looked at without following a link; empty when it is, when it does
   * not exist, or when the file system cannot tell.
   */
  public static Optional<Problem> problem(Path path) {
    Objects.requireNonNull(path, "path == null");
    if (!OwnerOnly.posix(path)) {
      return Optional.empty();
    }
    PosixFileAttributes attributes;
    try {
      attributes = Files.readAttributes(path, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
    } catch (NoSuchFileException missing) {
      return Optional.empty();
    } catch (IOException | UnsupportedOperationException unreadable) {
      return Optional.empty(); // told by the open that follows, in its own words
    }
    if (attributes.isSymbolicLink()) {
      return Optional.of(new Problem(path, path + " is a symbolic link to " + target(path), "remove the link"
          + " (rm " + path + ")"));
    }
    OptionalInt owner = uid(path);
    OptionalInt mine = ownUid();
    if (owner.isPresent() && mine.isPresent() && owner.getAsInt() != mine.getAsInt() && owner.getAsInt() != 0) {
      return Optional.of(new Problem(path, path + " is owned by uid " + owner.getAsInt() + ", not by this user (uid "
          + mine.getAsInt() + ")", attributes.isDirectory() ? ""
          : "move it aside (mv " + path + " " + path + ".other)"));
    }
    Set<PosixFilePermission> mode = attributes.permissions();
    if (mode.contains(PosixFilePermission.GROUP_WRITE) || mode.contains(PosixFilePermission.OTHERS_WRITE)) {
      String who = mode.contains(PosixFilePermission.GROUP_WRITE) && mode.contains(PosixFilePermission.OTHERS_WRITE)
          ? "group and others" : mode.contains(PosixFilePermission.GROUP_WRITE) ? "its group" : "others";
      return Optional.of(new Problem(path, path + " is writable by " + who + " (mode " + octal(path, mode) + ")",
          "chmod " + (attributes.isDirectory() ? "700 " : "600 ") + path));
    }
    return Optional.empty();
  }

  /**
   * As {@link #problem}, for a data folder a user named, which may be a link of this user's own (a folder kept on
   * another disk): such a link is followed and the folder it leads to checked; a link of another user's is refused.
   */
  public static Optional<Problem> folderProblem(Path folder) {
    Objects.requireNonNull(folder, "folder == null");
    Optional<Problem> problem = problem(folder);
    if (problem.isEmpty() || !Files.isSymbolicLink(folder)) {
      return problem;
    }
    OptionalInt owner = uid(folder);
    OptionalInt mine = ownUid();
    if (owner.isEmpty() || mine.isEmpty() || (owner.getAsInt() != mine.getAsInt() && owner.getAsInt() != 0)) {
      return Optional.of(new Problem(folder, folder + " is a symbolic link to " + target(folder) + " made by uid "
          + (owner.isPresent() ? owner.getAsInt() : "unknown") + ", not by this user", ""));
    }
    try {
      return problem(folder.toRealPath());
    } catch (IOException missing) {
      return Optional.empty(); // a link to a folder that does not exist: told by the history's own use of it
    }
  }

  /** {@code mode} as {@code ls} and {@code chmod} write it, with the sticky bit where the file system tells it. */
  static String octal(Path path, Set<PosixFilePermission> mode) {
    int bits = 0;
    for (PosixFilePermission permission : mode) {
      bits |= 0400 >> permission.ordinal();
    }
    try {
      Object full = Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
      if (full instanceof Integer) {
        bits = (Integer) full & 07777;
      }
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException | SecurityException unknown) {
      // the nine permission bits say enough
    }
    return String.format("%04o", bits);
  }

  static String target(Path link) {
    try {
      return Files.readSymbolicLink(link).toString();
    } catch (IOException | UnsupportedOperationException | SecurityException unreadable) {
      return "a path that cannot be read";
    }
  }

  static OptionalInt uid(Path path) {
    try {
      Object uid = Files.getAttribute(path, "unix:uid", LinkOption.NOFOLLOW_LINKS);
      return uid instanceof Integer ? OptionalInt.of((Integer) uid) : OptionalInt.empty();
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException | SecurityException unknown) {
      return OptionalInt.empty();
    }
  }

  /**
   * This process's uid: on Linux the owner of the folder {@code /proc/self} leads to (the link itself is always
   * root's), else of a file it makes; empty if unknown.
   */
  static OptionalInt ownUid() {
    OptionalInt known = ownUid;
    if (known == null) {
      known = Files.isDirectory(PROCESS) ? followedUid(PROCESS) : OptionalInt.empty();
      if (known.isEmpty()) {
        known = uidOfNewFile();
      }
      ownUid = known;
    }
    return known;
  }

  private static OptionalInt followedUid(Path path) {
    try {
      Object uid = Files.getAttribute(path, "unix:uid");
      return uid instanceof Integer ? OptionalInt.of((Integer) uid) : OptionalInt.empty();
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException | SecurityException unknown) {
      return OptionalInt.empty();
    }
  }

  private static OptionalInt uidOfNewFile() {
    try {
      Path made = Files.createTempFile("vidgen-uid", ".tmp");
      try {
        return uid(made);
      } finally {
        Files.deleteIfExists(made);
      }
    } catch (IOException | UnsupportedOperationException | SecurityException unknown) {
      return OptionalInt.empty();
    }
  }

  /**
   * What is wrong with one path.
   *
   * @param path the folder or file
   * @param what what is wrong, naming the path ("… is a symbolic link to …", "… is owned by uid 1001, …",
   *     "… is writable by group and others (mode 0777)")
   * @param fix what this user can do about that path itself; empty for another user's folder, which only another
   *     folder mends
   */
  public record Problem(Path path, String what, String fix) {
    /** Checks that no part is null. */
    public Problem {
      Objects.requireNonNull(path, "path == null");
      Objects.requireNonNull(what, "what == null");
      Objects.requireNonNull(fix, "fix == null");
    }
  }
}
