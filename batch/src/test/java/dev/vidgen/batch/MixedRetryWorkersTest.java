package dev.vidgen.batch;

import static dev.vidgen.batch.SharedJournalWorkers.line;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.batch.journal.JobStore.Entry;
import dev.vidgen.batch.journal.JobStore.State;
import dev.vidgen.core.client.DeadlineExceededException;
import dev.vidgen.core.error.ProviderErrorDetails;
import dev.vidgen.core.error.ProviderException;
import dev.vidgen.core.policy.FailureKind;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Plain workers and {@code --retry-failed} workers on one journal. */
class MixedRetryWorkersTest {
  @TempDir Path dir;

  @RegisterExtension final SharedJournalWorkers shared = new SharedJournalWorkers(() -> dir);

  @Test
  void aJobAnotherWorkersRetryFailedPutsBackIsSentWhileThePlainWorkerThatFailedItStillRuns() throws Exception {
    BatchPlan plan = shared.plan(line("refused"), line("other"));
    CountDownLatch sentAgain = shared.failsFirstThenSent("refused", ProviderException.of(FailureKind.REJECTED,
        ProviderErrorDetails.of("scripted", 400, "invalid_request", "prompt refused"), null));
    // Worker C holds the other job, so the plain worker A, once it failed "refused" (and still holds it),
    // waits for C; then worker B starts with --retry-failed and puts "refused" back.
    CompletableFuture<BatchReport> a = shared.plainWorkerAWaitingForC(plan);
    assertThat(shared.entry("refused").state()).isEqualTo(State.FAILED);
    assertThat(shared.entry("refused").taskId()).as("refused without a task").isNull();

    CompletableFuture<BatchReport> b = shared.workerBWhileARuns(plan, w -> w.retryFailed(true), sentAgain, a);

    assertThat(shared.entry("refused").state()).isEqualTo(State.COMPLETED);
    assertThat(shared.backend.count("submit refused")).as("sent once more, by one worker").isEqualTo(2);
    assertThat(a.join().unfinished()).as("A ends with the batch final").isEmpty();
    assertThat(b.join().unfinished()).isEmpty();
  }

  @Test
  void aJobAnotherWorkerHoldsWhenARunEndsWithoutWaitingForItSaysWhoHoldsIt() {
    BatchPlan plan = shared.plan(line("mine"), line("theirs"));
    shared.backend.awaitScript.put("mine", handle -> CompletableFuture.failedFuture(
        new DeadlineExceededException(handle, null, Duration.ofMinutes(30))));
    shared.journal(plan, "theirs", b -> b.claim("C", Instant.now().plusSeconds(60)));

    BatchReport report = shared.worker("A", new BatchListener() {}).build().run(plan);

    assertThat(report.unfinished()).extracting(Entry::key).containsExactlyInAnyOrder("mine", "theirs");
    assertThat(report.leftOver().get("theirs")).as("a reason, never none")
        .contains("held by worker C (lease until ", "this run ended without waiting for it");
  }
}
