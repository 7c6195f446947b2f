package dev.vidgen.serve.history;

import dev.vidgen.core.client.JobHandle;
import dev.vidgen.core.text.IoReasons;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * The latest entry of each task a history file holds, read once per state of the file: a command
 * looks at the history many times (the same-job check, the notes, the durations), and the file only
 * grows, so a read is kept until its size, time or file changes, and a file that only grew is read
 * on from where the last read ended. The same read counts the whole lines that are no entry, so that each
 * line is parsed once. Read leniently: a byte that is not UTF-8 (a line torn inside a
 * character) or a byte-order mark costs only what it touches.
 */
final class HistorySnapshots {
  /** How many history files' reads are kept (a process uses one or two homes). */
  private static final int KEPT = 4;
  /** How many bytes before where a read ended must be unchanged for the file to count as only appended to. */
  private static final int CHECKED = 256;
  private static final Map<Path, Snapshot> READS = new LinkedHashMap<>(8, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Path, Snapshot> eldest) {
      return size() > KEPT;
    }
  };

  private HistorySnapshots() {}

  /**
   * What the file held when last read, the file's state then, where its last whole line ended
   * ({@code readTo}) and the bytes just before that point ({@code before}), by which a later read
   * knows that what it read is still there, and how many whole lines before that point are no entry; {@code sorted}
   * lists and indexes the tasks of {@code latest} once asked to.
   */
  private record Snapshot(long size, FileTime modified, Object fileKey, long readTo, byte[] before,
      Map<String, HistoryEntry> latest, Map<String, HistoryEntry> lastSavedTo, int unreadable, SortedEntries sorted) {
    boolean describes(BasicFileAttributes now) {
      return now.size() == size && now.lastModifiedTime().equals(modified) && Objects.equals(now.fileKey(), fileKey);
    }

    /**
     * Whether the file may only have had lines added: the same file, larger than when read. An edit that
     * keeps its size (a status written over in place) is read afresh, as is a file that did not grow.
     */
    boolean onlyGrew(BasicFileAttributes now) {
      return fileKey != null && fileKey.equals(now.fileKey()) && now.size() > size && now.size() >= readTo;
    }
  }

  /**
   * The latest entry of each task (its provider, server and id) in {@code file}, lines read by {@code readLine}
   * (empty for a line that is no entry); an empty map for a file that does not exist.
   *
   * @throws UncheckedIOException when the file exists but cannot be read
   */
  static Map<String, HistoryEntry> latest(Path file, Function<String, Optional<HistoryEntry>> readLine) {
    return snapshot(file, readLine).latest;
  }

  /** The tasks of {@code file} as {@link TaskHistory#entries()} lists them, sorted and indexed once per read. */
  static SortedEntries sorted(Path file, Function<String, Optional<HistoryEntry>> readLine) {
    return snapshot(file, readLine).sorted;
  }

  /**
   * The last line of {@code file} that names each saved video's file ({@link HistoryEntry#file()}): which
   * task's video was saved there last, even when that task was saved elsewhere since; empty for none.
   *
   * @throws UncheckedIOException when the file exists but cannot be read
   */
  static Map<String, HistoryEntry> lastSavedTo(Path file, Function<String, Optional<HistoryEntry>> readLine) {
    return snapshot(file, readLine).lastSavedTo;
  }

  /**
   * How many whole lines of {@code file} are no entry ({@code readLine} gives none) and are neither blank nor a torn
   * line a later append marked ({@link TornLine}); a last line without its line end is not counted.
   *
   * @throws UncheckedIOException when the file exists but cannot be read
   */
  static int unreadableLines(Path file, Function<String, Optional<HistoryEntry>> readLine) {
    return snapshot(file, readLine).unreadable;
  }

  private static Snapshot snapshot(Path file, Function<String, Optional<HistoryEntry>> readLine) {
    Path key = file.toAbsolutePath().normalize();
    Snapshot kept;
    synchronized (READS) {
      kept = READS.get(key);
    }
    // Not while this process appends: closing this channel would let the append's file lock go.
    synchronized (TaskHistory.APPEND_LOCK) {
      try (FileChannel channel = TaskHistory.openRegular(file, StandardOpenOption.READ)) {
        // Stated before it is read: a line appended meanwhile makes the next look read on.
        BasicFileAttributes now = java.nio.file.Files.readAttributes(file, BasicFileAttributes.class);
        if (!now.isRegularFile()) {
          // A device or a pipe (a link to /dev/zero, say) may never end: not read at all.
          throw new IOException("it is not a regular file");
        }
        if (kept != null && kept.describes(now)) {
          return kept;
        }
        Snapshot read = kept != null && kept.onlyGrew(now) && unchangedBefore(channel, kept)
            ? readFrom(channel, now, kept.readTo, new Lines(new LinkedHashMap<>(kept.latest),
                new HashMap<>(kept.lastSavedTo), kept.unreadable, readLine))
            : readFrom(channel, now, 0, new Lines(new LinkedHashMap<>(), new HashMap<>(), 0, readLine));
        synchronized (READS) {
          READS.put(key, read);
        }
        return read;
      } catch (NoSuchFileException gone) {
        forget(key);
        return new Snapshot(0, null, null, 0, new byte[0], Map.of(), Map.of(), 0, new SortedEntries(Map.of()));
      } catch (IOException e) {
        throw unreadable(file, e);
      }
    }
  }

  /** Whether the bytes before where {@code kept}'s read ended are still those it read. */
  private static boolean unchangedBefore(FileChannel channel, Snapshot kept) throws IOException {
    byte[] now = bytesBefore(channel, kept.readTo);
    return Arrays.equals(now, kept.before);
  }

  private static byte[] bytesBefore(FileChannel channel, long end) throws IOException {
    int length = (int) Math.min(CHECKED, end);
    ByteBuffer buffer = ByteBuffer.allocate(length);
    long at = end - length;
    while (buffer.hasRemaining()) {
      int read = channel.read(buffer, at + buffer.position());
      if (read < 0) {
        break;
      }
    }
    return Arrays.copyOf(buffer.array(), buffer.position());
  }

  /**
   * Reads the lines from byte {@code start} to the end into {@code lines}. A last line without its
   * line end (one being written, or torn) is read too, but the next read starts again at its beginning.
   */
  private static Snapshot readFrom(FileChannel channel, BasicFileAttributes stated, long start, Lines lines)
      throws IOException {
    ByteBuffer buffer = ByteBuffer.allocate(64 * 1024);
    long at = start;
    long wholeTo = start;
    for (int read = channel.read(buffer, at); read > 0; read = channel.read(buffer, at)) {
      at += read;
      buffer.flip();
      wholeTo += lines.take(buffer);
      buffer.compact();
      if (!buffer.hasRemaining()) {
        buffer = grown(buffer); // a line longer than the buffer
      }
    }
    buffer.flip();
    lines.last(buffer);
    Map<String, HistoryEntry> latest = Collections.unmodifiableMap(lines.latest);
    return new Snapshot(stated.size(), stated.lastModifiedTime(), stated.fileKey(), wholeTo,
        bytesBefore(channel, wholeTo), latest, Collections.unmodifiableMap(lines.lastSavedTo), lines.unreadable,
        new SortedEntries(latest));
  }

  private static ByteBuffer grown(ByteBuffer full) {
    ByteBuffer larger = ByteBuffer.allocate(full.capacity() * 2);
    full.flip();
    return larger.put(full);
  }

  /** Turns whole lines of bytes into entries, the latest of each task kept, counting the lines that are none. */
  private static final class Lines {
    private final Map<String, HistoryEntry> latest;
    private final Map<String, HistoryEntry> lastSavedTo;
    private final Function<String, Optional<HistoryEntry>> readLine;
    /** Whether an ended task's entry was kept under its submission time (its id given out again). */
    private boolean earlierTakesKept;
    /** How many whole lines read so far are no entry (changed by hand, another version's). */
    private int unreadable;

    Lines(Map<String, HistoryEntry> latest, Map<String, HistoryEntry> lastSavedTo, int unreadable,
        Function<String, Optional<HistoryEntry>> readLine) {
      this.latest = latest;
      this.lastSavedTo = lastSavedTo;
      this.unreadable = unreadable;
      this.readLine = readLine;
      // Read on from an earlier read: an entry kept under another key than its task's is an earlier take.
      this.earlierTakesKept = latest.entrySet().stream()
          .anyMatch(kept -> !kept.getKey().equals(taskKey(kept.getValue())));
    }

    /** Reads each whole line in {@code bytes}, leaving a part line there; how many bytes were taken. */
    int take(ByteBuffer bytes) {
      int taken = 0;
      int from = bytes.position();
      for (int i = from; i < bytes.limit(); i++) {
        byte b = bytes.get(i);
        if (b == '\n' || b == '\r') {
          line(bytes.array(), bytes.arrayOffset() + from, i - from, true);
          from = i + 1;
          taken = from - bytes.position();
        }
      }
      bytes.position(bytes.position() + taken);
      return taken;
    }

    /** Reads what is left, a line without its line end. */
    void last(ByteBuffer bytes) {
      if (bytes.hasRemaining()) {
        line(bytes.array(), bytes.arrayOffset() + bytes.position(), bytes.remaining(), false);
      }
    }

    /** Reads one line ({@code whole}: ended by a line end, so counted when it is no entry). */
    private void line(byte[] bytes, int offset, int length, boolean whole) {
      if (length == 0) {
        return;
      }
      // Bytes that are not UTF-8 become U+FFFD: they cost the line they are in, if anything.
      String line = new String(bytes, offset, length, StandardCharsets.UTF_8);
      String text = line.startsWith("\uFEFF") ? line.substring(1) : line;
      Optional<HistoryEntry> entry = readLine.apply(text);
      if (entry.isPresent()) {
        keep(entry.get());
      } else if (whole && !text.isBlank() && !TornLine.isMarked(text.strip())) {
        unreadable++;
      }
    }

    /**
     * Keeps {@code entry} as its task's latest state. A task id the provider gave out again (a submission after
     * the task of that id had ended) is another task: the ended one stays too, under its own submission time,
     * and a later line of it (same submission time) updates it there. A reading taken before the task ended
     * ({@link #readBeforeItEnded}) is passed over.
     */
    private void keep(HistoryEntry entry) {
      if (entry.taskId().startsWith(HistoryEntry.UNANSWERED_PREFIX) && !NOTE_STATUSES.contains(entry.status())) {
        Optional<HistoryEntry> note = answeredNoteOf(entry);
        if (note.isPresent()) {
          foldIntoItsTask(note.get(), entry);
          return;
        }
      }
      String key = taskKey(entry);
      String earlierTake = key + "@" + entry.submittedAt();
      // Rare: looked for only once an id was given out again.
      boolean ofAnEarlierTake = earlierTakesKept && latest.containsKey(earlierTake);
      HistoryEntry before = latest.get(ofAnEarlierTake ? earlierTake : key);
      if (before != null && readBeforeItEnded(before, entry)) {
        return;
      }
      if (entry.file() != null) {
        lastSavedTo.put(entry.file(), entry);
      }
      if (ofAnEarlierTake) {
        latest.put(earlierTake, entry);
        return;
      }
      if (before != null && givenOutAgain(before, entry)) {
        latest.put(key + "@" + before.submittedAt(), before);
        earlierTakesKept = true;
      }
      latest.put(key, entry);
    }

    /**
     * The note of {@code line}'s name (the same provider, and its server when the line names one) whose own line says
     * that its create was answered with a task ({@link TasksNamedByNotes#answeredWith}); empty for none. Looked for
     * only for a line of a task's status under a note's name.
     */
    private Optional<HistoryEntry> answeredNoteOf(HistoryEntry line) {
      HistoryEntry same = latest.get(taskKey(line));
      if (same != null && TasksNamedByNotes.answeredWith(same).isPresent()) {
        return Optional.of(same);
      }
      boolean serverNamed = line.baseUrl() != null && !line.baseUrl().isBlank();
      return latest.values().stream()
          .filter(note -> note.taskId().equals(line.taskId()) && note.provider().equals(line.provider()))
          .filter(note -> !serverNamed || BaseUrls.sameServer(line.provider(), note.baseUrl(), line.baseUrl()))
          .filter(note -> TasksNamedByNotes.answeredWith(note).isPresent())
          .findFirst();
    }

    /**
     * Reads {@code line}, a task's status written under the name of {@code note} after the note's own line said that
     * its create was answered with that task (an older vidgen, run after this one, followed the note as if it were a
     * task), as the task's own newest state: its status, file, time and error. The task stays one row, counted once,
     * and the note none; a line older than the task's latest state is passed over, and the note's own words that the
     * line repeats are no error of the task's.
     */
    private void foldIntoItsTask(HistoryEntry note, HistoryEntry line) {
      JobHandle task = TasksNamedByNotes.answeredWith(note).orElseThrow();
      HistoryEntry made = note.madeAs(task, line.status(), line.updatedAt());
      HistoryEntry own = latest.get(taskKey(made));
      if (own != null && line.updatedAt().isBefore(own.updatedAt())) {
        return;
      }
      HistoryEntry state = own == null ? made : own.withStatus(line.status(), line.updatedAt());
      String error = Objects.equals(line.error(), note.error()) ? null : line.error();
      keep(state.withFile(line.file()).withNote(error));
    }

    /** The statuses of a note's own lines; a line of any other under a note's name is a task's state. */
    private static final Set<String> NOTE_STATUSES = Set.of(HistoryEntry.UNKNOWN, HistoryEntry.ANSWERED,
        HistoryEntry.FOUND, HistoryEntry.CLOSED);

    /**
     * The key of {@code entry}'s task: its provider, its server and its id. Two servers (two test servers, a staging
     * proxy) that hand out the same id made two tasks; base URLs that name one server ({@link BaseUrls#sameServer})
     * give one key, and an entry without one is on the provider's own address.
     */
    static String taskKey(HistoryEntry entry) {
      return entry.provider() + "/" + BaseUrls.comparable(entry.provider(), entry.baseUrl()) + " " + entry.taskId();
    }

    /**
     * Whether {@code entry} is a reading of {@code ended}'s task, which the history already has as completed or failed,
     * that says it is still queued, running or not found: taken before the task ended and written late (a status
     * answered slowly, a download started early, in another process). It would undo the end and drop a saved file,
     * so that the task is followed and saved again; its end stays, as a saved video stays completed when the provider
     * later calls it failed.
     */
    private static boolean readBeforeItEnded(HistoryEntry ended, HistoryEntry entry) {
      return (ended.status().equals("completed") || ended.status().equals("failed"))
          && STILL_OPEN.contains(entry.status())
          && !entry.taskId().startsWith(HistoryEntry.UNANSWERED_PREFIX)
          && !givenOutAgain(ended, entry);
    }

    /** The statuses of a reading that finds a task not ended. */
    private static final Set<String> STILL_OPEN = Set.of("queued", "in_progress",
        HistoryEntry.NOT_FOUND);

    private static boolean givenOutAgain(HistoryEntry ended, HistoryEntry entry) {
      return (ended.status().equals("completed") || ended.status().equals("failed"))
          && !entry.taskId().startsWith(HistoryEntry.UNANSWERED_PREFIX)
          && entry.submittedAt().isAfter(ended.updatedAt());
    }
  }

  private static void forget(Path key) {
    synchronized (READS) {
      READS.remove(key);
    }
  }

  private static UncheckedIOException unreadable(Path file, IOException e) {
    return new UncheckedIOException("cannot read the task history " + file + ": " + IoReasons.of(e), e);
  }
}
