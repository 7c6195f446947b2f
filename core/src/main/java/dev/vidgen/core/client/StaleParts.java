package dev.vidgen.core.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The temporary files ({@code .<name>.<hex>.part}) that downloads killed before this client's
 * first download into a folder left there. Each folder is read once, at that first download; a
 * target's leftovers are deleted before it is downloaded. Reading the folder at every download
 * instead would make a batch of n videos into one folder read n names n times. A download this
 * client starts deletes its own temporary file whatever happens, so later ones never go stale
 * while the client lives. A part another process is still writing (it holds a lock on it while it
 * writes) is left alone. Thread-safe.
 */
final class StaleParts {
  private static final Pattern PART = Pattern.compile("\\.(.+)\\.[0-9a-f]{1,16}\\.part");

  private final Function<Path, List<String>> names;
  /** Per folder read: the leftovers not deleted yet, by the file name of their target. */
  private final Map<Path, Map<String, List<Path>>> byFolder = new ConcurrentHashMap<>();

  StaleParts() {
    this(StaleParts::namesIn);
  }

  /** @param names the file names in a folder (empty when it cannot be read) */
  StaleParts(Function<Path, List<String>> names) {
    this.names = names;
  }

  /** Deletes what killed downloads to {@code target} left beside it; the target itself is never touched. */
  void remove(Path target) {
    Path absolute = target.toAbsolutePath();
    Path folder = absolute.getParent();
    if (folder == null || absolute.getFileName() == null) {
      return;
    }
    List<Path> leftovers = byFolder.computeIfAbsent(folder, this::read).remove(absolute.getFileName().toString());
    if (leftovers != null) {
      leftovers.forEach(StaleParts::deleteUnlessWritten);
    }
  }

  private Map<String, List<Path>> read(Path folder) {
    Map<String, List<Path>> found = new ConcurrentHashMap<>();
    for (String name : names.apply(folder)) {
      Matcher part = PART.matcher(name);
      if (part.matches()) {
        found.computeIfAbsent(part.group(1), target -> new ArrayList<>()).add(folder.resolve(name));
      }
    }
    return found;
  }

  /**
   * Deletes {@code part} unless a process holds the lock a download takes on its part while it writes
   * (only tidying: a part that stays does no harm to a download). It is deleted while this probe holds that lock, so a download that locks its new
   * part a moment later finds its name gone and takes another ({@link Downloader}); where an open file
   * cannot be deleted, it is deleted once the lock is let go. A part any client of this process is writing is
   * never opened ({@link Downloader#WRITTEN_HERE}), so the probe never closes a channel on a file this process locks.
   */
  private static void deleteUnlessWritten(Path part) {
    if (Downloader.WRITTEN_HERE.contains(part.toAbsolutePath().normalize())) {
      return; // another client of this process writes it: opening it here and closing it would let its lock go
    }
    boolean gone = false;
    try (java.nio.channels.FileChannel channel = java.nio.channels.FileChannel.open(part,
        java.nio.file.StandardOpenOption.WRITE)) {
      java.nio.channels.FileLock lock = channel.tryLock();
      if (lock == null) {
        return; // another process's download, alive: its part is not stale
      }
      try {
        Files.deleteIfExists(part);
        gone = true;
      } catch (IOException | SecurityException openHere) {
        // Deleted below, once closed.
      }
      lock.release();
    } catch (java.nio.channels.OverlappingFileLockException held) {
      return;
    } catch (IOException | SecurityException unopened) {
      // Gone already, or not ours to open: deleting it fails quietly too.
    }
    if (!gone) {
      try {
        Files.deleteIfExists(part);
      } catch (IOException | SecurityException e) {
        // Left as it is.
      }
    }
  }

  /** The names of the {@code .part} files in {@code folder}; none when it is missing or cannot be read. */
  static List<String> namesIn(Path folder) {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(folder)) {
      return files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(".part")).toList();
    } catch (IOException | UncheckedIOException | SecurityException e) {
      // Only tidying: a part file that stays does no harm to a download.
      return List.of();
    }
  }

}
