package dev.vidgen.core.ratelimit;

import dev.vidgen.core.concurrent.AsyncFailures;
import dev.vidgen.core.domain.ModelRoute;
import dev.vidgen.core.domain.TaskId;
import dev.vidgen.core.domain.TaskSnapshot;
import dev.vidgen.core.domain.VideoAsset;
import dev.vidgen.core.error.ProviderException;
import dev.vidgen.core.policy.RateLimit;
import dev.vidgen.core.port.Balance;
import dev.vidgen.core.port.Balances;
import dev.vidgen.core.port.CreateTurns;
import dev.vidgen.core.port.FollowOnRequest;
import dev.vidgen.core.port.RateLimits;
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
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * A provider that keeps to the provider's rate limits ({@link RateLimits}) on the client side:
 * creates wait their turn under the submit limit, status reads and look-ups under the query limit,
 * so that every window of each (per second, per 10 s, per minute, as the provider names them) holds.
 * Waiting is scheduled, never a blocked thread. A failure the limits' {@link RateLimits.Signals}
 * read as a throttle pauses the limit it names for every caller of this instance, for the pause
 * the server asked for, after which the full rate holds again; so one instance per process means
 * one shared pause. A create that has to wait for its turn tells the caller's {@link CreateTurns},
 * and leaves only once they heard it, so that a journal can say none is on its way meanwhile; one
 * whose turn is free at once tells nothing. Follow-ons count as creates and the live model list as
 * a read; uploads, downloads, balances and the rest pass straight through, so the wrapper can do all
 * the provider can.
 */
public final class RateLimitedProvider implements VideoProvider {
  private final VideoProvider delegate;
  private final RateLimits limits;
  private final Gate submits;
  private final Gate queries;

  private RateLimitedProvider(VideoProvider delegate, RateLimits limits, Gate submits, Gate queries) {
    this.delegate = delegate;
    this.limits = limits;
    this.submits = submits;
    this.queries = queries;
  }

  /**
   * Wraps {@code delegate} with {@code limits}, waiting on {@code scheduler} and reading the time
   * from {@code clock}.
   */
  public static RateLimitedProvider wrap(
      VideoProvider delegate, RateLimits limits, ScheduledExecutorService scheduler, Clock clock) {
    Objects.requireNonNull(delegate, "delegate == null");
    Objects.requireNonNull(limits, "limits == null");
    Objects.requireNonNull(scheduler, "scheduler == null");
    Objects.requireNonNull(clock, "clock == null");
    return new RateLimitedProvider(delegate, limits,
        new Gate(limits.submit(), scheduler, clock), new Gate(limits.query(), scheduler, clock));
  }

  /**
   * Wraps {@code delegate} with a submit and a query limit; failures are read the {@link
   * RateLimits.Signals#STANDARD standard} way.
   */
  public static RateLimitedProvider wrap(
      VideoProvider delegate, RateLimit submit, RateLimit query, ScheduledExecutorService scheduler, Clock clock) {
    return wrap(delegate, RateLimits.of(submit, query), scheduler, clock);
  }

  /**
   * Wraps {@code delegate} with the limits it reports ({@link VideoProvider#rateLimits()}); a
   * provider that reports none comes back unwrapped.
   */
  public static VideoProvider wrapReported(VideoProvider delegate, ScheduledExecutorService scheduler, Clock clock) {
    return delegate.rateLimits().<VideoProvider>map(limits -> wrap(delegate, limits, scheduler, clock)).orElse(delegate);
  }

  /** The provider underneath. */
  public VideoProvider delegate() {
    return delegate;
  }

  /** How many answers this instance met so far that throttled it (429s, and what else the provider's signals name). */
  public long throttledCount() {
    return submits.throttles() + queries.throttles();
  }

  /** How long creates are paused from now after a throttle; zero when they are not. */
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
  public java.util.Set<String> paramsItFills(ModelRoute route) {
    return delegate.paramsItFills(route);
  }

  @Override
  public java.util.Set<dev.vidgen.core.port.ApiKey> keysJobsMayNotHold() {
    return delegate.keysJobsMayNotHold();
  }

  @Override
  public void checkHints(ModelRoute route) {
    delegate.checkHints(route);
  }

  @Override
  public java.util.List<dev.vidgen.core.validation.Violation> checkParams(
      dev.vidgen.core.domain.VideoJob job, ModelRoute route) {
    return delegate.checkParams(job, route);
  }

  @Override
  public CompletableFuture<URI> upload(Path image) {
    return delegate.upload(image);
  }

  @Override
  public CompletableFuture<TaskSnapshot> create(SubmitRequest request) {
    return through(submits, () -> delegate.create(request));
  }

  /** A create held back by {@code stopSending}: a stop while it waits its turn ends it unsent. */
  @Override
  public CompletableFuture<TaskSnapshot> create(SubmitRequest request, CompletionStage<?> stopSending) {
    return create(request, stopSending, CreateTurns.NONE);
  }

  /**
   * A create held back by {@code stopSending} that tells {@code turns} about its wait: when its turn is
   * not free at once it is told {@link CreateTurns#waitingTurn} (with when the windows free its slot),
   * and once its turn comes it leaves only after {@link CreateTurns#leaving}'s stage completed; a failed
   * stage, or a stop before it leaves, ends it unsent.
   */
  @Override
  public CompletableFuture<TaskSnapshot> create(SubmitRequest request, CompletionStage<?> stopSending,
      CreateTurns turns) {
    return through(submits, stopSending, turns, () -> delegate.create(request, stopSending, turns));
  }

  /** A follow-on (extend, remix) makes a task, so it waits its turn under the submit limit as a create does. */
  @Override
  public CompletableFuture<TaskSnapshot> createFollowOn(FollowOnRequest request) {
    return through(submits, () -> delegate.createFollowOn(request));
  }

  @Override
  public CompletableFuture<TaskSnapshot> createFollowOn(FollowOnRequest request, CompletionStage<?> stopSending) {
    return createFollowOn(request, stopSending, CreateTurns.NONE);
  }

  /** A follow-on telling {@code turns} about its wait, as {@link #create(SubmitRequest, CompletionStage, CreateTurns)}. */
  @Override
  public CompletableFuture<TaskSnapshot> createFollowOn(FollowOnRequest request, CompletionStage<?> stopSending,
      CreateTurns turns) {
    return through(submits, stopSending, turns, () -> delegate.createFollowOn(request, stopSending, turns));
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
  public CompletableFuture<Set<String>> liveModels() {
    return through(queries, delegate::liveModels);
  }

  @Override
  public CompletableFuture<URI> uploadVideo(Path video) {
    return delegate.uploadVideo(video);
  }

  @Override
  public CompletableFuture<InputStream> open(VideoAsset asset) {
    return delegate.open(asset);
  }

  @Override
  public CompletableFuture<InputStream> open(VideoAsset asset, dev.vidgen.core.port.VideoRange from) {
    return delegate.open(asset, from);
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
  public RequestPreview previewFollowOn(FollowOnRequest request) {
    return delegate.previewFollowOn(request);
  }

  @Override
  public CompletableFuture<Balance> balance() {
    return delegate.balance();
  }

  @Override
  public CompletableFuture<Balances> balances() {
    return delegate.balances();
  }

  /** The limits this instance keeps to. */
  @Override
  public Optional<RateLimits> rateLimits() {
    return Optional.of(limits);
  }

  @Override
  public Optional<Duration> keepsResultsFor() {
    return delegate.keepsResultsFor();
  }

  @Override
  public void close() {
    delegate.close();
  }

  private <T> CompletableFuture<T> through(Gate gate, Supplier<CompletableFuture<T>> call) {
    return through(gate, gate.acquire(), call);
  }

  /**
   * {@code call} once {@code gate} lets it go and, when it had to wait, once {@code turns} heard it
   * leaves; a stop before then ends it unsent. A call whose turn is free at once tells nothing.
   */
  private <T> CompletableFuture<T> through(Gate gate, CompletionStage<?> stopSending, CreateTurns turns,
      Supplier<CompletableFuture<T>> call) {
    Objects.requireNonNull(turns, "turns == null");
    CompletableFuture<Void> token = gate.acquire();
    if (token.isDone()) {
      return through(gate, token, call);
    }
    try {
      turns.waitingTurn(gate.waitLeft(token));
    } catch (RuntimeException notTold) {
      // Only a mark of the caller's is missing: the call waits and leaves as it would have.
    }
    AtomicBoolean stopped = new AtomicBoolean();
    stopSending.whenComplete((stop, failure) -> {
      stopped.set(true);
      token.completeExceptionally(new CancellationException(NOT_SENT));
    });
    // Registered only after waitingTurn was told, so that leaving is asked after it, even for a turn come meanwhile.
    CompletableFuture<Void> leaves = token.thenCompose(ready -> heard(turns)).thenRun(() -> {
      if (stopped.get()) {
        throw new CancellationException(NOT_SENT);
      }
    });
    return through(gate, leaves, call);
  }

  /** What a create stopped while it waits its turn ends with. */
  private static final String NOT_SENT = "not sent: told to stop while it waited for the rate limit; nothing was made";

  /** Completes once {@link CreateTurns#leaving}'s stage does, failing as it fails (or as asking for it fails). */
  private static CompletableFuture<Void> heard(CreateTurns turns) {
    CompletableFuture<Void> heard = new CompletableFuture<>();
    try {
      turns.leaving().whenComplete((any, failure) -> {
        if (failure == null) {
          heard.complete(null);
        } else {
          heard.completeExceptionally(AsyncFailures.unwrap(failure));
        }
      });
    } catch (RuntimeException e) {
      heard.completeExceptionally(e);
    }
    return heard;
  }

  private <T> CompletableFuture<T> through(Gate gate, CompletableFuture<Void> token,
      Supplier<CompletableFuture<T>> call) {
    return token
        .thenCompose(ready -> call.get())
        .whenComplete((result, failure) -> {
          if (failure != null) {
            learnFrom(gate, AsyncFailures.unwrap(failure));
          }
        });
  }

  private void learnFrom(Gate gate, Throwable failure) {
    if (!(failure instanceof ProviderException problem)) {
      return;
    }
    limits.signals().read(problem).ifPresent(throttle -> {
      Gate target = switch (throttle.bucket()) {
        case SUBMIT -> submits;
        case QUERY -> queries;
        case OF_THE_CALL -> gate;
      };
      target.throttled(throttle.pause().orElse(null));
    });
  }

}
