package dev.vidgen.journal.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vidgen.batch.journal.JobStore;
import dev.vidgen.batch.journal.JobStore.Entry;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

/**
 * An SQLite journal with no room left (its size limit stands in for a full disk) is said to be full, not out of
 * reach, and a later write that fits goes through.
 */
class FullJournalTest {
  @TempDir Path dir;

  @Test
  void aJournalWithNoRoomLeftSaysItsDiskIsFullAndToFreeSpace() {
    SQLiteDataSource dataSource = new SQLiteDataSource();
    dataSource.setUrl("jdbc:sqlite:" + dir.resolve("small.db"));
    dataSource.setMaxPageCount(16);
    List<Entry> jobs = new ArrayList<>();
    for (int i = 1; i <= 2000; i++) {
      jobs.add(Entry.pending("b", "job-" + i + "-" + "k".repeat(60), i, "fp-" + i, "grok-video-1.5-preview",
          "/videos/" + i + ".mp4", null, Instant.EPOCH));
    }
    try (JobStore store = Journals.open(dataSource)) {
      assertThatThrownBy(() -> store.enroll("b", jobs)).isInstanceOfSatisfying(JournalException.class, full -> {
        assertThat(full.diskFull()).isTrue();
        assertThat(full).hasMessageContaining("the disk of the journal is full: free space there, then go on with"
            + " the same journal (SQLite said: ").hasMessageContaining("SQLITE_FULL");
      });
      assertThat(store.enroll("b", jobs.subList(0, 1))).as("a write that fits goes through after it, on a fresh"
          + " connection").singleElement().extracting(Entry::key).isEqualTo(jobs.get(0).key());
    }
  }
}
