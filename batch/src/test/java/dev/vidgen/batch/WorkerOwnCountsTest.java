package dev.vidgen.batch;

import static dev.vidgen.batch.SharedJournalWorkers.line;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vidgen.batch.journal.JobStore.State;
import dev.vidgen.core.domain.TaskId;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * On a journal shared with another worker, what a worker counts as its jobs with a task, with a create on its way
 * and with a video being saved are its own: the jobs the other worker holds are counted apart, not as this worker's
 * and not as not sent (a stopped worker's notice reads these counts).
 */
class WorkerOwnCountsTest {
  @TempDir Path dir;
  @RegisterExtension final SharedJournalWorkers shared = new SharedJournalWorkers(() -> dir);

  @Test
  void jobsAnotherWorkerHoldsAreNotCountedAsThisWorkersOwn() {
    BatchPlan plan = shared.plan(line("a1"), line("a2"), line("o1"), line("o2"), line("o3"), line("p1"));
    Instant lease = Instant.now().plusSeconds(300);
    // Worker O holds three jobs: one whose create has no answer yet, one with a task, one whose video it saves.
    shared.journal(plan, "o1", b -> b.state(State.SUBMITTING).attempts(1).claim("O", lease));
    shared.journal(plan, "o2", b -> b.state(State.SUBMITTED).attempts(1).taskId("task-o2").claim("O", lease));
    shared.journal(plan, "o3", b -> b.state(State.SUBMITTED).attempts(1).taskId("task-o3")
        .video("https://files.example/o3.mp4", null).claim("O", lease));
    shared.backend.holdAwaits = true; // worker A's two tasks keep running
    AtomicReference<BatchProgress> last = new AtomicReference<>();
    BatchRunner a = shared.worker("A", new BatchListener() {
      @Override
      public void onProgress(BatchProgress progress) {
        last.set(progress);
      }
    }).build();
    CompletableFuture<BatchReport> run = CompletableFuture.supplyAsync(() -> a.run(plan));

    await().atMost(Duration.ofSeconds(10)).until(() -> shared.backend.heldAwaits.size() == 2);
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      BatchProgress seen = last.get();
      assertThat(seen.withTask()).as("A's jobs with a task").isEqualTo(2);
      assertThat(seen.submitting()).as("A's creates with no answer yet").isZero();
      assertThat(seen.saving()).as("A's videos being saved").isZero();
      assertThat(seen.heldElsewhere()).as("the jobs O holds").isEqualTo(3);
      assertThat(seen.notSent()).as("the job nobody sent").isEqualTo(1);
      assertThat(seen.total()).isEqualTo(6);
    });

    a.stopSending();
    shared.backend.heldAwaits.forEach(held -> held.complete(ScriptedBackend.completed(TaskId.of("task-of-a"))));
    assertThat(run).succeedsWithin(Duration.ofSeconds(20));
    a.shutdown();
  }
}
