package dev.vidgen.batch;

import static dev.vidgen.batch.SharedJournalWorkers.line;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.batch.journal.JobStore.State;
import java.nio.file.Path;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Plain workers and {@code --resubmit-unknown} workers on one journal. */
class MixedResubmitWorkersTest {
  @TempDir Path dir;

  @RegisterExtension final SharedJournalWorkers shared = new SharedJournalWorkers(() -> dir);

  @Test
  void aJobAnotherWorkersResubmitUnknownPutsBackIsSentWhileThePlainWorkerThatLeftItUnknownStillRuns()
      throws Exception {
    BatchPlan plan = shared.plan(line("lost"), line("other"));
    // A create that may be on the wire, cancelled: it may have made a paid task, so the job is unknown.
    CountDownLatch sentAgain = shared.failsFirstThenSent("lost", new CancellationException());
    // Worker C holds the other job, so the plain worker A, once it left "lost" unknown (and still holds it),
    // waits for C; then worker B starts with --resubmit-unknown and puts "lost" back.
    CompletableFuture<BatchReport> a = shared.plainWorkerAWaitingForC(plan);
    assertThat(shared.entry("lost").state()).isEqualTo(State.UNKNOWN);
    assertThat(shared.entry("lost").worker()).as("A still holds the job it left unknown").isEqualTo("A");

    CompletableFuture<BatchReport> b = shared.workerBWhileARuns(plan, w -> w.resubmitUnknown(true), sentAgain, a);

    assertThat(shared.entry("lost").state()).isEqualTo(State.COMPLETED);
    assertThat(shared.entry("lost").possibleTasks()).as("its unknown take still told").isEqualTo(2);
    assertThat(shared.backend.count("submit lost")).as("sent once more, by one worker").isEqualTo(2);
    assertThat(a.join().unfinished()).as("A ends with the batch final").isEmpty();
    assertThat(b.join().unfinished()).isEmpty();
  }
}
