package dev.vidgen.core.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class OpenSubmitsTest {
  private final OpenSubmits submits = new OpenSubmits(null); // the runtime is read only by close

  @Test
  void aCallersStopStopsEachSubmitStillOpen() {
    CompletableFuture<Void> callersStop = new CompletableFuture<>();
    AtomicReference<CompletableFuture<?>> stopSeen = new AtomicReference<>();
    CompletableFuture<JobHandle> pending = new CompletableFuture<>();
    submits.start(callersStop, stop -> {
      stopSeen.set(stop);
      return pending;
    });

    callersStop.complete(null);

    assertThat(stopSeen.get()).as("the submit's own stop").isDone();
    assertThat(submits.leaving(stopSeen.get(), "the create", null)).as("a create may not leave").isFalse();
  }

  @Test
  void aSubmitThatEndedIsNotKeptByACallersStopThatOutlivesIt() {
    // A batch or a playground keeps one stop for all its jobs: each job's own stop must not stay with it.
    CompletableFuture<Void> callersStop = new CompletableFuture<>();
    AtomicReference<WeakReference<CompletableFuture<?>>> stopSeen = new AtomicReference<>();
    CompletableFuture<JobHandle> ended = submits.start(callersStop, stop -> {
      stopSeen.set(new WeakReference<>(stop));
      return CompletableFuture.failedFuture(new IllegalStateException("refused"));
    });

    assertThat(ended).isCompletedExceptionally();
    assertThat(submits.size()).isZero();
    await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(50)).until(() -> {
      System.gc();
      return stopSeen.get().get() == null;
    });
    assertThat(callersStop).as("the caller's stop itself is untouched").isNotDone();
  }
}
