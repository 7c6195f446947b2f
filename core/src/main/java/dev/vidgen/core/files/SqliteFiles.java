package dev.vidgen.core.files;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.stream.Stream;

/**
 * Whether an SQLite database file vidgen opens by name (a batch journal) is reached only through paths another local
 * user cannot have planted: SQLite follows a symbolic link at the database's name, or at its side files' names
 * ({@code -journal}, {@code -wal}, {@code -shm}), and makes the file it leads to with the umask's mode.
 */
public final class SqliteFiles {
  /** The files SQLite makes beside a database, named after it. */
  private static final List<String> SIDE_FILES = List.of("-journal", "-wal", "-shm");
  private static final Path PROTECTED_SYMLINKS = Path.of("/proc/sys/fs/protected_symlinks");
  private static final Path PROTECTED_REGULAR = Path.of("/proc/sys/fs/protected_regular");

  private SqliteFiles() {}

  /**
   * What makes {@code database} unsafe to open: it or a side file is a symbolic link another user made (one of this
   * user's own, or root's, is followed, when what it leads to exists), a file of another user's in a folder that others
   * (not only its group) may write or that another user owns, or, for a new database, such a folder (only one like
   * {@code /tmp}, sticky and guarded by Linux's {@code fs.protected_symlinks} and {@code fs.protected_regular}, is
   * taken). Empty when none, or where the file system has no POSIX permissions.
   */
  public static Optional<PrivatePaths.Problem> problem(Path database) {
    Objects.requireNonNull(database, "database == null");
    Path file = database.toAbsolutePath().normalize();
    if (!OwnerOnly.posix(file)) {
      return Optional.empty();
    }
    if (Files.isSymbolicLink(file)) {
      if (!mine(PrivatePaths.uid(file))) {
        return Optional.of(new PrivatePaths.Problem(file, file + " is a symbolic link to " + PrivatePaths.target(file)
            + " made by " + who(PrivatePaths.uid(file)) + ", not by this user" + uidOfThisUser(),
            "remove the link (rm " + file + ")"));
      }
      if (!Files.exists(file)) {
        return Optional.of(new PrivatePaths.Problem(file, file + " is a symbolic link to " + PrivatePaths.target(file)
            + ", which does not exist: SQLite would make it through the link, with the umask's mode",
            "give the file the link leads to as the journal itself"));
      }
      try {
        file = file.toRealPath();
      } catch (IOException unreadable) {
        return Optional.empty(); // told by SQLite's own open
      }
    }
    Path real = file;
    return ownFiles(real).stream().skip(1).map(SqliteFiles::linkOfAnother).flatMap(Optional::stream).findFirst()
        .or(() -> inFolder(real));
  }

  private static Optional<PrivatePaths.Problem> linkOfAnother(Path path) {
    if (!Files.isSymbolicLink(path) || mine(PrivatePaths.uid(path))) {
      return Optional.empty();
    }
    return Optional.of(new PrivatePaths.Problem(path, path + " is a symbolic link to " + PrivatePaths.target(path)
        + " made by " + who(PrivatePaths.uid(path)) + ", not by this user" + uidOfThisUser(),
        "remove the link (rm " + path + ")"));
  }

  /** The problem of {@code file}'s folder (links followed) when other users may write it. */
  private static Optional<PrivatePaths.Problem> inFolder(Path file) {
    Path folder;
    PosixFileAttributes attributes;
    try {
      folder = file.getParent().toRealPath();
      attributes = Files.readAttributes(folder, PosixFileAttributes.class);
    } catch (IOException | RuntimeException missing) {
      return Optional.empty(); // a folder vidgen makes (0700), or one SQLite's own open tells of
    }
    OptionalInt folderOwner = PrivatePaths.uid(folder);
    // A folder its group may write is taken: under umask 002 a user's own folders are, for a group of theirs alone.
    boolean othersWrite = attributes.permissions().contains(PosixFilePermission.OTHERS_WRITE);
    if (!othersWrite && mine(folderOwner)) {
      return Optional.empty();
    }
    for (Path own : ownFiles(file)) {
      OptionalInt owner = PrivatePaths.uid(own);
      if (Files.exists(own, LinkOption.NOFOLLOW_LINKS) && !Files.isSymbolicLink(own) && !mine(owner)) {
        return Optional.of(new PrivatePaths.Problem(own, own + " is owned by " + who(owner) + ", not by this user"
            + uidOfThisUser() + ", in a folder another user may write",
            "move it aside (mv " + own + " " + own + ".other)"));
      }
    }
    if (Files.exists(file, LinkOption.NOFOLLOW_LINKS) || guardedLikeTmp(folder, attributes, folderOwner)) {
      return Optional.empty();
    }
    String what = !mine(folderOwner) ? "is owned by " + who(folderOwner) + ", not by this user" + uidOfThisUser()
        : "is writable by others (mode " + PrivatePaths.octal(folder, attributes.permissions()) + ")"
        + (sticky(folder) ? ", and Linux's fs.protected_symlinks and fs.protected_regular are not both on" : "");
    return Optional.of(new PrivatePaths.Problem(folder, "its folder " + folder + " " + what
        + ", where another user may put a link named like it or its side files (-journal, -wal, -shm) for SQLite to"
        + " follow", ""));
  }

  /** {@code file} and its side files. */
  private static List<Path> ownFiles(Path file) {
    return Stream.concat(Stream.of(file), SIDE_FILES.stream()
        .map(suffix -> file.resolveSibling(file.getFileName() + suffix))).toList();
  }

  /**
   * Whether {@code folder} is one like {@code /tmp}: this user's or root's, sticky and writable by all, where Linux
   * follows no link and opens no file of another user's that others planted (both protections on).
   */
  private static boolean guardedLikeTmp(Path folder, PosixFileAttributes attributes, OptionalInt owner) {
    if (!mine(owner) || !attributes.permissions().contains(PosixFilePermission.OTHERS_WRITE)) {
      return false;
    }
    return sticky(folder) && on(PROTECTED_SYMLINKS) && on(PROTECTED_REGULAR);
  }

  private static boolean sticky(Path folder) {
    try {
      Object mode = Files.getAttribute(folder, "unix:mode");
      return mode instanceof Integer && ((Integer) mode & 01000) != 0;
    } catch (IOException | UnsupportedOperationException | IllegalArgumentException | SecurityException unknown) {
      return false;
    }
  }

  private static boolean on(Path setting) {
    try {
      String value = Files.readString(setting).strip();
      return !value.isEmpty() && !value.equals("0");
    } catch (IOException | RuntimeException unknown) {
      return false;
    }
  }

  /** Whether {@code uid} is this user's or root's; an unknown owner is not another user's as far as can be told. */
  private static boolean mine(OptionalInt uid) {
    OptionalInt own = PrivatePaths.ownUid();
    return uid.isEmpty() || own.isEmpty() || uid.getAsInt() == 0 || uid.getAsInt() == own.getAsInt();
  }

  private static String who(OptionalInt uid) {
    return uid.isPresent() ? "uid " + uid.getAsInt() : "another user";
  }

  private static String uidOfThisUser() {
    OptionalInt own = PrivatePaths.ownUid();
    return own.isPresent() ? " (uid " + own.getAsInt() + ")" : "";
  }
}
