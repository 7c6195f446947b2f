package dev.vidgen.batch;

import dev.vidgen.batch.journal.JobStore;
import dev.vidgen.batch.journal.JobStore.Entry;
import dev.vidgen.batch.journal.JobStore.State;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A batch folder moved or copied whole (jobs file, journal and output folder together): the journal
 * names each finished video by the path it was written to. A completed job whose video sits where
 * this run would write it is recorded there (a copy's own file, not the original's), and one whose
 * recorded file is gone is told missing where this run would save it, never in a folder left behind.
 */
final class VideosMoved {
  private VideosMoved() {}

  static void follow(JobStore store, List<Entry> entries, Map<String, PlannedJob> byKey, Instant now) {
    for (Entry entry : entries) {
      PlannedJob job = byKey.get(entry.key());
      if (entry.state() != State.COMPLETED || entry.file() == null || job == null
          || job.out().toString().equals(entry.file())
          || !holdsAVideo(job.out()) && Files.exists(Path.of(entry.file()))) {
        continue;
      }
      store.update(entry.toBuilder().file(job.out().toString()).updatedAt(now).build());
    }
  }

  private static boolean holdsAVideo(Path file) {
    try {
      return Files.isRegularFile(file) && Files.size(file) > 0;
    } catch (IOException unreadable) {
      return false;
    }
  }
}
