package dev.vidgen.core.client;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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
 * writes) is left alone, and so is one this process may not open for writing: another user's, whose
 * download may be alive, as in a shared group-writable folder. Thread-safe.
 */
final class StaleParts {
  private static final Pattern PART = Pattern.compile("\\.(.+)\\.[0-9a-f]{1,16}\\.part");

  private final Function<Path, List<String>> names;
  private final Opener opener;
  /** Per folder read: the leftovers not deleted yet, by the file name of their target. */
  private final Map<Path, Map<String, List<Path>>> byFolder = new ConcurrentHashMap<>();

  /** Opens a leftover part for writing, so that its lock can be tried. */
  interface Opener {
    FileChannel open(Path part) throws IOException;
  }

  StaleParts() {
    this(StaleParts::namesIn);
  }

  /** @param names the file names in a folder (empty when it cannot be read) */
  StaleParts(Function<Path, List<String>> names) {
    this(names, part -> FileChannel.open(part, StandardOpenOption.WRITE));
  }

  /**
   * @param names the file names in a folder (empty when it cannot be read)
   * @param opener opens a part for writing; it throws when this process may not (another user's part)
   */
  StaleParts(Function<Path, List<String>> names, Opener opener) {
    this.names = names;
    this.opener = opener;
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
      leftovers.forEach(this::deleteUnlessWritten);
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
   * Deletes {@code part} only when this process can open it for writing and take the lock a download holds on its
   * part while it writes (only tidying: a part that stays does no harm to a download). A part this process may not
   * open is another user's, whose download may be alive: it is left alone. It is deleted while this probe holds
   * that lock, so a download that locks its new part a moment later finds its name gone and takes another ({@link
   * Downloader}); where an open file cannot be deleted, it is deleted once the lock is let go. A part any client of
   * this process is writing is never opened ({@link Downloader#WRITTEN_HERE}), so the probe never closes a channel
   * on a file this process locks.
   */
  private void deleteUnlessWritten(Path part) {
    if (Downloader.WRITTEN_HERE.contains(part.toAbsolutePath().normalize())) {
      return; // another client of this process writes it: opening it here and closing it would let its lock go
    }
    boolean lockedHere = false;
    boolean gone = false;
    try (FileChannel channel = opener.open(part)) {
      FileLock lock = channel.tryLock();
      if (lock == null) {
        return; // another process's download, alive: its part is not stale
      }
      lockedHere = true;
      try {
        Files.deleteIfExists(part);
        gone = true;
      } catch (IOException | SecurityException openHere) {
        // Deleted below, once closed.
      }
      lock.release();
    } catch (OverlappingFileLockException held) {
      return;
    } catch (IOException | SecurityException | UnsupportedOperationException unopened) {
      // Gone already, another user's (alive or not), or on a file system without locks: not provably stale.
    }
    if (lockedHere && !gone) {
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
