package dev.vidgen.journal.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.batch.BatchFile;
import dev.vidgen.batch.BatchPlan;
import dev.vidgen.batch.BatchReport;
import dev.vidgen.batch.BatchRunner;
import dev.vidgen.batch.journal.JobStore;
import dev.vidgen.batch.journal.JobStore.Entry;
import dev.vidgen.batch.journal.JobStore.State;
import dev.vidgen.core.client.VidgenClient;
import dev.vidgen.core.policy.PollSchedule;
import dev.vidgen.core.port.SubmitRequest;
import dev.vidgen.provider.mock.MockCall;
import dev.vidgen.provider.mock.MockVideoProvider;
import dev.vidgen.testkit.JobStoreContract;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Several workers, each with its own connection, sharing one batch through a real PostgreSQL journal. */
class SharedJournalTest {

  @TempDir Path dir;

  /** Reports every test skipped, with the reason, where PostgreSQL cannot run (not from a worker thread). */
  @BeforeEach
  void needPostgres() {
    PostgresCluster.shared();
  }

  @Test
  void fourWorkersClaimingAtOnceNeverGetTheSameJob() throws Exception {
    String batch = "race-" + System.nanoTime();
    try (JobStore setup = Journals.open(PostgresCluster.shared().url())) {
      setup.enroll(batch, JobStoreContract.jobs(batch, 200));
    }
    Map<String, String> claimedBy = new ConcurrentHashMap<>();
    AtomicInteger doubleClaims = new AtomicInteger();
    List<CompletableFuture<Void>> workers = new ArrayList<>();
    for (int w = 0; w < 4; w++) {
      String worker = "worker-" + w;
      workers.add(CompletableFuture.runAsync(() -> {
        try (JobStore store = Journals.open(PostgresCluster.shared().url())) {
          Instant now = Instant.now();
          while (true) {
            List<Entry> claimed = store.claim(batch, worker, 3, now, now.plusSeconds(300));
            if (claimed.isEmpty()) {
              return;
            }
            for (Entry entry : claimed) {
              if (claimedBy.putIfAbsent(entry.key(), worker) != null) {
                doubleClaims.incrementAndGet();
              }
              store.update(entry.toBuilder().state(State.SUBMITTING).build())
                  .flatMap(s -> store.update(s.toBuilder().state(State.UNKNOWN).build()))
                  .orElseThrow();
            }
          }
        }
      }));
    }
    CompletableFuture.allOf(workers.toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

    assertThat(doubleClaims).hasValue(0);
    assertThat(claimedBy).hasSize(200);
    assertThat(claimedBy.values().stream().distinct()).as("every worker got some").hasSizeGreaterThan(1);
  }

  @Test
  void workersShareABatchAndSendEachJobOnce() throws Exception {
    BatchPlanBits bits = new BatchPlanBits("shared-" + System.nanoTime(), 60);
    List<CompletableFuture<BatchReport>> workers = new ArrayList<>();
    for (int w = 0; w < 3; w++) {
      String worker = "worker-" + w;
      workers.add(CompletableFuture.supplyAsync(() -> bits.run(worker, Duration.ofSeconds(60))));
    }
    List<BatchReport> reports = new ArrayList<>();
    for (CompletableFuture<BatchReport> worker : workers) {
      reports.add(worker.get(90, TimeUnit.SECONDS));
    }

    assertThat(bits.createsByPrompt()).hasSize(60)
        .allSatisfy((prompt, count) -> assertThat(count).as(prompt).isEqualTo(1L));
    assertThat(reports).allSatisfy(report -> assertThat(report.count(State.COMPLETED)).isEqualTo(60));
  }

  @Test
  void aDeadWorkersJobsPassToAnotherWhenItsLeaseEnds() throws Exception {
    BatchPlanBits bits = new BatchPlanBits("takeover-" + System.nanoTime(), 6);
    try (JobStore dead = Journals.open(PostgresCluster.shared().url())) {
      dead.enroll(bits.plan.batch(), bits.fresh());
      Instant now = Instant.now();
      List<Entry> taken = dead.claim(bits.plan.batch(), "dead-worker", 4, now, now.plusMillis(1500));
      assertThat(taken).hasSize(4);
    }

    BatchReport report = bits.run("live-worker", Duration.ofSeconds(30));

    assertThat(report.count(State.COMPLETED)).isEqualTo(6);
    assertThat(bits.createsByPrompt()).hasSize(6).allSatisfy((prompt, count) -> assertThat(count).isEqualTo(1L));
  }

  /** One plan of {@code count} mock jobs and what running it needs. */
  private final class BatchPlanBits {
    final MockVideoProvider provider = MockVideoProvider.builder().duration(Duration.ofMillis(50)).build();
    final VidgenClient client = VidgenClient.builder()
        .provider(provider)
        .pollSchedule(PollSchedule.builder().firstDelay(Duration.ofMillis(20)).minInterval(Duration.ofMillis(20))
            .maxInterval(Duration.ofMillis(20)).budget(Duration.ofMillis(20), 8).build())
        .build();
    final BatchPlan plan;

    BatchPlanBits(String batch, int count) {
      List<String> lines = new ArrayList<>();
      for (int i = 0; i < count; i++) {
        lines.add("{\"id\": \"j" + i + "\", \"prompt\": \"job " + i + "\", \"images\": [\"https://img.example/" + i
            + ".png\"]}");
      }
      plan = BatchRunner.plan(client, batch, BatchFile.parse(lines, dir), dir.resolve("videos"));
      assertThat(plan.invalid()).isEmpty();
    }

    /** How many creates the provider received for each prompt. */
    Map<String, Long> createsByPrompt() {
      return provider.calls(MockCall.Method.CREATE).stream()
          .collect(Collectors.groupingBy(call -> ((SubmitRequest) call.argument()).job().prompt(), Collectors.counting()));
    }

    List<Entry> fresh() {
      return plan.jobs().stream().map(job -> Entry.pending(plan.batch(), job.key(), job.line(), job.fingerprint(),
          job.job().model(), job.out().toString(), job.quote().credits(), Instant.now())).toList();
    }

    BatchReport run(String worker, Duration lease) {
      try (JobStore store = Journals.open(PostgresCluster.shared().url())) {
        BatchRunner runner = BatchRunner.builder().client(client).store(store).concurrency(4).worker(worker)
            .lease(lease).idlePoll(Duration.ofMillis(200)).build();
        try {
          return runner.run(plan);
        } finally {
          runner.shutdown();
        }
      }
    }
  }
}
