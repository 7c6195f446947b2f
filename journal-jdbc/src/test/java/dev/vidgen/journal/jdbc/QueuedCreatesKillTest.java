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
import dev.vidgen.core.domain.ModelRoute;
import dev.vidgen.core.domain.TaskId;
import dev.vidgen.core.domain.TaskSnapshot;
import dev.vidgen.core.domain.VideoAsset;
import dev.vidgen.core.error.ProviderErrorDetails;
import dev.vidgen.core.error.ProviderException;
import dev.vidgen.core.policy.FailureKind;
import dev.vidgen.core.policy.PollSchedule;
import dev.vidgen.core.policy.RateLimit;
import dev.vidgen.core.port.RequestPreview;
import dev.vidgen.core.port.SubmitRequest;
import dev.vidgen.core.port.VideoProvider;
import dev.vidgen.core.ratelimit.RateLimitedProvider;
import dev.vidgen.provider.mock.MockVideoProvider;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A batch whose process dies (its journal written no more, as after {@code kill -9}) while creates wait
 * their turn under the client-side rate limit, and the run after it: a real client, rate limiter and
 * SQLite journal. The limit lets three creates go in an hour, so the rest wait their turn for the whole test.
 */
class QueuedCreatesKillTest {
  private static final String BATCH = "queued";

  @TempDir Path dir;

  private final CountingProvider provider =
      new CountingProvider(MockVideoProvider.builder().duration(Duration.ofMillis(300)).build());
  private final ScheduledExecutorService waits = Executors.newSingleThreadScheduledExecutor();

  @AfterEach
  void stopWaits() {
    waits.shutdownNow();
  }

  @Test
  void jobsWhoseCreatesWaitedTheirTurnWhenTheRunDiedAreSentByTheNextRunNotCalledUnknown() throws Exception {
    List<String> lines = IntStream.range(0, 8).mapToObj(i -> "{\"id\": \"j" + i + "\", \"prompt\": \"kite " + i
        + "\", \"images\": [\"https://img.example/" + i + ".png\"]}").toList();
    Path journal = dir.resolve("batch.journal");
    provider.holdCreate(3); // the third create leaves and gets no answer before the process dies
    VidgenClient first = client(RateLimitedProvider.wrap(provider, RateLimit.of(RateLimit.Window.of(3, Duration.ofHours(1))),
        RateLimit.of(RateLimit.Window.of(1_000, Duration.ofSeconds(1))), waits, Clock.systemUTC()));
    KillableStore store = new KillableStore(Journals.open(journal.toString()));
    BatchRunner runner = BatchRunner.builder().client(first).store(store).concurrency(8).worker("w1")
        .lease(Duration.ofSeconds(1)).build();
    BatchPlan plan = BatchRunner.plan(first, BATCH, BatchFile.parse(lines, dir), dir.resolve("videos"));
    CompletableFuture<BatchReport> run = CompletableFuture.supplyAsync(() -> runner.run(plan));

    Awaitility.await().atMost(Duration.ofSeconds(20)).until(() -> store.entries(BATCH).stream()
        .filter(Entry::createWaiting).count() == 5);
    store.kill();
    List<Entry> left = store.lastSeen(BATCH);
    assertThat(provider.creates).as("the limit let three go").hasSize(3);
    assertThat(left).filteredOn(Entry::createWaiting).as("the rest waited their turn, none on its way")
        .hasSize(5).allSatisfy(e -> assertThat(e.attempts()).as("nothing of it went out").isZero());
    assertThat(left).filteredOn(e -> e.state() == State.SUBMITTING && !e.createWaiting()).as("the one unanswered")
        .hasSize(1);
    provider.releaseHeld();
    first.close();
    run.handle((report, failure) -> null).get(30, TimeUnit.SECONDS);
    runner.shutdown();
    store.closeForReal();
    List<String> sentBefore = List.copyOf(provider.creates);
    provider.creates.clear();

    VidgenClient second = client(provider);
    BatchReport report;
    try (JobStore reopened = Journals.open(journal.toString())) {
      BatchPlan again = BatchRunner.plan(second, BATCH, BatchFile.parse(lines, dir), dir.resolve("videos"));
      BatchRunner next = BatchRunner.builder().client(second).store(reopened).concurrency(8).worker("w2")
          .idlePoll(Duration.ofMillis(100)).build();
      try {
        report = next.run(again);
      } finally {
        next.shutdown();
        second.close();
      }
    }

    assertThat(provider.creates).as("the five that waited their turn, each sent once; none sent before")
        .hasSize(5).doesNotContainAnyElementsOf(sentBefore);
    assertThat(provider.lookups).as("none of them was on its way: nothing to look up").hasValue(0);
    assertThat(report.entries()).filteredOn(e -> e.state() == State.UNKNOWN).as("only the create that went out")
        .singleElement().satisfies(e -> assertThat(e.reasonCode()).isEqualTo("interrupted_submit"));
    assertThat(report.entries()).filteredOn(e -> e.state() == State.COMPLETED).hasSize(7);
  }

  private static VidgenClient client(VideoProvider provider) {
    return VidgenClient.builder().provider(provider)
        .pollSchedule(PollSchedule.builder().firstDelay(Duration.ofMillis(20)).minInterval(Duration.ofMillis(20))
            .maxInterval(Duration.ofMillis(100)).build())
        .build();
  }

  /** A journal whose process dies at {@link #kill}: from then on nothing of it is read or written. */
  private static final class KillableStore implements JobStore {
    private final JobStore journal;
    private volatile boolean killed;
    private volatile List<Entry> atKill = List.of();

    KillableStore(JobStore journal) {
      this.journal = journal;
    }

    synchronized void kill() {
      atKill = journal.entries(BATCH);
      killed = true;
    }

    /** What the journal held when its process died. */
    List<Entry> lastSeen(String batch) {
      return atKill.isEmpty() ? journal.entries(batch) : atKill;
    }

    private synchronized void alive() {
      if (killed) {
        throw new JournalException("the process is gone (a test's kill -9)", null);
      }
    }

    @Override
    public String describe() {
      return journal.describe();
    }

    @Override
    public Optional<Path> file() {
      return journal.file();
    }

    @Override
    public synchronized List<Entry> enroll(String batch, List<Entry> fresh) {
      alive();
      return journal.enroll(batch, fresh);
    }

    @Override
    public synchronized List<Entry> claim(String batch, String worker, int limit, Instant now, Instant leaseUntil) {
      alive();
      return journal.claim(batch, worker, limit, now, leaseUntil);
    }

    @Override
    public synchronized Optional<Entry> update(Entry entry) {
      alive();
      return journal.update(entry);
    }

    @Override
    public synchronized int renew(String batch, String worker, Instant leaseUntil) {
      alive();
      return journal.renew(batch, worker, leaseUntil);
    }

    @Override
    public synchronized int releaseAll(String batch, String worker) {
      alive();
      return journal.releaseAll(batch, worker);
    }

    @Override
    public synchronized int resubmitUnknown(String batch, Instant now) {
      alive();
      return journal.resubmitUnknown(batch, now);
    }

    @Override
    public synchronized List<Entry> entries(String batch) {
      if (killed) {
        return lastSeen(batch);
      }
      return journal.entries(batch);
    }

    @Override
    public synchronized List<Entry> followFile(String batch, List<Entry> fresh, Instant now) {
      alive();
      return journal.followFile(batch, fresh, now);
    }

    @Override
    public void close() {
      // The dying run's close does nothing: the test closes the connection once that run is over.
    }

    void closeForReal() {
      journal.close();
    }
  }

  /** The mock behind a count of creates and look-ups; one create can be held unanswered. */
  private static final class CountingProvider implements VideoProvider {
    private final MockVideoProvider mock;
    final List<String> creates = Collections.synchronizedList(new ArrayList<>());
    final AtomicInteger lookups = new AtomicInteger();
    private volatile int holdNumber;
    private final CompletableFuture<TaskSnapshot> held = new CompletableFuture<>();

    CountingProvider(MockVideoProvider mock) {
      this.mock = mock;
    }

    void holdCreate(int number) {
      holdNumber = number;
    }

    void releaseHeld() {
      holdNumber = 0;
      held.completeExceptionally(ProviderException.of(FailureKind.NO_RESPONSE,
          ProviderErrorDetails.of(mock.id(), 0, null, "no answer"), null));
    }

    @Override
    public String id() {
      return mock.id();
    }

    @Override
    public boolean takesClientReference(ModelRoute route) {
      return false;
    }

    @Override
    public CompletableFuture<URI> upload(Path image) {
      return mock.upload(image);
    }

    @Override
    public CompletableFuture<TaskSnapshot> create(SubmitRequest request) {
      creates.add(request.job().prompt());
      return creates.size() == holdNumber ? held : mock.create(request);
    }

    @Override
    public CompletableFuture<TaskSnapshot> status(TaskId taskId) {
      return mock.status(taskId);
    }

    @Override
    public CompletableFuture<InputStream> open(VideoAsset asset) {
      return mock.open(asset);
    }

    @Override
    public CompletableFuture<Optional<TaskSnapshot>> findByClientReference(String clientReference) {
      lookups.incrementAndGet();
      return mock.findByClientReference(clientReference);
    }

    @Override
    public RequestPreview preview(SubmitRequest request) {
      return mock.preview(request);
    }

    @Override
    public CompletableFuture<dev.vidgen.core.port.Balances> balances() {
      return mock.balances();
    }

    @Override
    public CompletableFuture<dev.vidgen.core.port.Balance> balance() {
      return mock.balance();
    }

    @Override
    public CompletableFuture<java.util.Set<String>> liveModels() {
      return mock.liveModels();
    }
  }
}
