package dev.vidgen.batch;

import static dev.vidgen.batch.ScriptedBackend.PLAIN_MODEL;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.batch.journal.InMemoryJobStore;
import dev.vidgen.batch.journal.JobStore.Entry;
import dev.vidgen.batch.journal.JobStore.State;
import dev.vidgen.core.client.JobHandle;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A create answered with a server error on a route without a client reference is sent again blind:
 * the journal counts that take among the job's possible tasks before it leaves, so that a worker
 * killed while it is on its way leaves the job unknown with both takes counted.
 */
class BlindResendJournaledFirstTest {
  private static final String BATCH = "jobs.jsonl";
  private static final Instant FIRST_TAKE = Instant.parse("2026-12-06T23:36:45Z");
  private static final Instant RESEND = Instant.parse("2026-12-06T23:36:47Z");

  @TempDir Path dir;

  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
  private final SetClock clock = new SetClock(FIRST_TAKE);

  @AfterEach
  void stopScheduler() {
    scheduler.shutdownNow();
  }

  @Test
  void aWorkerKilledWhileTheResendIsOnItsWayLeavesTheJobUnknownWithBothTakesCounted() throws Exception {
    InMemoryJobStore killed = new InMemoryJobStore();
    ScriptedBackend backend = new ScriptedBackend(killed, BATCH);
    CompletableFuture<JobHandle> neverAnswered = new CompletableFuture<>();
    AtomicBoolean resendLeft = new AtomicBoolean();
    backend.submitScript.put("a", job -> {
      // The first take was answered 500 (it may have made a task); the second leaves once the journal heard.
      clock.set(RESEND);
      backend.takes.sendingAgainBlind(2).thenRun(() -> resendLeft.set(true));
      return neverAnswered;
    });
    BatchPlan plan = plan(backend, line("a"));
    CompletableFuture<BatchReport> run = CompletableFuture.supplyAsync(() -> runner(backend, killed).run(plan));

    Awaitility.await().atMost(Duration.ofSeconds(10)).untilTrue(resendLeft);
    // SIGKILL now: all that outlives the worker is its journal as it stands.
    Entry left = entry(killed, "a");
    assertThat(left.state()).isEqualTo(State.SUBMITTING);
    assertThat(left.possibleTasks()).as("counted before the resend left").isEqualTo(2);

    InMemoryJobStore journal = survivorOf(left);
    ScriptedBackend next = new ScriptedBackend(journal, BATCH);
    BatchReport report = runner(next, journal).run(plan(next, line("a")));

    assertThat(next.calls).as("nothing sent again on its own").isEmpty();
    Entry unknown = entry(journal, "a");
    assertThat(unknown.state()).isEqualTo(State.UNKNOWN);
    assertThat(unknown.reasonCode()).isEqualTo("interrupted_submit");
    assertThat(unknown.possibleTasks()).isEqualTo(2);
    assertThat(unknown.credits().multiply(BigDecimal.valueOf(unknown.possibleTasks())))
        .as("at most twice the quote").isEqualByComparingTo(left.credits().multiply(BigDecimal.valueOf(2)));
    assertThat(unknown.reason()).contains("being sent at about " + RESEND, "the last of its 2 takes");
    assertThat(report.finished()).isTrue();

    neverAnswered.complete(backend.handle(plan.jobs().get(0).job(), null)); // lets the first run end
    run.get(10, TimeUnit.SECONDS);
  }

  @Test
  void aResendThatMadeTheTaskKeepsItsExtraTakeInTheHandleAndCountsItOnce() throws Exception {
    InMemoryJobStore store = new InMemoryJobStore();
    ScriptedBackend backend = new ScriptedBackend(store, BATCH);
    backend.submitScript.put("a", job -> backend.takes.sendingAgainBlind(2).toCompletableFuture().thenApply(left -> {
      JobHandle made = backend.handle(job, null);
      return new JobHandle(made.providerId(), made.taskId(), made.model(), made.quote(), made.submittedAt(), null, 1);
    }));

    BatchReport report = runner(backend, store).run(plan(backend, line("a")));

    assertThat(report.count(State.COMPLETED)).isEqualTo(1);
    Entry done = entry(store, "a");
    assertThat(JobHandle.decode(done.handle()).possibleExtraTasks()).as("the take answered 500").isEqualTo(1);
    assertThat(done.possibleTasks()).as("no earlier runs' takes").isEqualTo(1);
  }

  /** The journal a new worker finds after a kill: the job as it was written, its dead worker's hold lapsed. */
  private static InMemoryJobStore survivorOf(Entry s) {
    InMemoryJobStore journal = new InMemoryJobStore();
    Entry enrolled = journal.enroll(BATCH, List.of(Entry.pending(BATCH, s.key(), s.seq(), s.fingerprint(), s.model(),
        s.out(), s.credits(), s.updatedAt()))).get(0);
    journal.update(new Entry(s.batch(), s.key(), s.seq(), s.fingerprint(), s.model(), s.out(), s.state(), s.attempts(),
        s.clientReference(), s.taskId(), s.handle(), s.credits(), s.videoUrl(), s.expiresAt(), s.file(), s.reasonCode(),
        s.reason(), null, null, enrolled.version(), s.updatedAt(), s.possibleTasks(), s.keyTag())).orElseThrow();
    return journal;
  }

  private BatchRunner runner(ScriptedBackend backend, InMemoryJobStore store) {
    return BatchRunner.builder().backend(backend).store(store).concurrency(1).scheduler(scheduler).clock(clock)
        .requeueDelay(Duration.ofMillis(1)).worker("test-worker").build();
  }

  private BatchPlan plan(ScriptedBackend backend, String... lines) {
    return new BatchPlanner(backend).plan(BATCH, BatchFile.parse(List.of(lines), dir), dir.resolve("out"));
  }

  private static String line(String id) {
    return "{\"id\":\"" + id + "\",\"model\":\"" + PLAIN_MODEL + "\",\"prompt\":\"" + id + "\"}";
  }

  private static Entry entry(InMemoryJobStore store, String key) {
    return store.entries(BATCH).stream().filter(e -> e.key().equals(key)).findFirst().orElseThrow();
  }

  /** A clock that stands where the test sets it. */
  private static final class SetClock extends Clock {
    private volatile Instant now;

    SetClock(Instant now) {
      this.now = now;
    }

    void set(Instant now) {
      this.now = now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }
  }
}
