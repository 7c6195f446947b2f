package dev.vidgen.core.ratelimit;

import dev.vidgen.core.domain.ModelRoute;
import dev.vidgen.core.domain.TaskId;
import dev.vidgen.core.domain.TaskSnapshot;
import dev.vidgen.core.domain.VideoAsset;
import dev.vidgen.core.error.ProviderUnavailableException;
import dev.vidgen.core.error.RateLimitedException;
import dev.vidgen.core.policy.RateLimit;
import dev.vidgen.core.port.Balance;
import dev.vidgen.core.port.RequestPreview;
import dev.vidgen.core.port.SubmitRequest;
import dev.vidgen.core.port.VideoProvider;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.function.Supplier;

/**
 * A provider that keeps to the provider's rate limits on the client side: creates wait for a
 * token of the submit bucket, status reads and look-ups for one of the query bucket. Waiting is
 * scheduled, never a blocked thread. A 429 (or a 503 {@code rate_limit_unavailable}) pauses its
 * bucket for every caller of this instance, for {@code Retry-After} when the server gave one, and
 * slows it down; so one instance per process means one shared pause. Uploads, downloads and the
 * rest pass straight through.
 */
public final class RateLimitedProvider implements VideoProvider {
  private static final String CATEGORY_HEADER = "x-ratelimit-category";

  private final VideoProvider delegate;
  private final Gate submits;
  private final Gate queries;

  private RateLimitedProvider(VideoProvider delegate, Gate submits, Gate queries) {
    this.delegate = delegate;
    this.submits = submits;
    this.queries = queries;
  }

  /**
   * Wraps {@code delegate} with a submit and a query limit, waiting on {@code scheduler} and
   * reading the time from {@code clock}.
   */
  public static RateLimitedProvider wrap(
      VideoProvider delegate, RateLimit submit, RateLimit query, ScheduledExecutorService scheduler, Clock clock) {
    Objects.requireNonNull(delegate, "delegate == null");
    Objects.requireNonNull(scheduler, "scheduler == null");
    Objects.requireNonNull(clock, "clock == null");
    return new RateLimitedProvider(
        delegate, new Gate(submit, scheduler, clock), new Gate(query, scheduler, clock));
  }

  /** Wraps {@code delegate} with the limits of {@code tier}. */
  public static RateLimitedProvider wrap(
      VideoProvider delegate, RateLimit.Tier tier, ScheduledExecutorService scheduler, Clock clock) {
    return wrap(delegate, tier.submit(), tier.query(), scheduler, clock);
  }

  /** The provider underneath. */
  public VideoProvider delegate() {
    return delegate;
  }

  /** How many 429 answers (and submit-blocking 503s) this instance met so far. */
  public long throttledCount() {
    return submits.throttles() + queries.throttles();
  }

  /** How long creates are paused after a 429 from now; zero when they are not. */
  public Duration submitPauseLeft() {
    return submits.pauseLeft();
  }

  @Override
  public String id() {
    return delegate.id();
  }

  @Override
  public boolean takesClientReference(ModelRoute route) {
    return delegate.takesClientReference(route);
  }

  @Override
  public CompletableFuture<URI> upload(Path image) {
    return delegate.upload(image);
  }

  @Override
  public CompletableFuture<TaskSnapshot> create(SubmitRequest request) {
    return through(submits, () -> delegate.create(request));
  }

  @Override
  public CompletableFuture<TaskSnapshot> status(TaskId taskId) {
    return through(queries, () -> delegate.status(taskId));
  }

  @Override
  public CompletableFuture<Optional<TaskSnapshot>> findByClientReference(String clientReference) {
    return through(queries, () -> delegate.findByClientReference(clientReference));
  }

  @Override
  public CompletableFuture<InputStream> open(VideoAsset asset) {
    return delegate.open(asset);
  }

  @Override
  public CompletableFuture<Void> cancel(TaskId taskId) {
    return delegate.cancel(taskId);
  }

  @Override
  public RequestPreview preview(SubmitRequest request) {
    return delegate.preview(request);
  }

  @Override
  public CompletableFuture<Balance> balance() {
    return delegate.balance();
  }

  @Override
  public void close() {
    delegate.close();
  }

  private <T> CompletableFuture<T> through(Gate gate, Supplier<CompletableFuture<T>> call) {
    return gate.acquire()
        .thenCompose(ready -> call.get())
        .whenComplete((result, failure) -> {
          if (failure == null) {
            gate.succeeded();
          } else {
            learnFrom(gate, unwrap(failure));
          }
        });
  }

  private void learnFrom(Gate gate, Throwable failure) {
    if (failure instanceof RateLimitedException limited) {
      String category = limited.details().rateLimit().getOrDefault(CATEGORY_HEADER, "");
      Gate target = switch (category) {
        case "async_submit" -> submits;
        case "async_query" -> queries;
        default -> gate;
      };
      target.throttled(limited.retryAfter().orElse(null));
    } else if (failure instanceof ProviderUnavailableException unavailable
        && "rate_limit_unavailable".equals(unavailable.providerCode().orElse(""))) {
      submits.throttled(unavailable.retryAfter().orElse(null));
    }
  }

  private static Throwable unwrap(Throwable failure) {
    Throwable current = failure;
    while ((current instanceof CompletionException || current instanceof ExecutionException)
        && current.getCause() != null) {
      current = current.getCause();
    }
    return current;
  }
}
