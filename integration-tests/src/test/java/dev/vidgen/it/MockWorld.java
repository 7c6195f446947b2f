package dev.vidgen.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.core.client.VidgenClient;
import dev.vidgen.core.client.VidgenListener;
import dev.vidgen.core.domain.ModelRoute;
import dev.vidgen.core.domain.RouteCatalog;
import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.provider.mock.MockVideoProvider;
import dev.vidgen.testkit.fixtures.VideoJobs;
import dev.vidgen.testkit.time.VirtualTime;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Consumer;

/**
 * The mock provider and vidgen clients on one virtual time: every timer, status computation and
 * download copy runs on the test's thread when the test moves time.
 */
final class MockWorld {
  final VirtualTime time = VirtualTime.create();
  final MockVideoProvider mock;

  MockWorld() {
    this(builder -> {});
  }

  MockWorld(Consumer<MockVideoProvider.Builder> settings) {
    MockVideoProvider.Builder builder = MockVideoProvider.builder().clock(time.clock()).seed(7);
    settings.accept(builder);
    this.mock = builder.build();
  }

  /** A client on the mock and this virtual time, with a seeded random source. */
  VidgenClient client() {
    return client(builder -> {});
  }

  VidgenClient client(Consumer<VidgenClient.Builder> settings) {
    VidgenClient.Builder builder = VidgenClient.builder();
    onVirtualTime(builder);
    settings.accept(builder.provider(mock));
    return builder.build();
  }

  /** Puts a client builder on this virtual time (clock, scheduler, download executor, seed). */
  VidgenClient.Builder onVirtualTime(VidgenClient.Builder builder) {
    return builder.clock(time.clock())
        .scheduler(time.scheduler())
        .ioExecutor(time.scheduler())
        .random(new SplittableRandom(11))
        .listener(VidgenListener.NONE);
  }

  /** Moves virtual time until {@code future} is done (at most {@code max}) and returns it. */
  <T> CompletableFuture<T> runUntilDone(CompletableFuture<T> future, Duration max) {
    Duration step = Duration.ofSeconds(1);
    for (Duration moved = Duration.ZERO; !future.isDone() && moved.compareTo(max) < 0; moved = moved.plus(step)) {
      time.advance(step);
    }
    assertThat(future).as("done within %s of virtual time", max).isDone();
    return future;
  }

  /** The failure {@code future} ended with, unwrapped. */
  static Throwable failureOf(CompletableFuture<?> future) {
    assertThat(future).isCompletedExceptionally();
    Throwable failure = future.handle((value, error) -> error).join();
    return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
  }

  /** A valid job on a built-in route that takes no client reference. */
  static VideoJob jobWithoutReference() {
    return VideoJobs.validFor(firstRoute(false));
  }

  /** A valid job on a built-in route that takes a client reference. */
  static VideoJob jobWithReference() {
    return VideoJobs.validFor(firstRoute(true));
  }

  private static ModelRoute firstRoute(boolean takesReference) {
    return RouteCatalog.builtIn().routes().stream()
        .filter(route -> MockVideoProvider.create().takesClientReference(route) == takesReference)
        .findFirst()
        .orElseThrow();
  }
}
