package dev.vidgen.batch;

import static dev.vidgen.batch.ScriptedBackend.PLAIN_MODEL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.batch.journal.InMemoryJobStore;
import dev.vidgen.batch.journal.JobStore.Entry;
import dev.vidgen.batch.journal.JobStore.State;
import dev.vidgen.core.client.DeadlineExceededException;
import dev.vidgen.core.error.ProviderErrorDetails;
import dev.vidgen.core.error.ProviderException;
import dev.vidgen.core.policy.FailureKind;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Plain workers and {@code --retry-failed} workers on one journal. */
class MixedRetryWorkersTest {
  private static final String BATCH = "jobs.jsonl";

  @TempDir Path dir;

  private final InMemoryJobStore store = new InMemoryJobStore();
  private final ScriptedBackend backend = new ScriptedBackend(store, BATCH);
  private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);

  @AfterEach
  void stopScheduler() {
    scheduler.shutdownNow();
  }

  @Test
  void aJobAnotherWorkersRetryFailedPutsBackIsSentWhileThePlainWorkerThatFailedItStillRuns() throws Exception {
    BatchPlan plan = plan(line("refused"), line("other"));
    AtomicInteger tries = new AtomicInteger();
    CountDownLatch sentAgain = new CountDownLatch(1);
    backend.submitScript.put("refused", job -> {
      if (tries.incrementAndGet() == 1) {
        return CompletableFuture.failedFuture(ProviderException.of(FailureKind.REJECTED,
            ProviderErrorDetails.of("scripted", 400, "invalid_request", "prompt refused"), null));
      }
      sentAgain.countDown();
      return CompletableFuture.completedFuture(backend.handle(job, null));
    });
    // Worker C holds the other job, so the plain worker A, once it failed "refused" (and still holds it),
    // waits for C; then worker B starts with --retry-failed and puts "refused" back.
    journal(plan, "other", b -> b.claim("C", Instant.now().plusSeconds(60)));
    CountDownLatch aWaits = new CountDownLatch(1);
    BatchListener waiting = new BatchListener() {
      @Override
      public void onWaiting(int jobs, List<String> workers, Instant until) {
        aWaits.countDown();
      }
    };
    CompletableFuture<BatchReport> a = CompletableFuture.supplyAsync(() -> worker("A", false, waiting).run(plan));
    assertThat(aWaits.await(10, TimeUnit.SECONDS)).as("A waits for C's job").isTrue();
    assertThat(entry("refused").state()).isEqualTo(State.FAILED);
    assertThat(entry("refused").taskId()).as("refused without a task").isNull();

    CompletableFuture<BatchReport> b = CompletableFuture.supplyAsync(() -> worker("B", true, new BatchListener() {})
        .run(plan));

    assertThat(sentAgain.await(10, TimeUnit.SECONDS)).as("the job put back is sent while A still runs").isTrue();
    assertThat(a).as("A has not ended").isNotDone();
    finishAsC("other");
    assertThat(CompletableFuture.allOf(a, b)).succeedsWithin(Duration.ofSeconds(20));
    assertThat(entry("refused").state()).isEqualTo(State.COMPLETED);
    assertThat(backend.count("submit refused")).as("sent once more, by one worker").isEqualTo(2);
    assertThat(a.join().unfinished()).as("A ends with the batch final").isEmpty();
    assertThat(b.join().unfinished()).isEmpty();
  }

  @Test
  void aJobAnotherWorkerHoldsWhenARunEndsWithoutWaitingForItSaysWhoHoldsIt() {
    BatchPlan plan = plan(line("mine"), line("theirs"));
    backend.awaitScript.put("mine", handle -> CompletableFuture.failedFuture(
        new DeadlineExceededException(handle, null, Duration.ofMinutes(30))));
    journal(plan, "theirs", b -> b.claim("C", Instant.now().plusSeconds(60)));

    BatchReport report = worker("A", false, new BatchListener() {}).run(plan);

    assertThat(report.unfinished()).extracting(Entry::key).containsExactlyInAnyOrder("mine", "theirs");
    assertThat(report.leftOver().get("theirs")).as("a reason, never none")
        .contains("held by worker C (lease until ", "this run ended without waiting for it");
  }

  private BatchRunner worker(String name, boolean retryFailed, BatchListener listener) {
    return BatchRunner.builder().backend(backend).store(store).concurrency(2).scheduler(scheduler)
        .requeueDelay(Duration.ofMillis(1)).idlePoll(Duration.ofMillis(20)).retryFailed(retryFailed)
        .listener(listener).worker(name).build();
  }

  private void finishAsC(String key) {
    Entry held = entry(key);
    store.update(held.toBuilder().state(State.COMPLETED).taskId("task-of-c").claim(null, null)
        .updatedAt(Instant.now()).build()).orElseThrow();
  }

  private static String line(String id) {
    return "{\"id\":\"" + id + "\",\"model\":\"" + PLAIN_MODEL + "\",\"prompt\":\"" + id + "\"}";
  }

  private BatchPlan plan(String... lines) {
    return new BatchPlanner(backend).plan(BATCH, BatchFile.parse(List.of(lines), dir), dir.resolve("out"));
  }

  /** Puts the job {@code key} of {@code plan} in the journal in the state {@code state} gives it. */
  private void journal(BatchPlan plan, String key, UnaryOperator<Entry.Builder> state) {
    PlannedJob job = plan.jobs().stream().filter(j -> j.key().equals(key)).findFirst().orElseThrow();
    Entry pending = Entry.pending(BATCH, job.key(), job.line(), job.fingerprint(), job.job().model(),
        job.out().toString(), job.quote().credits(), Instant.EPOCH);
    Entry enrolled = store.enroll(BATCH, List.of(pending)).stream().filter(e -> e.key().equals(key)).findFirst()
        .orElseThrow();
    store.update(state.apply(enrolled.toBuilder()).updatedAt(Instant.EPOCH).build()).orElseThrow();
  }

  private Entry entry(String key) {
    return store.entries(BATCH).stream().filter(e -> e.key().equals(key)).findFirst().orElseThrow();
  }
}
