package dev.vidgen.serve.history;

import dev.vidgen.core.files.OwnerOnly;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A file beside the task history, locked by the run that reserved a job until just before its create
 * leaves. A reservation note (written before the uploads) whose marker is still there, still says
 * {@link #RESERVED} and is no longer locked was left by a run that ended (killed, crashed) before its
 * create went out: nothing was sent, so the note need not hold the same job back. A run whose create
 * is going out has emptied its marker (which needs no room on a full disk) and removed it first, so its
 * note is never taken for one that sent nothing. Kept by {@code vidgen generate} and the playground alike.
 */
public final class RunMarker {
  private static final String FOLDER = "running";
  /** What a marker holds while its run has sent no create. */
  private static final byte[] RESERVED = "reserved\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

  /** What the note of a run that ended before its create went out is closed with, after the run's name. */
  public static final String NOTHING_SENT = "ended before its create went out; nothing was sent or billed";

  /**
   * The markers this process holds. A lock on a file belongs to the whole process, and closing any channel
   * this process opened on that file lets it go: so a marker held here is never opened again here, only known.
   */
  private static final Set<Path> HELD_HERE = ConcurrentHashMap.newKeySet();

  private final Path file;
  private FileChannel channel;

  private RunMarker(Path file, FileChannel channel) {
    this.file = file;
    this.channel = channel;
  }

  /** A marker for {@code reference}, held by this run; empty when it cannot be made or locked. */
  public static Optional<RunMarker> hold(TaskHistory history, String reference) {
    Path file = fileOf(history, reference);
    FileChannel channel = null;
    try {
      OwnerOnly.folders(file.getParent());
      // Truncated below: never through a link, nor in a folder another user may write.
      channel = TaskHistory.openRegular(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
      if (channel.tryLock() == null) {
        channel.close();
        return Optional.empty();
      }
      HELD_HERE.add(file);
      channel.truncate(0);
      channel.write(java.nio.ByteBuffer.wrap(RESERVED));
      channel.force(false);
      return Optional.of(new RunMarker(file, channel));
    } catch (IOException | RuntimeException unlockable) {
      closeQuietly(channel);
      if (HELD_HERE.remove(file)) {
        // Locked but not written (a full disk): no run holds it, and an empty marker would only linger.
        try {
          Files.deleteIfExists(file);
        } catch (IOException | RuntimeException e) {
          // left for the day-old sweep
        }
      }
      return Optional.empty();
    }
  }

  /**
   * Removes the marker, before a create leaves; whether it is gone. A marker that stays would make
   * this run's reservation look like one that sent nothing, should the run be killed during the create.
   */
  public synchronized boolean remove() {
    if (channel == null) {
      return !Files.exists(file);
    }
    try {
      channel.truncate(0); // emptied first, while locked: an empty marker never says that nothing was sent
      Files.deleteIfExists(file);
    } catch (IOException | RuntimeException lockedHere) {
      // Some systems delete no open file: it goes once closed.
    }
    closeQuietly(channel);
    channel = null;
    HELD_HERE.remove(file);
    try {
      Files.deleteIfExists(file);
      return true;
    } catch (IOException | RuntimeException e) {
      return false;
    }
  }

  /**
   * Closes the notes of the day's submits whose runs ended before their creates went out (killed
   * during their uploads, say): nothing was sent for them, so they hold no job back. Tidies day-old markers too.
   */
  public static void settleAbandoned(TaskHistory history, Instant now) {
    for (HistoryEntry entry : history.entries()) {
      if (entry.isReservation() && !entry.submittedAt().isBefore(now.minus(TaskHistory.SAME_JOB_WINDOW))) {
        settleIfAbandoned(history, entry, now);
      }
    }
    sweep(history, now);
  }

  /**
   * Whether {@code note} is the reservation of a run still going whose create has not left yet: its
   * marker still says {@link #RESERVED} and is held (by another process, or by this one). However long
   * its uploads take, such a note is no create that got no answer, and it cannot be closed as one.
   */
  public static boolean isRunning(TaskHistory history, HistoryEntry note) {
    if (!note.isReservation()) {
      return false;
    }
    Path file = fileOf(history, HistoryEntry.referenceOf(note.taskId()));
    if (HELD_HERE.contains(file)) {
      return true; // this very process holds it: a submit of its own still in its checks or uploads
    }
    if (!Files.isRegularFile(file)) {
      return false;
    }
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE,
        LinkOption.NOFOLLOW_LINKS)) {
      java.nio.ByteBuffer held = java.nio.ByteBuffer.allocate(RESERVED.length + 1);
      channel.read(held, 0);
      if (!java.util.Arrays.equals(java.util.Arrays.copyOf(held.array(), held.position()), RESERVED)) {
        return false; // emptied as its create went out
      }
      FileLock lock = channel.tryLock();
      if (lock == null) {
        return true; // held by the run that wrote it
      }
      lock.release();
      return false; // free: its run ended, and the note is settled as nothing sent
    } catch (OverlappingFileLockException heldHere) {
      return true; // this very process holds it: a submit of its own still in its uploads
    } catch (IOException | RuntimeException unreadable) {
      return false;
    }
  }

  /**
   * Settles the note of a reservation ({@link HistoryEntry#isReservation()}) whose run ended before its
   * create went out: recorded as answered without a task; whether it was.
   */
  static boolean settleIfAbandoned(TaskHistory history, HistoryEntry note, Instant now) {
    if (!note.isReservation()) {
      return false;
    }
    Path file = fileOf(history, HistoryEntry.referenceOf(note.taskId()));
    if (HELD_HERE.contains(file)) {
      return false; // this very process holds it: its run is still going
    }
    if (!Files.isRegularFile(file)) {
      return false; // removed before a create went out, or never made: the note may stand for a paid task
    }
    try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE,
        LinkOption.NOFOLLOW_LINKS)) {
      FileLock lock = channel.tryLock();
      if (lock == null) {
        return false; // its run is still going
      }
      java.nio.ByteBuffer held = java.nio.ByteBuffer.allocate(RESERVED.length + 1);
      channel.read(held, 0);
      if (!java.util.Arrays.equals(java.util.Arrays.copyOf(held.array(), held.position()), RESERVED)) {
        lock.release();
        return false; // emptied as its create went out: the note may stand for a paid task
      }
      history.record(note.answeredWithout("the run that wrote it (vidgen " + note.source() + ") " + NOTHING_SENT, now));
      lock.release();
    } catch (OverlappingFileLockException heldHere) {
      return false; // this very process holds it
    } catch (IOException | RuntimeException unreadable) {
      return false;
    }
    try {
      Files.deleteIfExists(file);
    } catch (IOException ignored) {
      // A marker left behind holds nothing back.
    }
    return true;
  }

  /** Removes the markers left a day or more ago by runs that have ended (one whose note was settled otherwise). */
  static void sweep(TaskHistory history, Instant now) {
    Path folder = history.file().resolveSibling(FOLDER);
    if (!Files.isDirectory(folder)) {
      return;
    }
    try (java.util.stream.Stream<Path> markers = Files.list(folder)) {
      markers.filter(file -> file.getFileName().toString().endsWith(".lock") && !HELD_HERE.contains(file)).forEach(file -> {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
          if (Files.getLastModifiedTime(file).toInstant().isBefore(now.minus(java.time.Duration.ofDays(1)))) {
            FileLock lock = channel.tryLock();
            if (lock != null) {
              Files.deleteIfExists(file);
              lock.release();
            }
          }
        } catch (IOException | RuntimeException busy) {
          // Held, or gone meanwhile: left as it is.
        }
      });
    } catch (IOException | RuntimeException unreadable) {
      // Nothing to tidy that can be read.
    }
  }

  private static Path fileOf(TaskHistory history, String reference) {
    String name = reference.replaceAll("[^A-Za-z0-9._-]", "_");
    return history.file().resolveSibling(FOLDER).resolve(name + ".lock");
  }

  private static void closeQuietly(FileChannel channel) {
    if (channel != null) {
      try {
        channel.close();
      } catch (IOException ignored) {
        // Closing only lets the lock go.
      }
    }
  }
}
