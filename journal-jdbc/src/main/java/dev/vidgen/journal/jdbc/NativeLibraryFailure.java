package dev.vidgen.journal.jdbc;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

/**
 * sqlite-jdbc's native library that could not be loaded. The driver unpacks it (about 1 MB) into its temporary
 * folder ({@code org.sqlite.tmpdir}, else {@code java.io.tmpdir}) each time a process starts using it, so a full
 * folder, a file-size limit or a path that is no folder stops every SQLite journal, though no journal is at fault.
 */
final class NativeLibraryFailure {
  /** How much a probe writes into the temporary folder: more than the library, so that no room for it shows. */
  private static final int PROBE_BYTES = 2 * 1024 * 1024;

  /** The way out of a locale that cannot name the folder: the words the CLI's other locale refusals use. */
  static final String UTF8_WAY = "run with a UTF-8 locale (LC_ALL=C.UTF-8 vidgen ...; bin/vidgen sets it)";
  /** The way to give vidgen's folder for the library another place. */
  private static final String VIDGEN_HOME_WAY = "VIDGEN_HOME=FOLDER";

  private NativeLibraryFailure() {}

  /** Whether {@code failure} (an open that failed) is the driver's native library not loading. */
  static boolean isIn(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause.getClass().getName().equals("org.sqlite.NativeLibraryNotFoundException")
          || cause instanceof UnsatisfiedLinkError && String.valueOf(cause.getMessage()).contains("sqlitejdbc")) {
        return true;
      }
    }
    return false;
  }

  /** What went wrong and what to do, for the folder the driver unpacks into, as this process's properties name it. */
  static String explain() {
    return explain(null);
  }

  /**
   * As {@link #explain()}, with the driver's own words from {@code failure} (null: none) where the folder took a file
   * the library's size, so that room is not the reason.
   */
  static String explain(Throwable failure) {
    String libraryPath = System.getProperty("org.sqlite.lib.path");
    if (libraryPath != null && !libraryPath.isBlank()) {
      return "SQLite's native library could not be loaded from " + libraryPath + " (org.sqlite.lib.path): give a"
          + " folder that holds it, or leave org.sqlite.lib.path out; the journal was not opened, so nothing was sent";
    }
    String named = System.getProperty("org.sqlite.tmpdir");
    boolean own = named != null && !named.isBlank();
    Optional<String> driverSaid = driverWords(failure);
    if (own && NativeLibraryFolder.isChosen(Path.of(named))) {
      Path folder = Path.of(named);
      return unnameableRealPath(folder).map(real -> explainUnnameable("vidgen's folder for it " + named, real,
          VIDGEN_HOME_WAY + ", or -Dorg.sqlite.tmpdir=FOLDER"))
          .orElseGet(() -> explainOwn(named, unwritable(folder), driverSaid));
    }
    Path folder = Path.of(own ? named : System.getProperty("java.io.tmpdir", "."));
    String property = own ? "org.sqlite.tmpdir" : "java.io.tmpdir";
    return unnameableRealPath(folder).map(real -> explainUnnameable("the temporary folder " + folder + " ("
        + property + ")", real, "-Djava.io.tmpdir=FOLDER, or -Dorg.sqlite.tmpdir=FOLDER for SQLite alone"))
        .orElseGet(() -> explain(folder, property, unwritable(folder), driverSaid));
  }

  /** As {@link #explain()}, for vidgen's own folder {@code named}, which refused the library for {@code refusal}. */
  static String explainOwn(String named, Optional<String> refusal) {
    return explainOwn(named, refusal, Optional.empty());
  }

  /** As {@link #explainOwn(String, Optional)}, where a folder that took a file the library's size is told {@code driverSaid}. */
  static String explainOwn(String named, Optional<String> refusal, Optional<String> driverSaid) {
    return "SQLite's native library could not be unpacked into vidgen's folder for it " + named
        + why(refusal, driverSaid) + ", which SQLite needs each time it starts (the journal itself is not at fault): "
        + whatToDo(refusal, driverSaid, "make room there, or point it at a folder with room (-Dorg.sqlite.tmpdir=FOLDER)",
            "-Dorg.sqlite.tmpdir=FOLDER") + "; the journal was not opened, so nothing was sent";
  }

  /** As {@link #explain()}, for {@code folder}, named by the property {@code property}. */
  static String explain(Path folder, String property) {
    return explain(folder, property, unwritable(folder));
  }

  /** As {@link #explain(Path, String)}, for a folder that refused the library for {@code refusal}. */
  static String explain(Path folder, String property, Optional<String> refusal) {
    return explain(folder, property, refusal, Optional.empty());
  }

  /** As {@link #explain(Path, String, Optional)}, where a folder that took a file the library's size is told {@code driverSaid}. */
  static String explain(Path folder, String property, Optional<String> refusal, Optional<String> driverSaid) {
    return "SQLite's native library could not be unpacked into the temporary folder " + folder + " (" + property + ")"
        + why(refusal, driverSaid) + ", which SQLite needs each time it starts (the journal itself is not at fault): "
        + whatToDo(refusal, driverSaid, "make room there, or point it at a folder with room"
            + " (-Djava.io.tmpdir=FOLDER, or -Dorg.sqlite.tmpdir=FOLDER for SQLite alone)",
            "-Djava.io.tmpdir=FOLDER, or -Dorg.sqlite.tmpdir=FOLDER for SQLite alone")
        + "; the journal was not opened, so nothing was sent";
  }

  /**
   * As {@link #explain()}, for the folder {@code where} names whose real path Java reads as {@code real} in this
   * locale, which names no folder; {@code otherFolder} says how to give SQLite another folder.
   */
  static String explainUnnameable(String where, String real, String otherFolder) {
    return "SQLite's native library could not be loaded from " + where + " (its real path, links followed, is not"
        + " ASCII, and this locale reads file names as " + System.getProperty("sun.jnu.encoding", "its charset")
        + ", which cannot name it: Java reads it as " + real + " (each character it could not read a replacement"
        + " character), which is no folder, and loads the library by that path), which SQLite needs each time it starts (the journal itself is not at fault): " + UTF8_WAY
        + ", or point it at a folder whose real path is ASCII (" + otherFolder + "); the journal was not opened, so"
        + " nothing was sent";
  }

  /** The parenthesis that says why: the folder's refusal, else the driver's words, else nothing. */
  private static String why(Optional<String> refusal, Optional<String> driverSaid) {
    if (refusal.isPresent()) {
      return " (" + refusal.get() + ")";
    }
    return driverSaid.map(words -> " (it takes a file the library's size, so room is not what stopped it; the driver"
        + " said: " + words + ")").orElse("");
  }

  /**
   * {@code failure}'s words for the library that did not load: the system's, where the driver kept them (a library it
   * unpacked that the system would not load), else the driver's, without the list of folders it looked in.
   */
  static Optional<String> driverWords(Throwable failure) {
    String found = null;
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof UnsatisfiedLinkError && cause.getMessage() != null) {
        return Optional.of(cause.getMessage());
      }
      if (found == null && cause.getClass().getName().equals("org.sqlite.NativeLibraryNotFoundException")
          && cause.getMessage() != null) {
        found = cause.getMessage().replaceFirst(",? ?paths=\\[.*$", "");
      }
    }
    return Optional.ofNullable(found);
  }

  /**
   * The real path of {@code folder} (links followed) as Java names it in this locale, when that names no folder: the
   * JDK loads a native library by its real path, and a locale that is not UTF-8 reads letters beyond ASCII there as
   * {@code ?}s, as it reads a working folder so named; empty when the locale is UTF-8 or the path names the folder.
   */
  static Optional<String> unnameableRealPath(Path folder) {
    String charset = System.getProperty("sun.jnu.encoding", "");
    if (charset.replace("-", "").equalsIgnoreCase("UTF8")) {
      return Optional.empty();
    }
    try {
      if (!Files.isDirectory(folder)) {
        return Optional.empty();
      }
      String real = new File(folder.toString()).getCanonicalPath();
      return names(real) ? Optional.empty() : Optional.of(real);
    } catch (IOException | InvalidPathException | SecurityException unknown) {
      return Optional.empty();
    }
  }

  /** Whether {@code path}, as Java read it, names a folder: one read with replacement characters names none. */
  private static boolean names(String path) {
    try {
      return Files.isDirectory(Path.of(path));
    } catch (InvalidPathException unnameable) {
      return false;
    }
  }

  /**
   * What lets the library be unpacked: {@code makeRoom} for a folder short of room, but for "File too large" a higher
   * file-size limit, as no other folder is spared the process's limit.
   */
  private static String whatToDo(Optional<String> refusal, Optional<String> driverSaid, String makeRoom,
      String otherFolder) {
    if (refusal.isEmpty() && driverSaid.isPresent()) {
      return "point it at another folder, on a file system that lets libraries load (one not mounted noexec): "
          + otherFolder;
    }
    if (refusal.filter(reason -> reason.toLowerCase(Locale.ROOT).contains("file too large")).isEmpty()) {
      return makeRoom;
    }
    return "a file-size limit stops it, most often the shell's (ulimit -f), which applies in every folder, so room"
        + " there or another folder does not help: run vidgen from a shell whose ulimit -f is unlimited, or at least"
        + " above " + PROBE_BYTES / (1024 * 1024) + " MB (and above the largest video it is to save)";
  }

  /** What {@code failure} says went wrong ("File too large", "Not a directory"), without a path already named. */
  private static String reason(IOException failure) {
    if (failure instanceof java.nio.file.FileSystemException system && system.getReason() != null) {
      return system.getReason();
    }
    return failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
  }

  /** Why a file as large as the library cannot be written in {@code folder}; empty when one can (then it is removed). */
  private static Optional<String> unwritable(Path folder) {
    Path probe = null;
    try {
      probe = Files.createTempFile(folder, "vidgen-sqlite-room-", ".tmp");
      try (OutputStream out = Files.newOutputStream(probe)) {
        byte[] chunk = new byte[64 * 1024];
        for (int written = 0; written < PROBE_BYTES; written += chunk.length) {
          out.write(chunk);
        }
      }
      return Optional.empty();
    } catch (IOException e) {
      return Optional.of(reason(e));
    } finally {
      if (probe != null) {
        try {
          Files.deleteIfExists(probe);
        } catch (IOException left) {
          // A probe that cannot be removed is left in the temporary folder, where such files belong.
        }
      }
    }
  }
}
