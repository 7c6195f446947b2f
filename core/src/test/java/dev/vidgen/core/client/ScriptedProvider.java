package dev.vidgen.core.client;

import dev.vidgen.core.domain.ModelRoute;
import dev.vidgen.core.domain.RouteCatalog;
import dev.vidgen.core.domain.TaskId;
import dev.vidgen.core.domain.TaskSnapshot;
import dev.vidgen.core.domain.VideoAsset;
import dev.vidgen.core.error.ProviderErrorDetails;
import dev.vidgen.core.error.ProviderException;
import dev.vidgen.core.policy.FailureKind;
import dev.vidgen.core.port.Balance;
import dev.vidgen.core.port.RequestPreview;
import dev.vidgen.core.port.SubmitRequest;
import dev.vidgen.core.port.VideoProvider;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A provider whose answers are scripted per call and whose futures are already complete. An
 * answer is a value, a {@link Throwable}, a future to hand out as it is (one never completed
 * is a call that never answers), or {@link Throws} for a call that throws at once; when a script runs out, the last answer repeats
 * (creates default to a new queued task, uploads to a CDN URL, opens to a small MP4).
 */
final class ScriptedProvider implements VideoProvider {
  static final String ID = "scripted";
  /** The smallest whole MP4 shape: an ftyp box, an empty moov box and an mdat box holding four bytes. */
  static final byte[] MP4 = {0, 0, 0, 24, 'f', 't', 'y', 'p', 'i', 's', 'o', 'm', 0, 0, 2, 0, 'i', 's', 'o', 'm', 'm', 'p', '4', '1',
      0, 0, 0, 8, 'm', 'o', 'o', 'v', 0, 0, 0, 12, 'm', 'd', 'a', 't', 1, 2, 3, 4};

  private final boolean takesClientReference;
  private final List<String> calls = new ArrayList<>();
  private final List<SubmitRequest> creates = new ArrayList<>();
  private final List<dev.vidgen.core.port.FollowOnRequest> followOns = new ArrayList<>();
  private final Deque<Object> createAnswers = new ArrayDeque<>();
  private final Deque<Object> followOnAnswers = new ArrayDeque<>();
  private final Deque<Object> statusAnswers = new ArrayDeque<>();
  private final Deque<Object> uploadAnswers = new ArrayDeque<>();
  private final Deque<Object> openAnswers = new ArrayDeque<>();
  private final Deque<Object> findAnswers = new ArrayDeque<>();
  private final AtomicInteger taskCount = new AtomicInteger();
  private final Deque<Object> videoUploadAnswers = new ArrayDeque<>();
  private java.util.function.Consumer<Path> onUpload = file -> {};
  private Runnable onBalance = () -> {};
  private Runnable onStatus = () -> {};
  private final Deque<Object> balanceAnswers = new ArrayDeque<>();
  private final AtomicInteger balanceReads = new AtomicInteger();
  private boolean closed;
  private java.util.Set<String> live;
  private java.util.function.IntFunction<RuntimeException> paramCheckFailure = call -> null;
  private int paramChecks;

  private ScriptedProvider(boolean takesClientReference) {
    this.takesClientReference = takesClientReference;
  }

  ScriptedProvider() {
    this(false);
  }

  /** A provider for which every route takes a client reference. */
  static ScriptedProvider takingClientReferences() {
    return new ScriptedProvider(true);
  }

  static ProviderException failure(FailureKind kind) {
    return failure(kind, null);
  }

  static ProviderException failure(FailureKind kind, Duration retryAfter) {
    int status = switch (kind) {
      case RATE_LIMITED -> 429;
      case UNAVAILABLE -> 503;
      case SERVER_ERROR -> 500;
      case AUTHENTICATION -> 401;
      case INSUFFICIENT_QUOTA -> 402;
      case CONTENT_POLICY -> 422;
      case REJECTED -> 400;
      case NOT_FOUND -> 404;
      case CONNECT_FAILED, NO_RESPONSE -> 0;
    };
    ProviderErrorDetails details = ProviderErrorDetails.of(ID, status, kind.name().toLowerCase(), "scripted " + kind)
        .withRetryAfter(retryAfter);
    return ProviderException.of(kind, details, null);
  }

  static VideoAsset asset(String format, java.time.Instant expiresAt) {
    return new VideoAsset(URI.create("https://cdn.test/video." + format), format, expiresAt);
  }

  static TaskSnapshot completed(String taskId) {
    return TaskSnapshot.completed(TaskId.of(taskId), asset("mp4", null));
  }

  synchronized ScriptedProvider createAnswers(Object... answers) {
    createAnswers.addAll(List.of(answers));
    return this;
  }

  /** Answers of extend and remix creates; with none left, the provider cannot extend or remix. */
  synchronized ScriptedProvider followOnAnswers(Object... answers) {
    followOnAnswers.addAll(List.of(answers));
    return this;
  }

  synchronized ScriptedProvider statusAnswers(Object... answers) {
    statusAnswers.addAll(List.of(answers));
    return this;
  }

  /** Status answers from now on, in place of any left (the last of which would otherwise answer every read). */
  synchronized ScriptedProvider replaceStatusAnswers(Object... answers) {
    statusAnswers.clear();
    return statusAnswers(answers);
  }

  synchronized ScriptedProvider uploadAnswers(Object... answers) {
    uploadAnswers.addAll(List.of(answers));
    return this;
  }

  synchronized ScriptedProvider videoUploadAnswers(Object... answers) {
    videoUploadAnswers.addAll(List.of(answers));
    return this;
  }

  /** Runs {@code hook} with the file at the start of each image or video upload. */
  synchronized ScriptedProvider onUpload(java.util.function.Consumer<Path> hook) {
    onUpload = hook;
    return this;
  }

  /** Runs {@code hook} at each balance read (the funds check before a submit sends anything). */
  synchronized ScriptedProvider onBalance(Runnable hook) {
    onBalance = hook;
    return this;
  }

  /** Runs {@code hook} at the start of each status read, on the thread that reads (e.g. to hold it). */
  synchronized ScriptedProvider onStatus(Runnable hook) {
    onStatus = hook;
    return this;
  }

  /** What the balance reads answer, in turn (the last repeats); a balance of 10,000 credits when none. */
  synchronized ScriptedProvider balanceAnswers(Object... answers) {
    balanceAnswers.addAll(List.of(answers));
    return this;
  }

  /** How many balance reads were made. */
  int balanceReads() {
    return balanceReads.get();
  }

  synchronized ScriptedProvider openAnswers(Object... answers) {
    openAnswers.addAll(List.of(answers));
    return this;
  }

  synchronized ScriptedProvider findAnswers(Object... answers) {
    findAnswers.addAll(List.of(answers));
    return this;
  }

  /** Every call, such as {@code create}, {@code status task-1}, {@code upload cat.png}. */
  synchronized List<String> calls() {
    return List.copyOf(calls);
  }

  synchronized long count(String callPrefix) {
    return calls.stream().filter(call -> call.startsWith(callPrefix)).count();
  }

  synchronized List<SubmitRequest> creates() {
    return List.copyOf(creates);
  }

  /** The extends and remixes asked for, in order. */
  synchronized List<dev.vidgen.core.port.FollowOnRequest> followOns() {
    return List.copyOf(followOns);
  }

  /** Lists {@code models} as the key's live models (none listed by default: the provider cannot list). */
  synchronized ScriptedProvider liveModels(java.util.Set<String> models) {
    this.live = java.util.Set.copyOf(models);
    return this;
  }

  /** Has the {@code n}th parameter check (from 1) throw what {@code failure} gives for it (null: no throw). */
  synchronized ScriptedProvider paramCheckFailure(java.util.function.IntFunction<RuntimeException> failure) {
    this.paramCheckFailure = failure;
    return this;
  }

  /** Has every read of the live model list go unanswered, as a server that holds the request does. */
  synchronized ScriptedProvider liveModelsNeverAnswered() {
    this.liveUnanswered = true;
    return this;
  }

  private boolean liveUnanswered;

  /** Has every read of the live model list answer when {@code answer} does (the test completes it), with its list. */
  synchronized ScriptedProvider liveModelsAnsweredBy(CompletableFuture<java.util.Set<String>> answer) {
    this.liveAnswer = answer;
    return this;
  }

  private CompletableFuture<java.util.Set<String>> liveAnswer;

  @Override
  public synchronized CompletableFuture<java.util.Set<String>> liveModels() {
    if (liveUnanswered) {
      calls.add("models");
      return new CompletableFuture<>();
    }
    if (liveAnswer != null) {
      calls.add("models");
      return liveAnswer.thenApply(java.util.Set::copyOf); // its own future: a read given up on leaves the answer be
    }
    if (live == null) {
      return VideoProvider.super.liveModels();
    }
    calls.add("models");
    return CompletableFuture.completedFuture(live);
  }

  @Override
  public synchronized java.util.List<dev.vidgen.core.validation.Violation> checkParams(dev.vidgen.core.domain.VideoJob job,
      dev.vidgen.core.domain.ModelRoute route) {
    RuntimeException failure = paramCheckFailure.apply(++paramChecks);
    if (failure != null) {
      throw failure;
    }
    return java.util.List.of();
  }

  private java.util.Set<dev.vidgen.core.port.ApiKey> keys = java.util.Set.of();
  private java.util.Set<String> filledParams = java.util.Set.of();

  /** Names {@code keys} as the secrets a job's text may not hold (none by default). */
  synchronized ScriptedProvider keysJobsMayNotHold(dev.vidgen.core.port.ApiKey... keys) {
    this.keys = java.util.Set.of(keys);
    return this;
  }

  /** Fills {@code params} itself on every create, as a provider of one's own fills its client reference field. */
  synchronized ScriptedProvider filling(String... params) {
    this.filledParams = java.util.Set.of(params);
    return this;
  }

  @Override
  public synchronized java.util.Set<dev.vidgen.core.port.ApiKey> keysJobsMayNotHold() {
    return keys;
  }

  @Override
  public synchronized java.util.Set<String> paramsItFills(ModelRoute route) {
    return filledParams;
  }

  synchronized boolean isClosed() {
    return closed;
  }

  @Override
  public String id() {
    return ID;
  }

  @Override
  public boolean takesClientReference(ModelRoute route) {
    return takesClientReference;
  }

  @Override
  public synchronized CompletableFuture<URI> upload(Path image) {
    calls.add("upload " + image.getFileName());
    onUpload.accept(image);
    return answer(uploadAnswers, URI.create("https://cdn.test/" + image.getFileName()));
  }

  @Override
  public synchronized CompletableFuture<URI> uploadVideo(Path video) {
    calls.add("upload-video " + video.getFileName());
    onUpload.accept(video);
    return answer(videoUploadAnswers, URI.create("https://cdn.test/" + video.getFileName()));
  }

  /** The turn the next create waits for, as under a client-side rate limit; null: its turn is free at once. */
  private CompletableFuture<Void> nextTurn;

  /** As {@link #nextCreateWaitsFor}, but the create says it waits for one of the provider's connections. */
  synchronized ScriptedProvider nextCreateWaitsForConnection(CompletableFuture<Void> connection) {
    connectionWait = true;
    return nextCreateWaitsFor(connection);
  }

  private boolean connectionWait;

  /**
   * Makes the next create wait for {@code turn} before it leaves, as a rate limiter holds one back: it
   * tells its {@link dev.vidgen.core.port.CreateTurns} that it waits 3 s, and once {@code turn} completes it
   * leaves only after their {@code leaving()} stage did; a stop while it waits ends it unsent.
   */
  synchronized ScriptedProvider nextCreateWaitsFor(CompletableFuture<Void> turn) {
    nextTurn = turn;
    return this;
  }

  @Override
  public CompletableFuture<TaskSnapshot> create(SubmitRequest request, java.util.concurrent.CompletionStage<?> stopSending,
      dev.vidgen.core.port.CreateTurns turns) {
    CompletableFuture<Void> turn;
    boolean connection;
    synchronized (this) {
      turn = nextTurn;
      nextTurn = null;
      connection = connectionWait;
      connectionWait = false;
    }
    if (turn == null) {
      return create(request, stopSending);
    }
    CompletableFuture<Void> mine = new CompletableFuture<>();
    turn.whenComplete((ready, failure) -> mine.complete(null));
    stopSending.whenComplete((stop, failure) -> mine.completeExceptionally(
        new java.util.concurrent.CancellationException("not sent: told to stop while it waited its turn")));
    if (connection) {
      turns.waitingForConnection();
    } else {
      turns.waitingTurn(Duration.ofSeconds(3));
    }
    return mine.thenCompose(ready -> turns.leaving()).thenCompose(heard -> create(request, stopSending));
  }

  @Override
  public synchronized CompletableFuture<TaskSnapshot> create(SubmitRequest request) {
    calls.add("create");
    creates.add(request);
    if (createAnswers.isEmpty()) {
      return CompletableFuture.completedFuture(TaskSnapshot.queued(TaskId.of("task-" + taskCount.incrementAndGet())));
    }
    return answer(createAnswers, null);
  }

  @Override
  public synchronized CompletableFuture<TaskSnapshot> createFollowOn(dev.vidgen.core.port.FollowOnRequest request) {
    calls.add("createFollowOn");
    followOns.add(request);
    if (followOnAnswers.isEmpty()) {
      return VideoProvider.super.createFollowOn(request);
    }
    return answer(followOnAnswers, null);
  }

  @Override
  public CompletableFuture<TaskSnapshot> status(TaskId taskId) {
    Runnable hook;
    synchronized (this) {
      hook = onStatus;
    }
    hook.run();
    synchronized (this) {
      calls.add("status " + taskId);
      return answer(statusAnswers, TaskSnapshot.inProgress(taskId, 50));
    }
  }

  @Override
  public synchronized CompletableFuture<InputStream> open(VideoAsset asset) {
    calls.add("open " + asset.url());
    CompletableFuture<Object> answer = answer(openAnswers, MP4);
    return answer.thenApply(bytes -> bytes instanceof InputStream stream ? stream : new ByteArrayInputStream((byte[]) bytes));
  }

  /** As {@link #open(VideoAsset)}, recorded as {@code open <url> from <firstByte>}: the answer says what it holds. */
  @Override
  public synchronized CompletableFuture<InputStream> open(VideoAsset asset, dev.vidgen.core.port.VideoRange from) {
    calls.add("open " + asset.url() + " from " + from.firstByte());
    CompletableFuture<Object> answer = answer(openAnswers, MP4);
    return answer.thenApply(bytes -> bytes instanceof InputStream stream ? stream : new ByteArrayInputStream((byte[]) bytes));
  }

  @Override
  public synchronized CompletableFuture<Optional<TaskSnapshot>> findByClientReference(String clientReference) {
    calls.add("find " + clientReference);
    return answer(findAnswers, Optional.empty());
  }

  @Override
  public CompletableFuture<Balance> balance() {
    Runnable hook;
    synchronized (this) {
      hook = onBalance;
    }
    hook.run();
    synchronized (this) {
      balanceReads.incrementAndGet(); // not among calls(): the funds check reads it before each create
      return answer(balanceAnswers, new Balance(BigDecimal.valueOf(10_000), BigDecimal.ONE, false));
    }
  }

  @Override
  public RequestPreview preview(SubmitRequest request) {
    return new RequestPreview("POST", "https://scripted.test/v1/videos", Map.of("Authorization", "Bearer sk-…"),
        request.job().images().toString() + " ref=" + request.clientReference());
  }

  @Override
  public synchronized void close() {
    closed = true;
  }

  /** An answer that the call throws at once, before any future: a provider broken that way. */
  record Throws(Throwable failure) {
    Throws {
      if (!(failure instanceof RuntimeException || failure instanceof Error)) {
        throw new IllegalArgumentException("a call can throw only an unchecked exception or an Error: " + failure);
      }
    }
  }

  /** An answer of null where the call's future belongs: a provider broken that way. */
  static final Object NO_FUTURE = new Object();

  @SuppressWarnings("unchecked")
  private static <T> CompletableFuture<T> answer(Deque<Object> script, T fallback) {
    Object next = script.size() > 1 ? script.poll() : script.isEmpty() ? fallback : script.peek();
    if (next == NO_FUTURE) {
      return null;
    }
    if (next instanceof Throws thrown) {
      if (thrown.failure() instanceof Error error) {
        throw error;
      }
      throw (RuntimeException) thrown.failure();
    }
    if (next instanceof Throwable failure) {
      return CompletableFuture.failedFuture(failure);
    }
    if (next instanceof CompletableFuture<?> pending) {
      return (CompletableFuture<T>) pending;
    }
    return CompletableFuture.completedFuture((T) next);
  }
}
