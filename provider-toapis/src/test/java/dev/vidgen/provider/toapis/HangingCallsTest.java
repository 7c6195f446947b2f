package dev.vidgen.provider.toapis;

import static dev.vidgen.provider.toapis.ToApisTesting.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vidgen.core.domain.TaskId;
import dev.vidgen.core.domain.TaskSnapshot;
import dev.vidgen.core.error.ProviderException;
import dev.vidgen.core.policy.FailureKind;
import dev.vidgen.testkit.toapis.Endpoint;
import dev.vidgen.testkit.toapis.FakeToApisServer;
import dev.vidgen.testkit.toapis.Fault;
import dev.vidgen.testkit.fixtures.Images;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The provider's own HTTP client: a bounded number of threads, and calls the server never answers. */
class HangingCallsTest {
  private final FakeToApisServer toapis = FakeToApisServer.start();
  private ToApisVideoProvider provider;

  @AfterEach
  void stop() {
    if (provider != null) {
      provider.close();
    }
    toapis.close();
  }

  @Test
  void theDefaultRunsAFewCallsAtOnceOnAsManyThreads() {
    provider = new ToApisVideoProvider(ToApisTesting.config(toapis).build());
    TaskId task = await(provider.create(NetworkFailureTest.seedanceRequest("ref-many"))).taskId();

    List<CompletableFuture<TaskSnapshot>> reads = IntStream.range(0, 300).mapToObj(i -> provider.status(task)).toList();
    CompletableFuture.allOf(reads.toArray(CompletableFuture[]::new)).join();

    ThreadPoolExecutor threads = (ThreadPoolExecutor) provider.httpClients().api.dispatcher().executorService();
    assertThat(ToApisConfig.DEFAULT_MAX_REQUESTS).isLessThanOrEqualTo(8);
    assertThat(threads.getLargestPoolSize()).isBetween(1, ToApisConfig.DEFAULT_MAX_REQUESTS);
    assertThat(reads).allSatisfy(read -> assertThat(read.join().taskId()).isEqualTo(task));
  }

  @Test
  void aCallLeftHangingHoldsBackNoOtherCall() {
    provider = new ToApisVideoProvider(ToApisTesting.config(toapis).maxRequests(3).build());
    TaskId task = await(provider.create(NetworkFailureTest.seedanceRequest("ref-hang"))).taskId();
    List<CompletableFuture<TaskSnapshot>> hanging = hang(2);

    List<CompletableFuture<TaskSnapshot>> others = IntStream.range(0, 40).mapToObj(i -> provider.status(task)).toList();

    await().atMost(Duration.ofSeconds(5)).until(() -> others.stream().allMatch(CompletableFuture::isDone));
    assertThat(others).allSatisfy(read -> assertThat(read.join().taskId()).isEqualTo(task));
    assertThat(hanging).noneMatch(CompletableFuture::isDone);
  }

  @Test
  void aCreateStillWaitingForAConnectionWhenItsCallerStopsIsNeverSent() {
    provider = new ToApisVideoProvider(ToApisTesting.config(toapis).maxRequests(2).build());
    List<CompletableFuture<TaskSnapshot>> hanging = hang(2);
    CompletableFuture<String> stop = new CompletableFuture<>();

    CompletableFuture<TaskSnapshot> waiting = provider.create(NetworkFailureTest.seedanceRequest("ref-held"), stop);
    stop.complete("Ctrl-C");

    assertThat(waiting).as("ended at once, not when a connection is free").isCompletedExceptionally();
    // Java 23+ join wraps the held cancellation in a new one named "join": the held one is what counts.
    assertThat(dev.vidgen.core.concurrent.AsyncFailures.unwrap(org.assertj.core.api.Assertions.catchThrowable(waiting::join)))
        .isInstanceOf(java.util.concurrent.CancellationException.class).hasMessageContaining("not sent");
    hanging.forEach(call -> call.cancel(true));
    TaskSnapshot later = await(provider.create(NetworkFailureTest.seedanceRequest("ref-after"), new CompletableFuture<>()));
    assertThat(toapis.creates()).as("only the create made after the stop went out, once the connections were free")
        .singleElement().satisfies(create -> assertThat(create.taskId()).isEqualTo(later.taskId().value()));
    assertThat(provider.create(NetworkFailureTest.seedanceRequest("ref-stopped"), stop))
        .as("a create whose stop is already done is not sent").isCompletedExceptionally();
    assertThat(toapis.creates()).hasSize(1);
  }

  @Test
  void aCreateWaitingForAConnectionIsToldSoAndLeavesOnlyOnceItsCallerRecordedThatItLeaves() {
    provider = new ToApisVideoProvider(ToApisTesting.config(toapis).maxRequests(2).build());
    List<CompletableFuture<TaskSnapshot>> hanging = hang(2);
    RecordedTurns turns = new RecordedTurns();

    CompletableFuture<TaskSnapshot> waiting =
        provider.create(NetworkFailureTest.seedanceRequest("ref-queued"), new CompletableFuture<>(), turns);

    assertThat(turns.told).as("told before the call can leave").containsExactly("waiting for a connection");
    hanging.forEach(call -> call.cancel(true));
    await().atMost(Duration.ofSeconds(5)).until(() -> turns.told.contains("leaving"));
    assertThat(toapis.creates()).as("a connection is free, but the caller has not recorded that it leaves").isEmpty();
    assertThat(waiting).isNotDone();

    turns.recorded.complete(null);

    TaskSnapshot made = await(waiting);
    assertThat(toapis.creates()).singleElement()
        .satisfies(create -> assertThat(create.taskId()).isEqualTo(made.taskId().value()));
  }

  @Test
  void aCreateWhoseCallerCouldNotRecordThatItLeavesIsNeverSentAndFailsWithWhyNot() {
    provider = new ToApisVideoProvider(ToApisTesting.config(toapis).maxRequests(2).build());
    List<CompletableFuture<TaskSnapshot>> busy = hang(1); // all connections but one busy: marked, to be safe
    RecordedTurns turns = new RecordedTurns();
    turns.recorded.completeExceptionally(new IllegalStateException("the journal's disk is full"));

    CompletableFuture<TaskSnapshot> create =
        provider.create(NetworkFailureTest.seedanceRequest("ref-unrecorded"), new CompletableFuture<>(), turns);

    await().atMost(Duration.ofSeconds(5)).until(create::isDone);
    assertThat(ToApisTesting.failure(create)).isInstanceOf(IllegalStateException.class)
        .hasMessage("the journal's disk is full");
    assertThat(turns.told).containsExactly("waiting for a connection", "leaving");
    assertThat(toapis.creates()).as("nothing left").isEmpty();
    busy.forEach(call -> call.cancel(true));
  }

  @Test
  void aCreateThatFindsConnectionsFreeIsNeitherMarkedNorHeld() {
    provider = new ToApisVideoProvider(ToApisTesting.config(toapis).maxRequests(3).build());
    RecordedTurns turns = new RecordedTurns(); // never completes: a create asking it would never leave

    TaskSnapshot made = await(provider.create(NetworkFailureTest.seedanceRequest("ref-free"),
        new CompletableFuture<>(), turns));

    assertThat(turns.told).as("no journal write for a create that does not wait").isEmpty();
    assertThat(toapis.creates()).singleElement()
        .satisfies(create -> assertThat(create.taskId()).isEqualTo(made.taskId().value()));
  }

  /** Turns that record what they were told and let the create leave once {@link #recorded} completes. */
  private static final class RecordedTurns implements dev.vidgen.core.port.CreateTurns {
    final List<String> told = new java.util.concurrent.CopyOnWriteArrayList<>();
    final CompletableFuture<Void> recorded = new CompletableFuture<>();

    @Override
    public void waitingForConnection() {
      told.add("waiting for a connection");
    }

    @Override
    public java.util.concurrent.CompletionStage<?> leaving() {
      told.add("leaving");
      return recorded;
    }
  }

  @Test
  void whenEveryCallHangsTheNextWaitsOnlyUntilTheirTimeout() {
    provider = new ToApisVideoProvider(ToApisTesting.config(toapis).maxRequests(2)
        .readTimeout(Duration.ofSeconds(30)).callTimeout(Duration.ofSeconds(1)).build());
    TaskId task = await(provider.create(NetworkFailureTest.seedanceRequest("ref-hang-all"))).taskId();
    List<CompletableFuture<TaskSnapshot>> hanging = hang(2);

    CompletableFuture<TaskSnapshot> next = provider.status(task);

    await().atMost(Duration.ofSeconds(10)).until(next::isDone);
    assertThat(next.join().taskId()).isEqualTo(task);
    // A hanging call's slot is free once OkHttp timed it out, a moment before its future hears of it.
    await().atMost(Duration.ofSeconds(5)).until(() -> hanging.stream().allMatch(CompletableFuture::isDone));
    assertThat(hanging).allSatisfy(call -> {
      assertThat(call).isCompletedExceptionally();
      ProviderException failure = (ProviderException) ToApisTesting.failure(call);
      assertThat(failure.kind()).isEqualTo(FailureKind.NO_RESPONSE);
    });
  }

  @Test
  void byDefaultTheCallTimeoutAloneEndsASilentAnswerAndDownloadsKeepTheirReadTimeout() {
    provider = new ToApisVideoProvider(ToApisConfig.builder().baseUrl(toapis.baseUrl()).apiKey(toapis.apiKey())
        .callTimeout(Duration.ofSeconds(1)).build());
    assertThat(provider.httpClients().api.readTimeoutMillis()).isZero();
    assertThat(provider.httpClients().api.writeTimeoutMillis()).isZero();
    assertThat(provider.httpClients().files.readTimeoutMillis())
        .isEqualTo(ToApisConfig.DEFAULT_SILENCE_TIMEOUT.toMillis());
    List<CompletableFuture<TaskSnapshot>> hanging = hang(1);

    await().atMost(Duration.ofSeconds(10)).until(() -> hanging.get(0).isDone());
    ProviderException failure = (ProviderException) ToApisTesting.failure(hanging.get(0));
    assertThat(failure.kind()).isEqualTo(FailureKind.NO_RESPONSE);
  }

  @Test
  void anUploadMayTakeLongerThanTheCallTimeoutButNotStaySilentPastTheReadTimeout(@TempDir Path folder) {
    provider = new ToApisVideoProvider(ToApisTesting.config(toapis)
        .readTimeout(Duration.ofSeconds(5)).callTimeout(Duration.ofSeconds(1)).build());
    Path image = Images.png().writeTo(folder);
    TaskId task = await(provider.create(NetworkFailureTest.seedanceRequest("ref-slow-upload"))).taskId();
    toapis.inject(Endpoint.UPLOAD, Fault.slow(Duration.ofMillis(2500)));
    toapis.inject(Endpoint.STATUS, Fault.slow(Duration.ofMillis(2500)));

    URI uploaded = await(provider.upload(image));
    ProviderException status = (ProviderException) ToApisTesting.failure(provider.status(task));

    assertThat(uploaded.getScheme()).startsWith("http");
    assertThat(status.kind()).isEqualTo(FailureKind.NO_RESPONSE);
    assertThat(provider.httpClients().uploads.readTimeoutMillis()).isEqualTo(5_000);

    ToApisVideoProvider quick = new ToApisVideoProvider(ToApisTesting.config(toapis)
        .readTimeout(Duration.ofMillis(500)).callTimeout(Duration.ofSeconds(30)).build());
    try {
      toapis.inject(Endpoint.UPLOAD, Fault.stall());
      ProviderException silent = (ProviderException) ToApisTesting.failure(quick.upload(image));
      assertThat(silent.kind()).isEqualTo(FailureKind.NO_RESPONSE);
    } finally {
      quick.close();
    }
  }

  /** Starts {@code count} status reads that the server receives and never answers. */
  private List<CompletableFuture<TaskSnapshot>> hang(int count) {
    toapis.inject(Endpoint.STATUS, Fault.stall(), count);
    int before = toapis.requests(Endpoint.STATUS).size();
    List<CompletableFuture<TaskSnapshot>> calls = IntStream.range(0, count)
        .mapToObj(i -> provider.status(TaskId.of("video_hang_" + i))).toList();
    await().atMost(Duration.ofSeconds(5)).until(() -> toapis.requests(Endpoint.STATUS).size() == before + count);
    return calls;
  }
}
