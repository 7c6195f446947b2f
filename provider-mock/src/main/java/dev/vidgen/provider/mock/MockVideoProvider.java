package dev.vidgen.provider.mock;

import dev.vidgen.core.domain.ModelRoute;
import dev.vidgen.core.domain.RouteCatalog;
import dev.vidgen.core.domain.TaskId;
import dev.vidgen.core.domain.TaskSnapshot;
import dev.vidgen.core.domain.VideoAsset;
import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.core.error.ProviderException;
import dev.vidgen.core.policy.FailureKind;
import dev.vidgen.core.policy.Operation;
import dev.vidgen.core.port.ApiKey;
import dev.vidgen.core.domain.FollowOnRules;
import dev.vidgen.core.port.Balance;
import dev.vidgen.core.port.Balances;
import dev.vidgen.core.port.FollowOnRequest;
import dev.vidgen.core.port.RequestPreview;
import dev.vidgen.core.port.SubmitRequest;
import dev.vidgen.core.port.VideoProvider;
import dev.vidgen.core.pricing.PriceQuote;
import dev.vidgen.core.pricing.Pricing;
import dev.vidgen.core.validation.JobValidator;
import dev.vidgen.core.validation.ValidationReport;
import dev.vidgen.core.validation.Violation;
import java.io.InputStream;
import java.math.BigDecimal;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * An offline provider that behaves like the real service: any route the client's catalog holds,
 * validated against the route each request carries (the mock keeps no catalog of its own), tasks
 * that go queued, in progress (progress rising with time) and completed after a set duration,
 * real MP4 results, and faults arranged through {@link #script()}. Status is computed from the
 * clock, so it runs on real or virtual time with no threads. Every call is kept in {@link
 * #calls()}. Thread-safe; every future it returns is already complete.
 */
public final class MockVideoProvider implements VideoProvider {
  /** The provider id. */
  public static final String ID = MockFailures.PROVIDER_ID;

  /** How long a task runs unless told otherwise: short enough for a demo. */
  public static final Duration DEFAULT_DURATION = Duration.ofSeconds(3);

  private final Clock clock;
  private final Duration duration;
  private final ApiKey apiKey;
  private final MockScript script = new MockScript();
  private final Object lock = new Object();
  private final SplittableRandom random;
  private final Map<TaskId, MockTask> tasks = new HashMap<>();
  private final Map<String, MockTask> byReference = new HashMap<>();
  private final List<MockCall> calls = new ArrayList<>();
  private BigDecimal remainingCredits;
  private BigDecimal usedCredits = BigDecimal.ZERO;
  /** Issue 11: the key's own quota (null = not limited apart from the account) and the listed models. */
  private BigDecimal keyCredits;
  private volatile Set<String> liveModels;
  /** How one gives this mock a live list, in its maker's terms: the builder in Java, none from settings. */
  private final String noLiveList;
  private final FollowOnRules followOnRules = FollowOnRules.builtIn();
  /** Text whose presence in a prompt makes the task fail on purpose; null for none. */
  private final String failText;
  /** Whether status reads leave the progress number out while a task runs ({@link Builder#reportsNoProgress}). */
  private final boolean reportsNoProgress;
  /** The HTTP status creates answer on purpose; null for none. */
  private final CreateErrors createErrors;
  private long requests;

  private MockVideoProvider(Builder builder) {
    this.clock = builder.clock;
    this.duration = builder.duration;
    this.apiKey = builder.apiKey;
    this.random = new SplittableRandom(builder.seed);
    this.remainingCredits = builder.credits;
    this.keyCredits = builder.keyCredits;
    this.liveModels = builder.liveModels;
    this.failText = builder.failText;
    this.reportsNoProgress = builder.reportsNoProgress;
    this.createErrors = builder.createErrorStatus == 0
        ? null : CreateErrors.of(builder.createErrorStatus, builder.createErrorTimes);
    this.noLiveList = builder.fromSettings
        ? "the mock made from its settings lists no live models: no setting gives it a list"
        : "the mock lists live models only when given a list (MockVideoProvider.Builder.liveModels)";
  }

  /** A mock with every default: system clock, 3 s tasks, unlimited credits. */
  public static MockVideoProvider create() {
    return builder().build();
  }

  /** A builder with every default: system clock, 3 s tasks, unlimited credits. */
  public static Builder builder() {
    return new Builder();
  }

  /** Arranges faults and task outcomes for the calls to come. */
  public MockScript script() {
    return script;
  }

  /**
   * Adds {@code credits} to the account, as a top-up does (an unlimited account stays unlimited).
   *
   * @throws IllegalArgumentException if {@code credits} is negative
   */
  public void topUp(BigDecimal credits) {
    Objects.requireNonNull(credits, "credits == null");
    if (credits.signum() < 0) {
      throw new IllegalArgumentException("a top-up must not be negative, was " + credits);
    }
    synchronized (lock) {
      if (remainingCredits != null) {
        remainingCredits = remainingCredits.add(credits);
      }
    }
  }

  /**
   * Lists {@code ids} as the key's live models from now on, as when a model is added to or taken
   * from the key; a mock built without a list starts listing.
   */
  public void relist(Set<String> ids) {
    liveModels = Set.copyOf(Objects.requireNonNull(ids, "ids == null"));
  }

  /** Every call so far, oldest first. */
  public List<MockCall> calls() {
    synchronized (lock) {
      return List.copyOf(calls);
    }
  }

  /** The calls of one method so far, oldest first. */
  public List<MockCall> calls(MockCall.Method method) {
    synchronized (lock) {
      return calls.stream().filter(call -> call.method() == method).toList();
    }
  }

  /** How long each task runs unless scripted otherwise. */
  public Duration duration() {
    return duration;
  }

  @Override
  public String id() {
    return ID;
  }

  /**
   * Whether the mock takes a client reference on {@code route}: as the route's {@code hints.mock}
   * say ({@code client_reference}), else as its {@code hints.toapis} say, since the mock stands in
   * for ToAPIs; false without either.
   */
  @Override
  public boolean takesClientReference(ModelRoute route) {
    return MockHints.takesClientReference(route);
  }

  /** The key it was given, as the ToAPIs provider does: a job holding it is refused before anything is sent. */
  @Override
  public java.util.Set<ApiKey> keysJobsMayNotHold() {
    return apiKey == null ? java.util.Set.of() : java.util.Set.of(apiKey);
  }

  /** Refuses an extra parameter that would replace a field the job's settings fill, as the ToAPIs provider does. */
  @Override
  public List<Violation> checkParams(VideoJob job, ModelRoute route) {
    return ParamClashes.find(Objects.requireNonNull(job, "job == null"), Objects.requireNonNull(route, "route == null"));
  }

  @Override
  public CompletableFuture<URI> upload(Path image) {
    Objects.requireNonNull(image, "image == null");
    return call(MockCall.Method.UPLOAD, Operation.UPLOAD, image, null, null, (now, requestId) -> {
      String extension;
      try {
        extension = UploadCheck.extensionOf(image);
      } catch (IllegalArgumentException refused) {
        throw MockFailures.rejected(requestId, refused.getMessage());
      }
      String name;
      synchronized (lock) {
        name = now.getEpochSecond() + "_" + Long.toHexString(random.nextLong() >>> 32);
      }
      return URI.create("https://files.mock.invalid/uploads/1/" + name + "." + extension);
    });
  }

  @Override
  public CompletableFuture<TaskSnapshot> create(SubmitRequest request) {
    Objects.requireNonNull(request, "request == null");
    return call(MockCall.Method.CREATE, Operation.CREATE, request, null, request.clientReference(),
        (now, requestId) -> accept(request, now, requestId).createdAnswer());
  }

  @Override
  public CompletableFuture<TaskSnapshot> status(TaskId taskId) {
    Objects.requireNonNull(taskId, "taskId == null");
    return call(MockCall.Method.STATUS, Operation.READ, taskId, taskId, null,
        (now, requestId) -> task(taskId, requestId).snapshotAt(now));
  }

  @Override
  public CompletableFuture<Optional<TaskSnapshot>> findByClientReference(String clientReference) {
    Objects.requireNonNull(clientReference, "clientReference == null");
    return call(MockCall.Method.FIND_BY_CLIENT_REFERENCE, Operation.READ, clientReference, null,
        clientReference, (now, requestId) -> {
          synchronized (lock) {
            return Optional.ofNullable(byReference.get(clientReference))
                .map(task -> task.snapshotAt(now));
          }
        });
  }

  @Override
  public CompletableFuture<InputStream> open(VideoAsset asset) {
    Objects.requireNonNull(asset, "asset == null");
    TaskId taskId = MockTask.idOfVideo(asset.url()).orElse(null);
    return call(MockCall.Method.OPEN, Operation.DOWNLOAD, asset, taskId, null, (now, requestId) -> {
      if (taskId == null) {
        throw MockFailures.notFound(requestId, null, "No such file: " + asset.url());
      }
      MockTask task = task(taskId, requestId);
      TaskSnapshot snapshot = task.snapshotAt(now);
      if (snapshot.result().isEmpty()) {
        throw MockFailures.notFound(requestId, taskId,
            "No video yet: the task is " + snapshot.status().id());
      }
      if (snapshot.video().isExpiredAt(now)) {
        throw MockFailures.notFound(requestId, taskId,
            "The video expired at " + snapshot.video().expiresAt() + "; results are kept 24 hours");
      }
      return MockMedia.open(task.portrait());
    });
  }

  /** The mock keeps a result as ToAPIs does: 24 hours after its task completed. */
  @Override
  public Optional<Duration> keepsResultsFor() {
    return Optional.of(MockTask.RESULT_LIFETIME);
  }

  @Override
  public RequestPreview preview(SubmitRequest request) {
    Objects.requireNonNull(request, "request == null");
    RequestPreview preview = new RequestPreview(
        "POST", "mock://api/v1/videos/generations", previewHeaders(), RequestBody.json(request));
    record(MockCall.Method.PREVIEW, request, preview, clock.instant(), "ok");
    return preview;
  }

  @Override
  public RequestPreview previewFollowOn(FollowOnRequest request) {
    Objects.requireNonNull(request, "request == null");
    Map<String, Object> body = request.ownFields();
    request.params().forEach(body::putIfAbsent);
    RequestPreview preview = new RequestPreview("POST",
        "mock://api/v1/videos/" + request.source().value() + "/" + request.kind().id(), previewHeaders(),
        dev.vidgen.core.json.JsonTrees.write(body));
    record(MockCall.Method.PREVIEW, request, preview, clock.instant(), "ok");
    return preview;
  }

  private Map<String, String> previewHeaders() {
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Content-Type", "application/json");
    if (apiKey != null) {
      headers.put("Authorization", "Bearer " + apiKey.masked());
    }
    return headers;
  }

  @Override
  public CompletableFuture<Balance> balance() {
    return call(MockCall.Method.BALANCE, Operation.READ, null, null, null, (now, requestId) -> {
      synchronized (lock) {
        return new Balance(remainingCredits, usedCredits, remainingCredits == null);
      }
    });
  }

  /**
   * The models given to {@link Builder#liveModels} (or {@link #relist}). Without such a list the mock serves any route
   * a request carries, so it lists nothing and the client does not check (unsupported).
   */
  @Override
  public CompletableFuture<Set<String>> liveModels() {
    Set<String> listed = liveModels;
    if (listed == null) {
      return CompletableFuture.failedFuture(new UnsupportedOperationException(noLiveList));
    }
    return call(MockCall.Method.LIVE_MODELS, Operation.READ, null, null, null, (now, requestId) -> listed);
  }

  /** Issue 11: the key's quota (when limited apart from the account) and the account's balance, falling as tasks are created. */
  @Override
  public CompletableFuture<Balances> balances() {
    return call(MockCall.Method.BALANCE, Operation.READ, null, null, null, (now, requestId) -> {
      synchronized (lock) {
        Balance account = new Balance(remainingCredits, usedCredits, remainingCredits == null);
        Balance key = keyCredits == null ? account : new Balance(keyCredits, usedCredits, false);
        return new Balances(key, account);
      }
    });
  }

  /** Issue 11: checks the video as the upload endpoint does (MP4, MOV or WebM, at most 50 MB). */
  @Override
  public CompletableFuture<URI> uploadVideo(Path video) {
    Objects.requireNonNull(video, "video == null");
    return call(MockCall.Method.UPLOAD_VIDEO, Operation.UPLOAD, video, null, null, (now, requestId) -> {
      String extension;
      try {
        extension = UploadCheck.videoExtensionOf(video);
      } catch (IllegalArgumentException refused) {
        throw MockFailures.rejected(requestId, refused.getMessage());
      }
      String name;
      synchronized (lock) {
        name = now.getEpochSecond() + "_" + Long.toHexString(random.nextLong() >>> 32);
      }
      return URI.create("https://files.mock.invalid/uploads/videos/" + name + "." + extension);
    });
  }

  /** Issue 11: extend or remix an earlier task, under the built-in follow-on rules. */
  @Override
  public CompletableFuture<TaskSnapshot> createFollowOn(FollowOnRequest request) {
    Objects.requireNonNull(request, "request == null");
    return call(MockCall.Method.FOLLOW_ON, Operation.CREATE, request, null, null, (now, requestId) -> {
      task(request.source(), requestId);
      // A built-in route is held to its documented rules, under any of its names; a name the built-in catalog lacks
      // (a route file's alias or route, whose rules the client has checked) is taken as ToAPIs takes a listed name.
      Optional<String> builtIn = RouteCatalog.builtIn().find(request.model()).map(ModelRoute::id);
      if (builtIn.isPresent() && followOnRules.find(builtIn.get(), request.kind()).isEmpty()) {
        throw MockFailures.rejected(requestId, "model " + request.model() + " does not support " + request.kind().id());
      }
      if (request.prompt() == null || request.prompt().isBlank()) {
        throw MockFailures.rejected(requestId, "prompt is required");
      }
      synchronized (lock) {
        TaskPlan plan = planFor(request.prompt());
        Duration length = plan.duration() != null ? plan.duration() : duration;
        TaskId id;
        do {
          id = MockTask.newId(now, length, false, plan.failsOnPurpose(), random.nextLong() >>> 16);
        } while (tasks.containsKey(id));
        MockTask task = new MockTask(id, now, length, false, plan, null);
        tasks.put(id, task);
        return task.createdAnswer();
      }
    });
  }

  @Override
  public String toString() {
    return "MockVideoProvider[duration=" + duration + "]";
  }

  /** Runs one simulated request: the key check, a scripted fault, then the real behaviour. */
  private <T> CompletableFuture<T> call(MockCall.Method method, Operation operation,
      Object argument, TaskId taskId, String reference, Behaviour<T> behaviour) {
    Instant now = clock.instant();
    String requestId = nextRequestId();
    try {
      Fault fault = script.keyRejected()
          ? Fault.of(FailureKind.AUTHENTICATION) : script.nextFault(method, operation);
      if (fault == null && operation == Operation.CREATE && createErrors != null) {
        fault = createErrors.next();
      }
      if (fault != null) {
        if (fault.taskCreated()) {
          behaviour.perform(now, requestId);
        }
        throw MockFailures.exception(fault, operation, requestId, now, taskId, reference);
      }
      T result = behaviour.perform(now, requestId);
      record(method, argument, result, now, "ok");
      return CompletableFuture.completedFuture(result);
    } catch (ProviderException failure) {
      record(method, argument, null, now, failure.kind().name().toLowerCase(java.util.Locale.ROOT));
      return CompletableFuture.failedFuture(failure);
    }
  }

  /** Validates, charges and stores a new task, as the real service does on create. */
  private MockTask accept(SubmitRequest request, Instant now, String requestId) {
    ModelRoute route = request.route();
    // The name sent is one of the route's, or the key's list's spelling of one in another case.
    if (route.names().stream().noneMatch(request.job().model()::equalsIgnoreCase)) {
      throw MockFailures.rejected(requestId, "The job names model " + request.job().model()
          + " but the request carries route " + route.id());
    }
    // The client decided whether a retired route may be sent; the mock serves what it is sent.
    ValidationReport report = JobValidator.of(RouteCatalog.of(route)).allowingRetired().validate(request.job());
    if (!report.isValid()) {
      throw MockFailures.rejected(requestId, "Invalid request: "
          + report.errors().stream().map(Violation::message).collect(Collectors.joining("; ")));
    }
    PriceQuote quote = Pricing.quote(route, request.job());
    boolean portrait = isPortrait(request, route);
    synchronized (lock) {
      charge(quote, requestId);
      TaskPlan plan = planFor(request.job().prompt());
      Duration length = plan.duration() != null ? plan.duration() : duration;
      TaskId id;
      do {
        id = MockTask.newId(now, length, portrait, plan.failsOnPurpose(), random.nextLong() >>> 16);
      } while (tasks.containsKey(id));
      MockTask task = new MockTask(id, now, length, portrait, plan, request.clientReference(),
          request.job().model());
      tasks.put(id, task);
      if (request.clientReference() != null) {
        byReference.put(request.clientReference(), task);
      }
      return task;
    }
  }

  /** The scripted plan for the next task, failing on purpose when its prompt holds the text to fail. */
  private TaskPlan planFor(String prompt) {
    TaskPlan scripted = script.nextPlan();
    TaskPlan plan = reportsNoProgress ? scripted.reportingNoProgress() : scripted;
    return failText != null && prompt != null && prompt.contains(failText) ? plan.failingOnPurpose() : plan;
  }

  /** Takes the job's price from a limited balance; HTTP 402 when it does not cover it. */
  private void charge(PriceQuote quote, String requestId) {
    if ((remainingCredits == null && keyCredits == null) || !quote.isKnown()) {
      return;
    }
    if (keyCredits != null && quote.credits().compareTo(keyCredits) > 0) {
      throw MockFailures.exception(
          new Fault(FailureKind.INSUFFICIENT_QUOTA, 402, "Insufficient key quota: the job costs "
              + quote.credits().toPlainString() + " credits, the key has " + keyCredits.toPlainString() + " left",
              null, false),
          Operation.CREATE, requestId, clock.instant(), null, null);
    }
    if (remainingCredits != null && quote.credits().compareTo(remainingCredits) > 0) {
      throw MockFailures.exception(
          new Fault(FailureKind.INSUFFICIENT_QUOTA, 402, "Insufficient credits: the job costs "
              + quote.credits().toPlainString() + " credits, " + remainingCredits.toPlainString()
              + " remain", null, false),
          Operation.CREATE, requestId, clock.instant(), null, null);
    }
    if (remainingCredits != null) {
      remainingCredits = remainingCredits.subtract(quote.credits());
    }
    if (keyCredits != null) {
      keyCredits = keyCredits.subtract(quote.credits());
    }
    usedCredits = usedCredits.add(quote.credits());
  }

  private MockTask task(TaskId taskId, String requestId) {
    synchronized (lock) {
      MockTask known = tasks.get(taskId);
      if (known != null) {
        return known;
      }
    }
    return MockTask.fromId(taskId).map(task -> reportsNoProgress ? task.reportingNoProgress() : task)
        .orElseThrow(() -> MockFailures.notFound(requestId, taskId, "Task not found"));
  }

  private static boolean isPortrait(SubmitRequest request, ModelRoute route) {
    String ratio = request.job().aspectRatio() != null
        ? request.job().aspectRatio() : route.defaultAspectRatio();
    if (ratio == null) {
      return false;
    }
    String[] sides = ratio.split(":");
    try {
      return sides.length == 2
          && Double.parseDouble(sides[1].trim()) > Double.parseDouble(sides[0].trim());
    } catch (NumberFormatException notARatio) {
      return false;
    }
  }

  private String nextRequestId() {
    synchronized (lock) {
      return String.format("req_mock_%06d", ++requests);
    }
  }

  private void record(MockCall.Method method, Object argument, Object result, Instant at,
      String outcome) {
    synchronized (lock) {
      calls.add(new MockCall(method, argument, result, at, outcome));
    }
  }

  /** What a call does once it got past the key check and the script. */
  @FunctionalInterface
  private interface Behaviour<T> {
    T perform(Instant now, String requestId);
  }

  /** Builds a {@link MockVideoProvider}; not thread-safe. */
  public static final class Builder {
    private Clock clock = Clock.systemUTC();
    private Duration duration = DEFAULT_DURATION;
    private long seed;
    private BigDecimal credits;
    private ApiKey apiKey;
    private BigDecimal keyCredits;
    private Set<String> liveModels;
    private boolean fromSettings;
    private String failText;
    private boolean reportsNoProgress;
    private int createErrorStatus;
    private int createErrorTimes;

    private Builder() {}

    /** Made by {@link MockProviderFactory} from settings, which give no live list: its refusal says so, not a method. */
    Builder fromSettings() {
      this.fromSettings = true;
      return this;
    }

    /**
     * The ids the live model list gives (as a key restricted to these models would see); every
     * catalog route by default.
     */
    public Builder liveModels(Set<String> ids) {
      this.liveModels = Set.copyOf(Objects.requireNonNull(ids, "ids == null"));
      return this;
    }

    /**
     * A quota of the key's own, apart from the account's {@link #credits}; charged on each create
     * with a known price. By default the key is limited only by the account.
     */
    public Builder keyCredits(BigDecimal credits) {
      Objects.requireNonNull(credits, "credits == null");
      if (credits.signum() < 0) {
        throw new IllegalArgumentException("keyCredits must not be negative, was " + credits);
      }
      this.keyCredits = credits;
      return this;
    }

    /** The clock task status is computed from; pass a virtual clock to run without waiting. */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock == null");
      return this;
    }

    /** How long each task runs from create to completed; 3 s by default. */
    public Builder duration(Duration duration) {
      Objects.requireNonNull(duration, "duration == null");
      if (duration.isNegative()) {
        throw new IllegalArgumentException("duration must not be negative, was " + duration);
      }
      this.duration = duration;
      return this;
    }

    /** The seed for task ids and upload names; the same seed and clock give the same ids. */
    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    /** A limited balance in credits, charged on each create and not refunded when a task fails; unlimited by default. */
    public Builder credits(BigDecimal credits) {
      Objects.requireNonNull(credits, "credits == null");
      if (credits.signum() < 0) {
        throw new IllegalArgumentException("credits must not be negative, was " + credits);
      }
      this.credits = credits;
      return this;
    }

    /**
     * Each task whose prompt contains {@code text} (case counts) ends {@code failed} ({@code
     * generation_failed}, "mock: failed on purpose") where it would have completed. Its id says so,
     * so a mock in another process fails it too.
     *
     * @throws IllegalArgumentException if {@code text} is empty
     */
    public Builder failPromptsContaining(String text) {
      Objects.requireNonNull(text, "text == null");
      if (text.isEmpty()) {
        throw new IllegalArgumentException("text must not be empty: every prompt contains it");
      }
      this.failText = text;
      return this;
    }

    /**
     * Every create answers HTTP {@code httpStatus}, as the service would: 400, 401, 402, 403, 429
     * (with a {@code Retry-After} of 1 s), 500 or 503. No task is made.
     *
     * @throws IllegalArgumentException for another status
     */
    public Builder createErrors(int httpStatus) {
      CreateErrors.requireKnown(httpStatus);
      this.createErrorStatus = httpStatus;
      this.createErrorTimes = 0;
      return this;
    }

    /**
     * The first {@code times} creates of this mock answer HTTP {@code httpStatus} (as {@link
     * #createErrors(int)} lists); later ones behave normally.
     *
     * @throws IllegalArgumentException for another status, or {@code times} below 1
     */
    public Builder createErrors(int httpStatus, int times) {
      if (times < 1) {
        throw new IllegalArgumentException("times must be at least 1, was " + times);
      }
      CreateErrors.requireKnown(httpStatus);
      this.createErrorStatus = httpStatus;
      this.createErrorTimes = times;
      return this;
    }

    /**
     * Status reads leave the progress number out while a task is queued or in progress ({@code
     * TaskSnapshot.progress()} null), as ToAPIs may; completed still reads 100. By default the mock reports one.
     */
    public Builder reportsNoProgress() {
      this.reportsNoProgress = true;
      return this;
    }

    /** A key to show (masked) in request previews; the mock accepts any key or none. */
    public Builder apiKey(ApiKey apiKey) {
      this.apiKey = apiKey;
      return this;
    }

    /** The mock, with these settings. */
    public MockVideoProvider build() {
      return new MockVideoProvider(this);
    }
  }
}
