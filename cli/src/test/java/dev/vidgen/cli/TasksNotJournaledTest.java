package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.batch.BatchListener;
import dev.vidgen.batch.journal.JobStore;
import dev.vidgen.batch.journal.JobStore.Entry;
import dev.vidgen.journal.jdbc.JournalException;
import java.math.BigDecimal;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The run's error when its journal fails: the tasks it made, and the jobs it never sent though the journal says "being sent". */
class TasksNotJournaledTest {
  private static final IllegalStateException FULL = new IllegalStateException("[SQLITE_IOERR_WRITE] disk full");

  @Test
  void aTaskAFullJournalCouldNotRecordIsToldToWaitForFreedSpaceNotForAReachableJournal() {
    JournalException full = new JournalException("SQLite journal /small/jobs.journal: the disk of the journal is full",
        null, true);

    assertThat(TasksNotJournaled.told(submitting("j1"), "video_1", full)).contains("(SQLite journal"
        + " /small/jobs.journal: the disk of the journal is full); once space is freed on the journal's disk, run the"
        + " same command again with --adopt j1=video_1").doesNotContain("reachable");
    assertThat(TasksNotJournaled.told(submitting("j1"), "video_1", FULL))
        .contains("once the journal is reachable, run the same command again with --adopt j1=video_1");
  }

  @Test
  void jobsNeverSentAreNamedAsSuchWithWhatTheNextRunMakesOfThem() {
    TasksNotJournaled untold = new TasksNotJournaled(BatchListener.NONE);

    untold.onNotSentNotJournaled(submitting("j1"), FULL);
    untold.onNotSentNotJournaled(submitting("j2"), FULL);

    assertThat(untold.summary()).isEqualTo("; 2 jobs (j1, j2) were never sent: held back before their creates went"
        + " out (or refused without making a task), no task of them exists; the journal still has them being sent, so"
        + " the next run tells them unknown: for these, --resubmit-unknown pays once (it also sends any other job told"
        + " unknown, which may pay twice)");
    assertThat(untold.adoptOptions()).as("nothing to adopt: no task exists").isEmpty();
  }

  @Test
  void aJobMarkedWaitingOrLookedUpByReferenceIsNotToldUnknownByTheNextRun() {
    TasksNotJournaled untold = new TasksNotJournaled(BatchListener.NONE);

    untold.onNotSentNotJournaled(submitting("w").toBuilder().reason(JobStore.CREATE_WAITING, "waits").build(), FULL);
    untold.onNotSentNotJournaled(submitting("r").toBuilder().clientReference("vg-1").build(), FULL);

    assertThat(untold.summary()).endsWith("; 2 jobs (w, r) were never sent: held back before their creates went out"
        + " (or refused without making a task), no task of them exists; the next run sends them");
  }

  @Test
  void withNothingToldTheSummaryIsEmpty() {
    assertThat(new TasksNotJournaled(BatchListener.NONE).summary()).isEmpty();
  }

  private static Entry submitting(String key) {
    return Entry.pending("jobs.jsonl", key, 1, "f", "grok-video-1.5-preview", "/v/" + key + ".mp4", BigDecimal.TEN,
        Instant.EPOCH).toBuilder().state(JobStore.State.SUBMITTING).attempts(1).build();
  }
}
