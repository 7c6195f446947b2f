package dev.vidgen.provider.toapis;

import dev.vidgen.core.domain.ModelRoute;
import dev.vidgen.core.domain.RouteCatalog;
import dev.vidgen.core.domain.TaskId;
import dev.vidgen.core.domain.TaskSnapshot;
import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.core.port.SubmitRequest;
import dev.vidgen.core.port.VideoProvider;
import dev.vidgen.testkit.ProviderCalls;
import dev.vidgen.testkit.toapis.FakeToApisServer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** Shared set-up for the provider's tests: a config aimed at a fake server, bounded waits. */
final class ToApisTesting {
  private ToApisTesting() {}

  /** A configuration for {@code server} with short timeouts. */
  static ToApisConfig.Builder config(FakeToApisServer server) {
    return ToApisConfig.builder()
        .baseUrl(server.baseUrl())
        .apiKey(server.apiKey())
        .connectTimeout(Duration.ofSeconds(2))
        .readTimeout(Duration.ofSeconds(5))
        .callTimeout(Duration.ofSeconds(10));
  }

  static ToApisVideoProvider provider(FakeToApisServer server) {
    return new ToApisVideoProvider(config(server).build());
  }

  static ModelRoute route(String id) {
    return RouteCatalog.builtIn().require(id);
  }

  static SubmitRequest request(VideoJob job, String clientReference) {
    return new SubmitRequest(job, route(job.model()), clientReference);
  }

  static <T> T await(CompletableFuture<T> future) {
    return ProviderCalls.await(future);
  }

  /** Polls {@code id} (at most 10 times; the fake moves on with each poll) until it finishes. */
  static TaskSnapshot pollToEnd(VideoProvider provider, TaskId id) {
    for (int poll = 0; poll < 10; poll++) {
      TaskSnapshot snapshot = await(provider.status(id));
      if (snapshot.status().isTerminal()) {
        return snapshot;
      }
    }
    throw new AssertionError(id + " did not finish within 10 polls");
  }

  static Throwable failure(CompletableFuture<?> future) {
    return ProviderCalls.failureOf(future);
  }
}
