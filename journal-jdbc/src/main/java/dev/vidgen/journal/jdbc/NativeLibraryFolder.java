package dev.vidgen.journal.jdbc;

import dev.vidgen.core.files.OwnerOnly;
import dev.vidgen.core.files.PrivatePaths;
import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;

/**
 * The folder sqlite-jdbc unpacks its native library into for vidgen's SQLite journals: one of vidgen's own
 * ({@code org.sqlite.tmpdir}) rather than the shared temporary folder, where the copy of a process killed outright
 * stays for good. Before the driver loads, copies there an hour old or older are removed; a folder or library the
 * user named is left as it is.
 */
final class NativeLibraryFolder {
  /** The property sqlite-jdbc reads for the folder it unpacks into. */
  static final String PROPERTY = "org.sqlite.tmpdir";
  /** How old a copy must be to be removed: a younger one may belong to a process that is about to load it. */
  static final Duration STALE_AFTER = Duration.ofHours(1);
  /** The name of the folder, in the vidgen folder chosen by {@link #folder}. */
  static final String NAME = "sqlite-native";

  /** The folder this process pointed {@link #PROPERTY} at, when it did. */
  private static volatile Path chosen;

  private NativeLibraryFolder() {}

  /** Prepares the folder for this process, from its environment and system properties, before the driver loads. */
  static synchronized void prepare() {
    prepare(System.getenv(), System.getProperties(), Instant.now()).ifPresent(folder -> chosen = folder);
  }

  /** Whether {@code folder} is the one this process chose (rather than one the user named). */
  static boolean isChosen(Path folder) {
    return folder.equals(chosen);
  }

  /**
   * Points {@link #PROPERTY} in {@code properties} at vidgen's folder, made owner-only when missing, after removing the
   * copies there older than {@link #STALE_AFTER} at {@code now}; the folder, or empty when the user named a folder
   * or library, no folder is known, or it cannot be made or written, or it or its folder is not this user's alone
   * ({@link PrivatePaths}: then the driver's own temporary folder serves).
   */
  static Optional<Path> prepare(Map<String, String> env, Properties properties, Instant now) {
    if (named(properties, PROPERTY) || named(properties, "org.sqlite.lib.path")) {
      return Optional.empty();
    }
    Optional<Path> folder = folder(env);
    // A native library loaded from a folder another user may write, or has linked elsewhere, would run their code.
    if (folder.isEmpty() || PrivatePaths.folderProblem(folder.get().getParent()).isPresent()) {
      return Optional.empty();
    }
    try {
      OwnerOnly.folders(folder.get());
    } catch (IOException | SecurityException e) {
      return Optional.empty();
    }
    if (!Files.isDirectory(folder.get(), LinkOption.NOFOLLOW_LINKS) || !Files.isWritable(folder.get())
        || PrivatePaths.problem(folder.get()).isPresent()) {
      return Optional.empty();
    }
    removeStale(folder.get(), now.minus(STALE_AFTER));
    properties.setProperty(PROPERTY, folder.get().toString());
    return folder;
  }

  /**
   * vidgen's folder for the library: {@code VIDGEN_HOME/sqlite-native} (a leading {@code ~/} read as {@code $HOME/}),
   * else {@code $XDG_CACHE_HOME/vidgen/sqlite-native} when that is absolute, else
   * {@code $HOME/.cache/vidgen/sqlite-native}; empty when none of them is set.
   */
  static Optional<Path> folder(Map<String, String> env) {
    Optional<String> userHome = variable(env, "HOME");
    Optional<String> home = variable(env, "VIDGEN_HOME");
    try {
      if (home.isPresent()) {
        String named = home.get();
        if (userHome.isPresent() && (named.equals("~") || named.startsWith("~/"))) {
          named = userHome.get() + named.substring(1);
        }
        return Optional.of(Path.of(named, NAME).toAbsolutePath().normalize());
      }
      Optional<String> cache = variable(env, "XDG_CACHE_HOME").filter(value -> Path.of(value).isAbsolute());
      if (cache.isPresent()) {
        return Optional.of(Path.of(cache.get(), "vidgen", NAME).normalize());
      }
      return userHome.map(folder -> Path.of(folder, ".cache", "vidgen", NAME).toAbsolutePath().normalize());
    } catch (InvalidPathException e) {
      return Optional.empty();
    }
  }

  /**
   * Removes the libraries sqlite-jdbc unpacked into {@code folder} last changed before {@code before}, each with its
   * {@code .lck} file, and {@code .lck} files so old whose library is gone. A library that cannot be removed (one in
   * use where the system forbids that) keeps its {@code .lck}.
   */
  static void removeStale(Path folder, Instant before) {
    List<Path> locks = new ArrayList<>();
    try (DirectoryStream<Path> files = Files.newDirectoryStream(folder, "sqlite-*sqlitejdbc*")) {
      for (Path file : files) {
        if (file.getFileName().toString().endsWith(".lck")) {
          locks.add(file);
        } else if (olderThan(file, before) && delete(file)) {
          delete(file.resolveSibling(file.getFileName() + ".lck"));
        }
      }
    } catch (IOException | SecurityException e) {
      return; // the folder cannot be read: nothing is removed
    }
    for (Path lock : locks) {
      String name = lock.getFileName().toString();
      if (Files.notExists(lock.resolveSibling(name.substring(0, name.length() - ".lck".length())),
          LinkOption.NOFOLLOW_LINKS) && olderThan(lock, before)) {
        delete(lock);
      }
    }
  }

  private static boolean olderThan(Path file, Instant before) {
    try {
      return Files.getLastModifiedTime(file, LinkOption.NOFOLLOW_LINKS).toInstant().isBefore(before);
    } catch (IOException e) {
      return false; // gone meanwhile, or unreadable: left alone
    }
  }

  private static boolean delete(Path file) {
    try {
      Files.deleteIfExists(file);
      return true;
    } catch (IOException e) {
      return false; // in use where the system keeps a loaded library, or not ours to remove: left for a later run
    }
  }

  private static boolean named(Properties properties, String name) {
    String value = properties.getProperty(name);
    return value != null && !value.isBlank();
  }

  private static Optional<String> variable(Map<String, String> env, String name) {
    String value = env.get(name);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
  }
}
