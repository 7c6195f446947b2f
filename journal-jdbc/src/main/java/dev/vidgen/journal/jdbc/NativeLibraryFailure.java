package dev.vidgen.journal.jdbc;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
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
    String libraryPath = System.getProperty("org.sqlite.lib.path");
    if (libraryPath != null && !libraryPath.isBlank()) {
      return "SQLite's native library could not be loaded from " + libraryPath + " (org.sqlite.lib.path): give a"
          + " folder that holds it, or leave org.sqlite.lib.path out; the journal was not opened, so nothing was sent";
    }
    String named = System.getProperty("org.sqlite.tmpdir");
    boolean own = named != null && !named.isBlank();
    if (own && NativeLibraryFolder.isChosen(Path.of(named))) {
      return explainOwn(named, unwritable(Path.of(named)));
    }
    return explain(Path.of(own ? named : System.getProperty("java.io.tmpdir", ".")), own ? "org.sqlite.tmpdir"
        : "java.io.tmpdir");
  }

  /** As {@link #explain()}, for vidgen's own folder {@code named}, which refused the library for {@code refusal}. */
  static String explainOwn(String named, Optional<String> refusal) {
    return "SQLite's native library could not be unpacked into vidgen's folder for it " + named
        + refusal.map(reason -> " (" + reason + ")").orElse("") + ", which SQLite needs each time it starts (the"
        + " journal itself is not at fault): " + whatToDo(refusal, "make room there, or point it at a folder with room"
        + " (-Dorg.sqlite.tmpdir=FOLDER)") + "; the journal was not opened, so nothing was sent";
  }

  /** As {@link #explain()}, for {@code folder}, named by the property {@code property}. */
  static String explain(Path folder, String property) {
    return explain(folder, property, unwritable(folder));
  }

  /** As {@link #explain(Path, String)}, for a folder that refused the library for {@code refusal}. */
  static String explain(Path folder, String property, Optional<String> refusal) {
    return "SQLite's native library could not be unpacked into the temporary folder " + folder + " (" + property + ")"
        + refusal.map(reason -> " (" + reason + ")").orElse("") + ", which SQLite needs each time it starts (the"
        + " journal itself is not at fault): " + whatToDo(refusal, "make room there, or point it at a folder with room"
        + " (-Djava.io.tmpdir=FOLDER, or -Dorg.sqlite.tmpdir=FOLDER for SQLite alone)")
        + "; the journal was not opened, so nothing was sent";
  }

  /**
   * What lets the library be unpacked: {@code makeRoom} for a folder short of room, but for "File too large" a higher
   * file-size limit, as no other folder is spared the process's limit.
   */
  private static String whatToDo(Optional<String> refusal, String makeRoom) {
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
