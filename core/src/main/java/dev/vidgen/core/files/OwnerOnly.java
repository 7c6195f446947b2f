package dev.vidgen.core.files;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.OpenOption;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Objects;
import java.util.Set;

/**
 * Makes files (mode 0600) and folders (0700) that only their owner may read, where the file system has POSIX
 * permissions; elsewhere they are made as any file is. A file or folder that exists already keeps its mode: only
 * what is made here is owner-only. For what holds task ids, prompts or base URLs, never for a user's video.
 */
public final class OwnerOnly {
  private static final FileAttribute<Set<PosixFilePermission>> FILE =
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"));
  private static final FileAttribute<Set<PosixFilePermission>> FOLDER =
      PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------"));

  private OwnerOnly() {}

  /** {@code folder} and each missing folder above it, those made here owner-only; {@code folder}. */
  public static Path folders(Path folder) throws IOException {
    Objects.requireNonNull(folder, "folder == null");
    return posix(folder) ? Files.createDirectories(folder, FOLDER) : Files.createDirectories(folder);
  }

  /** The one folder {@code folder} (its parent must exist), owner-only when made here; whether it was made. */
  public static boolean folder(Path folder) throws IOException {
    Objects.requireNonNull(folder, "folder == null");
    try {
      if (posix(folder)) {
        Files.createDirectory(folder, FOLDER);
      } else {
        Files.createDirectory(folder);
      }
      return true;
    } catch (FileAlreadyExistsException made) {
      if (Files.isDirectory(folder)) {
        return false; // made meanwhile, or there all along
      }
      throw made;
    }
  }

  /** {@code file} opened with {@code options}; when {@link java.nio.file.StandardOpenOption#CREATE} makes it, owner-only. */
  public static FileChannel open(Path file, OpenOption... options) throws IOException {
    Objects.requireNonNull(file, "file == null");
    Set<OpenOption> set = Set.of(options);
    return posix(file) ? FileChannel.open(file, set, FILE) : FileChannel.open(file, set);
  }

  /** An empty owner-only {@code file}, when there is none yet; whether it was made. */
  public static boolean emptyFile(Path file) throws IOException {
    Objects.requireNonNull(file, "file == null");
    try {
      if (posix(file)) {
        Files.createFile(file, FILE);
      } else {
        Files.createFile(file);
      }
      return true;
    } catch (FileAlreadyExistsException there) {
      return false;
    }
  }

  /** Whether {@code path}'s file system gives files POSIX permissions. */
  public static boolean posix(Path path) {
    return path.getFileSystem().supportedFileAttributeViews().contains("posix");
  }
}
