package dev.vidgen.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.batch.BatchProgress;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class BatchProgressBarTest {
  /** The longest a look-up by client reference takes under the default retry policy. */
  private static final Duration LOOK_UP = Duration.ofSeconds(102);

  @Test
  void saysDoneInFlightFailedAndTimeLeft() {
    BatchProgress progress = new BatchProgress(200, 100, 15, 5, 8, Duration.ofMinutes(2),
        BatchProgress.estimate(Duration.ofMinutes(2), 120, 80));

    assertThat(BatchProgressBar.line(progress)).isEqualTo("120/200 done · 8 in flight · 15 failed · 5 unknown · ETA 1:20");
    assertThat(BatchProgressBar.bar(progress)).isEqualTo("[##############----------]");
  }

  @Test
  void tellsNoTimeLeftBeforeAnythingFinished() {
    assertThat(BatchProgress.estimate(Duration.ofSeconds(30), 0, 10)).isNull();
    assertThat(BatchProgressBar.line(new BatchProgress(10, 0, 0, 0, 3, Duration.ofSeconds(30), null)))
        .isEqualTo("0/10 done · 3 in flight · 0 failed");
  }

  @Test
  void anInterruptWordsEachJobNotDoneByWhatTheJournalSays() {
    BatchProgress lookingUp = new BatchProgress(4, 1, 0, 0, 3, Duration.ofSeconds(5), null, 1, 1);

    assertThat(BatchInterruptNotice.where(lookingUp)).isEqualTo("1 of 4 jobs done, 1 with a task (it goes on at the"
        + " provider and the next run follows it), 1 whose create has no answer yet (the next run looks it up by its"
        + " client reference before sending anything, or reports it unknown where its model takes none) and 1 not sent"
        + " (no task exists; the next run sends it)");
    assertThat(BatchInterruptNotice.where(new BatchProgress(2, 2, 0, 0, 0, Duration.ofSeconds(5), null)))
        .isEqualTo("2 of 2 jobs done");
  }

  @Test
  void anInterruptOnASharedJournalSaysThatJobsWithATaskWaitForTheLeaseAndOnSqliteSaysNothingOfIt() {
    BatchProgress lookingUp = new BatchProgress(4, 1, 0, 0, 3, Duration.ofSeconds(5), null, 1, 1);

    assertThat(BatchInterruptNotice.heldUntilLeaseEnds("PostgreSQL journal jdbc:postgresql://127.0.0.1/jobs", lookingUp))
        .isEqualTo(" (on this shared journal the 2 jobs with a task or a create on its way stay this run's until its"
            + " lease ends, --lease, 60 s by default: a run started sooner sends the jobs not sent at once and takes"
            + " those then)");
    assertThat(BatchInterruptNotice.heldUntilLeaseEnds("SQLite journal /work/jobs.db", lookingUp)).isEmpty();
    assertThat(BatchInterruptNotice.heldUntilLeaseEnds("PostgreSQL journal x",
        new BatchProgress(2, 2, 0, 0, 0, Duration.ofSeconds(5), null))).isEmpty();
  }

  @Test
  void inALogALineComesOnlyWhenACountChangesNotWhenOnlyTheTimeLeftMoves() {
    StringWriter err = new StringWriter();
    long[] now = {0};
    try (BatchProgressBar bar = new BatchProgressBar(new PrintWriter(err, true), false, LOOK_UP, () -> now[0])) {
      bar.onProgress(new BatchProgress(10, 2, 0, 0, 3, Duration.ofSeconds(10), Duration.ofSeconds(5)));
      now[0] += Duration.ofSeconds(6).toNanos(); // a create hangs: the estimate grows, no count moves
      bar.onProgress(new BatchProgress(10, 2, 0, 0, 3, Duration.ofSeconds(16), Duration.ofSeconds(11)));
      now[0] += Duration.ofSeconds(6).toNanos();
      bar.onProgress(new BatchProgress(10, 3, 0, 0, 3, Duration.ofSeconds(22), Duration.ofSeconds(17)));
    }

    assertThat(err.toString().lines()).containsExactly("vidgen: batch 2/10 done · 3 in flight · 0 failed · ETA 0:05",
        "vidgen: batch 3/10 done · 3 in flight · 0 failed · ETA 0:17");
  }

  @Test
  void redrawsOneLineOnATerminalAndEndsIt() {
    StringWriter err = new StringWriter();
    try (BatchProgressBar bar = new BatchProgressBar(new PrintWriter(err, true), true, LOOK_UP)) {
      bar.onProgress(new BatchProgress(2, 2, 0, 0, 0, Duration.ofSeconds(3), Duration.ZERO));
    }

    assertThat(err.toString()).startsWith("\r[########################] 2/2 done").endsWith(System.lineSeparator());
  }

  @Test
  void aWaitForAnotherWorkersHoldsDoesNotSayThatWorkerIsStillAtWork() {
    StringWriter err = new StringWriter();
    try (BatchProgressBar bar = new BatchProgressBar(new PrintWriter(err, true), false, LOOK_UP)) {
      bar.onWaiting(12, java.util.List.of("vm-41"), java.time.Instant.parse("2026-12-05T07:00:00.250Z"));
    }

    // A worker stopped with Ctrl-C holds its jobs with tasks until its lease ends: it may well be gone.
    assertThat(err.toString()).isEqualTo("vidgen: waiting for 12 jobs held by worker vm-41 until 2026-12-05T07:00:00Z"
        + " (later if that worker is still running and renews it): this run goes on with them if that worker stops"
        + " without finishing them, once its hold ends" + System.lineSeparator());
  }
}
