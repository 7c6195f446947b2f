package dev.vidgen.batch;

import static dev.vidgen.batch.ScriptedBackend.PLAIN_MODEL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.batch.journal.InMemoryJobStore;
import dev.vidgen.batch.journal.JobStore.Entry;
import dev.vidgen.batch.journal.JobStore.State;
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
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Workers of one batch sharing an in-memory journal and a scripted backend, for tests of several workers on one
 * journal: the plain worker A waiting for the job "other" that worker C holds, and a worker B that puts a job of A's
 * back. Held in a {@code @RegisterExtension} field; its scheduler is stopped after each test.
 */
final class SharedJournalWorkers implements AfterEachCallback {
  static final String BATCH = "jobs.jsonl";

  final InMemoryJobStore store = new InMemoryJobStore();
  final ScriptedBackend backend = new ScriptedBackend(store, BATCH);
  private final ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2);
  private final Supplier<Path> dir;

  /** Workers whose batch file and outputs are in the folder {@code dir} gives once the test runs. */
  SharedJournalWorkers(Supplier<Path> dir) {
    this.dir = dir;
  }

  /** A line of the batch file: a job {@code id} on the plain model, prompted with its id. */
  static String line(String id) {
    return "{\"id\":\"" + id + "\",\"model\":\"" + PLAIN_MODEL + "\",\"prompt\":\"" + id + "\"}";
  }

  /** The worker {@code name} on the shared journal, two jobs at a time, telling {@code listener}; its mode to set. */
  BatchRunner.Builder worker(String name, BatchListener listener) {
    return BatchRunner.builder().backend(backend).store(store).concurrency(2).scheduler(scheduler)
        .requeueDelay(Duration.ofMillis(1)).idlePoll(Duration.ofMillis(20)).listener(listener).worker(name);
  }

  /** The plan of a batch file holding {@code lines}, its videos saved in {@code out} of the test's folder. */
  BatchPlan plan(String... lines) {
    Path folder = dir.get();
    return new BatchPlanner(backend).plan(BATCH, BatchFile.parse(List.of(lines), folder), folder.resolve("out"));
  }

  /**
   * Scripts the job {@code key}'s first submit to fail with {@code first} and each later one to make a task; the
   * latch returned counts down when a later one is sent.
   */
  CountDownLatch failsFirstThenSent(String key, Throwable first) {
    AtomicInteger tries = new AtomicInteger();
    CountDownLatch sentAgain = new CountDownLatch(1);
    backend.submitScript.put(key, job -> {
      if (tries.incrementAndGet() == 1) {
        return CompletableFuture.failedFuture(first);
      }
      sentAgain.countDown();
      return CompletableFuture.completedFuture(backend.handle(job, null));
    });
    return sentAgain;
  }

  /**
   * Puts the job "other" of {@code plan} in the journal held by worker C, starts the plain worker A on {@code plan}
   * and checks that A comes to wait for C's job; A's run, still going.
   */
  CompletableFuture<BatchReport> plainWorkerAWaitingForC(BatchPlan plan) throws InterruptedException {
    journal(plan, "other", b -> b.claim("C", Instant.now().plusSeconds(60)));
    CountDownLatch aWaits = new CountDownLatch(1);
    BatchListener waiting = new BatchListener() {
      @Override
      public void onWaiting(int jobs, List<String> workers, Instant until) {
        aWaits.countDown();
      }
    };
    CompletableFuture<BatchReport> a = CompletableFuture.supplyAsync(() -> worker("A", waiting).build().run(plan));
    assertThat(aWaits.await(10, TimeUnit.SECONDS)).as("A waits for C's job").isTrue();
    return a;
  }

  /**
   * Starts worker B on {@code plan}, set by {@code mode}; checks that the job B puts back is sent ({@code sentAgain})
   * while A's run {@code a} still goes, then ends C's job "other" and checks that both runs end. B's run.
   */
  CompletableFuture<BatchReport> workerBWhileARuns(BatchPlan plan, UnaryOperator<BatchRunner.Builder> mode,
      CountDownLatch sentAgain, CompletableFuture<BatchReport> a) throws InterruptedException {
    CompletableFuture<BatchReport> b = CompletableFuture.supplyAsync(
        () -> mode.apply(worker("B", new BatchListener() {})).build().run(plan));

    assertThat(sentAgain.await(10, TimeUnit.SECONDS)).as("the job put back is sent while A still runs").isTrue();
    assertThat(a).as("A has not ended").isNotDone();
    finishAsC("other");
    assertThat(CompletableFuture.allOf(a, b)).succeedsWithin(Duration.ofSeconds(20));
    return b;
  }

  /** Puts the job {@code key} of {@code plan} in the journal in the state {@code state} gives it. */
  void journal(BatchPlan plan, String key, UnaryOperator<Entry.Builder> state) {
    PlannedJob job = plan.jobs().stream().filter(j -> j.key().equals(key)).findFirst().orElseThrow();
    Entry pending = Entry.pending(BATCH, job.key(), job.line(), job.fingerprint(), job.job().model(),
        job.out().toString(), job.quote().credits(), Instant.EPOCH);
    Entry enrolled = store.enroll(BATCH, List.of(pending)).stream().filter(e -> e.key().equals(key)).findFirst()
        .orElseThrow();
    store.update(state.apply(enrolled.toBuilder()).updatedAt(Instant.EPOCH).build()).orElseThrow();
  }

  /** The journal's entry of the job {@code key}. */
  Entry entry(String key) {
    return store.entries(BATCH).stream().filter(e -> e.key().equals(key)).findFirst().orElseThrow();
  }

  /** Ends the job {@code key} as worker C, which held it, would: completed with C's task, no longer held. */
  private void finishAsC(String key) {
    Entry held = entry(key);
    store.update(held.toBuilder().state(State.COMPLETED).taskId("task-of-c").claim(null, null)
        .updatedAt(Instant.now()).build()).orElseThrow();
  }

  /** Stops the workers' scheduler. */
  @Override
  public void afterEach(ExtensionContext context) {
    scheduler.shutdownNow();
  }
}
