package dev.vidgen.journal.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vidgen.batch.BatchFile;
import dev.vidgen.batch.BatchPlan;
import dev.vidgen.batch.BatchReport;
import dev.vidgen.batch.BatchRunner;
import dev.vidgen.batch.journal.JobStore;
import dev.vidgen.batch.journal.JobStore.Entry;
import dev.vidgen.batch.journal.JobStore.State;
import dev.vidgen.core.client.VidgenClient;
import dev.vidgen.core.error.BudgetExceededException;
import dev.vidgen.core.policy.PollSchedule;
import dev.vidgen.core.pricing.Budget;
import dev.vidgen.provider.mock.MockCall;
import dev.vidgen.provider.mock.MockVideoProvider;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two workers on one PostgreSQL journal with one {@code --max-credits}: the limit is the batch's, so together they
 * send no more creates than it pays for, and each is stopped at it as a single worker is.
 */
class SharedBudgetTest {

  @TempDir Path dir;

  @BeforeEach
  void needPostgres() {
    PostgresCluster.shared();
  }

  /** What the batch's takes may cost as the journal holds them: a take on its way or with a task, at its quote. */
  private static final Function<List<Entry>, BigDecimal> SPENT = entries -> entries.stream()
      .filter(e -> e.credits() != null)
      .map(e -> e.state() == State.SUBMITTING && !e.createWaiting() || e.state() == State.UNKNOWN
          ? e.credits().multiply(BigDecimal.valueOf(e.possibleTasks()))
          : e.taskId() != null ? e.credits() : BigDecimal.ZERO)
      .reduce(BigDecimal.ZERO, BigDecimal::add);

  @Test
  void twoWorkersStartedTogetherSendNoMoreThanTheLimitPaysFor() throws Exception {
    MockVideoProvider provider = MockVideoProvider.builder().duration(Duration.ofMillis(50)).build();
    BatchPlan plan = plan(provider, "budget-" + System.nanoTime(), 20);
    BigDecimal price = plan.jobs().get(0).quote().credits();
    BigDecimal limit = price.multiply(BigDecimal.valueOf(5));
    CyclicBarrier together = new CyclicBarrier(2);
    List<CompletableFuture<BatchReport>> workers = new ArrayList<>();
    for (int w = 0; w < 2; w++) {
      String worker = "worker-" + w;
      workers.add(CompletableFuture.supplyAsync(() -> run(provider, plan, worker, limit, together)));
    }
    List<BatchReport> reports = new ArrayList<>();
    for (CompletableFuture<BatchReport> worker : workers) {
      reports.add(worker.get(90, TimeUnit.SECONDS));
    }

    // Each worker alone would have let itself send 5: together they send 5, the limit's worth, and no more.
    assertThat(provider.calls(MockCall.Method.CREATE)).hasSize(5);
    assertThat(reports).allSatisfy(report -> assertThat(report.stopped()).get()
        .isInstanceOf(BudgetExceededException.class));
    try (JobStore store = Journals.open(PostgresCluster.shared().url())) {
      assertThat(store.entries(plan.batch())).filteredOn(e -> e.state() == State.COMPLETED).hasSize(5);
      assertThat(SPENT.apply(store.entries(plan.batch()))).isEqualByComparingTo(limit);
    }
  }

  @Test
  void twoWritesRacingForTheLastCreditsPassOneAtATime() throws Exception {
    String batch = "last-credits-" + System.nanoTime();
    BigDecimal limit = new BigDecimal("20");
    List<Entry> fresh = List.of(Entry.pending(batch, "a", 1, "fa", "m", "a.mp4", limit, Instant.now()),
        Entry.pending(batch, "b", 2, "fb", "m", "b.mp4", limit, Instant.now()));
    try (JobStore setup = Journals.open(PostgresCluster.shared().url())) {
      setup.enroll(batch, fresh);
    }
    CyclicBarrier together = new CyclicBarrier(2);
    List<CompletableFuture<Boolean>> writes = new ArrayList<>();
    for (Entry entry : fresh) {
      writes.add(CompletableFuture.supplyAsync(() -> {
        try (JobStore store = Journals.open(PostgresCluster.shared().url())) {
          Entry stored = store.entries(batch).stream().filter(e -> e.key().equals(entry.key())).findFirst()
              .orElseThrow();
          together.await(30, TimeUnit.SECONDS);
          store.updateWithin(stored.toBuilder().state(State.SUBMITTING).attempts(1).build(), limit, SPENT)
              .orElseThrow();
          return true;
        } catch (JobStore.OverLimitException refused) {
          return false;
        } catch (Exception e) {
          throw new IllegalStateException(e);
        }
      }));
    }

    assertThat(writes.stream().map(CompletableFuture::join).filter(Boolean::booleanValue)).hasSize(1);
    try (JobStore store = Journals.open(PostgresCluster.shared().url())) {
      assertThat(store.entries(batch)).filteredOn(e -> e.state() == State.SUBMITTING).hasSize(1);
      Entry pending = store.entries(batch).stream().filter(e -> e.state() == State.PENDING).findFirst().orElseThrow();
      assertThatThrownBy(() -> store.updateWithin(pending.toBuilder().state(State.SUBMITTING).build(), limit, SPENT))
          .isInstanceOf(JobStore.OverLimitException.class)
          .hasMessageContaining("spent by the batch's workers");
    }
  }

  private BatchPlan plan(MockVideoProvider provider, String batch, int count) {
    List<String> lines = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      lines.add("{\"id\": \"j" + i + "\", \"prompt\": \"job " + i + "\", \"images\": [\"https://img.example/" + i
          + ".png\"]}");
    }
    BatchPlan plan = BatchRunner.plan(client(provider, null), batch, BatchFile.parse(lines, dir),
        dir.resolve("videos"));
    assertThat(plan.invalid()).isEmpty();
    return plan;
  }

  /** A worker's client, with the run's own budget (the whole limit: nothing was spent before) as the CLI gives it. */
  private static VidgenClient client(MockVideoProvider provider, BigDecimal limit) {
    VidgenClient.Builder client = VidgenClient.builder().provider(provider)
        .pollSchedule(PollSchedule.builder().firstDelay(Duration.ofMillis(20)).minInterval(Duration.ofMillis(20))
            .maxInterval(Duration.ofMillis(20)).budget(Duration.ofMillis(20), 8).build());
    return (limit == null ? client : client.budget(Budget.ofCredits(limit))).build();
  }

  private static BatchReport run(MockVideoProvider provider, BatchPlan plan, String worker, BigDecimal limit,
      CyclicBarrier together) {
    try (JobStore store = Journals.open(PostgresCluster.shared().url())) {
      BatchRunner runner = BatchRunner.builder().client(client(provider, limit)).store(store).concurrency(4)
          .worker(worker).lease(Duration.ofSeconds(60)).idlePoll(Duration.ofMillis(100))
          .batchBudget(limit, SPENT).build();
      try {
        together.await(30, TimeUnit.SECONDS);
        return runner.run(plan);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      } finally {
        runner.shutdown();
      }
    }
  }
}
