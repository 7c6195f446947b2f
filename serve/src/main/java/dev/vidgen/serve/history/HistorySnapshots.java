package dev.vidgen.serve.history;

import dev.vidgen.core.text.IoReasons;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * The latest entry of each task a history file holds, read once per state of the file: a command
 * looks at the history many times (the same-job check, the notes, the durations), and the file only
 * grows, so a read is kept until its size, time or file changes. Read leniently: a byte that is not
 * UTF-8 (a line torn inside a character) or a byte-order mark costs only what it touches.
 */
final class HistorySnapshots {
  /** How many history files' reads are kept (a process uses one or two homes). */
  private static final int KEPT = 4;
  private static final Map<Path, Snapshot> READS = new LinkedHashMap<>(8, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<Path, Snapshot> eldest) {
      return size() > KEPT;
    }
  };

  private HistorySnapshots() {}

  /** What the file held when last read, and the file's state then. */
  private record Snapshot(long size, FileTime modified, Object fileKey, Map<String, HistoryEntry> latest) {
    boolean describes(BasicFileAttributes now) {
      return now.size() == size && now.lastModifiedTime().equals(modified) && Objects.equals(now.fileKey(), fileKey);
    }
  }

  /**
   * The latest entry of each {@code provider/taskId} in {@code file}, lines read by {@code readLine}
   * (empty for a line that is no entry); an empty map for a file that does not exist.
   *
   * @throws UncheckedIOException when the file exists but cannot be read
   */
  static Map<String, HistoryEntry> latest(Path file, Function<String, Optional<HistoryEntry>> readLine) {
    Path key = file.toAbsolutePath().normalize();
    BasicFileAttributes before;
    try {
      before = Files.readAttributes(file, BasicFileAttributes.class);
    } catch (NoSuchFileException gone) {
      forget(key);
      return Map.of();
    } catch (IOException e) {
      throw unreadable(file, e);
    }
    synchronized (READS) {
      Snapshot kept = READS.get(key);
      if (kept != null && kept.describes(before)) {
        return kept.latest;
      }
    }
    // Stated before it is read: a line appended meanwhile makes the next look read the file again.
    Map<String, HistoryEntry> latest = new LinkedHashMap<>();
    try (BufferedReader lines = new BufferedReader(new InputStreamReader(Files.newInputStream(file),
        StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPLACE)
            .onUnmappableCharacter(CodingErrorAction.REPLACE)))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        String text = line.startsWith("\uFEFF") ? line.substring(1) : line;
        readLine.apply(text).ifPresent(entry -> latest.put(entry.provider() + "/" + entry.taskId(), entry));
      }
    } catch (NoSuchFileException gone) {
      forget(key);
      return Map.of();
    } catch (IOException e) {
      throw unreadable(file, e);
    }
    Map<String, HistoryEntry> read = Collections.unmodifiableMap(latest);
    synchronized (READS) {
      READS.put(key, new Snapshot(before.size(), before.lastModifiedTime(), before.fileKey(), read));
    }
    return read;
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
