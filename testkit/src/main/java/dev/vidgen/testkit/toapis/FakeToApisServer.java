package dev.vidgen.testkit.toapis;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import mockwebserver3.MockWebServer;

/**
 * A fake ToAPIs on loopback for tests: bearer auth, the Grok 1.5 wire rules, tasks that go
 * {@code queued → in_progress → completed} (in polls or in time, real or virtual), uploads, a
 * real MP4 as the result file (served from a second port, so a result URL is another origin, as
 * {@code files.toapis.com} is), the balance, and lookup by {@code client_business_id}. Faults
 * are injected per endpoint ({@link #inject}); every request and every create is logged.
 *
 * <pre>{@code
 * try (FakeToApisServer toapis = FakeToApisServer.start()) {
 *   ProviderConfig config = ProviderConfig.builder()
 *       .baseUrl(toapis.baseUrl()).apiKey(toapis.apiKey()).build();
 *   toapis.inject(Endpoint.CREATE, Fault.rateLimited(Duration.ofSeconds(2)));
 *   ... // run vidgen against config
 *   assertThat(toapis.creates()).hasSize(2);
 * }
 * }</pre>
 *
 * <p>Run it as a process with {@link #main}; it then also answers {@code GET /_fake/creates} and
 * the other admin routes. Thread-safe.
 */
public final class FakeToApisServer implements AutoCloseable {
  /** The key every fake accepts unless told otherwise: {@code sk-} and 48 characters. */
  public static final String DEFAULT_KEY = "sk-fake" + "0".repeat(44);
  /** Upload URLs point here: https, like ToAPIs', on a host that never resolves. */
  public static final String DEFAULT_UPLOAD_URL_BASE = "https://files.fake-toapis.invalid/uploads/";

  private final MockWebServer api = new MockWebServer();
  private final MockWebServer files = new MockWebServer();
  private final FakeState state;
  private final Set<String> validKeys;
  private final Clock clock;
  private final Supplier<Lifecycle> lifecycles;
  private final String requestIdHeader;
  private final String uploadUrlBase;
  private final java.util.Map<String, BigDecimal> creditsPerSecond;

  private FakeToApisServer(Builder builder) {
    this.creditsPerSecond = java.util.Map.copyOf(builder.creditsPerSecond);
    this.validKeys = Set.copyOf(builder.keys);
    this.clock = builder.clock;
    this.lifecycles = builder.lifecycles;
    this.requestIdHeader = builder.requestIdHeader;
    this.uploadUrlBase = builder.uploadUrlBase;
    this.state = new FakeState(builder.credits, builder.unlimited, builder.keyCredits, builder.videoModels,
        builder.videoModelsByKey);
    FakeApi dispatcher = new FakeApi(this, state, sampleVideo());
    api.setDispatcher(dispatcher);
    files.setDispatcher(dispatcher);
    api.setServerSocketFactory(NoDelayServerSockets.INSTANCE);
    files.setServerSocketFactory(NoDelayServerSockets.INSTANCE);
    try {
      InetAddress loopback = InetAddress.getByName("127.0.0.1");
      api.start(loopback, builder.port);
      files.start(loopback, 0);
    } catch (IOException e) {
      close();
      throw new UncheckedIOException("could not start the fake ToAPIs on port " + builder.port, e);
    }
  }

  /** A server with the defaults on a free loopback port. */
  public static FakeToApisServer start() {
    return builder().start();
  }

  /** A builder with the defaults: key {@link #DEFAULT_KEY}, system clock, one queued and one running poll. */
  public static Builder builder() {
    return new Builder();
  }

  /** The base URL to configure vidgen with, such as {@code http://127.0.0.1:54321}. */
  public String baseUrl() {
    return "http://127.0.0.1:" + api.getPort();
  }

  /** The API port. */
  public int port() {
    return api.getPort();
  }

  /** A key the server accepts. */
  public String apiKey() {
    return validKeys.iterator().next();
  }

  /** The clock task lifecycles and timestamps follow. */
  public Clock clock() {
    return clock;
  }

  /** Makes the next request to {@code endpoint} go wrong as {@code fault} says. */
  public void inject(Endpoint endpoint, Fault fault) {
    inject(endpoint, fault, 1);
  }

  /** Makes the next {@code times} requests to {@code endpoint} go wrong as {@code fault} says. */
  public void inject(Endpoint endpoint, Fault fault, int times) {
    Objects.requireNonNull(endpoint, "endpoint == null");
    Objects.requireNonNull(fault, "fault == null");
    if (times < 1) {
      throw new IllegalArgumentException("times must be at least 1, not " + times);
    }
    state.inject(endpoint, fault, times);
  }

  /** Forgets the faults injected that no request has met yet; tasks and logs stay. */
  public void clearFaults() {
    state.clearFaults();
  }

  /** Scripts the next task created (scripts queue up; unscripted tasks complete). */
  public void nextTask(TaskScript script) {
    state.nextTask(Objects.requireNonNull(script, "script == null"));
  }

  /**
   * Starts the ids of the tasks created from now on with {@code prefix} ({@code video_} unless
   * changed), then a counter: ToAPIs ids are opaque, so one may look like anything.
   */
  public void taskIdPrefix(String prefix) {
    if (Objects.requireNonNull(prefix, "prefix == null").isBlank()) {
      throw new IllegalArgumentException("give a prefix that is not blank");
    }
    state.taskIdPrefix(prefix);
  }

  /** Sets the balance: {@code credits} left, or unlimited. */
  public void balance(BigDecimal credits, boolean unlimited) {
    state.balance(Objects.requireNonNull(credits, "credits == null"), unlimited);
  }

  /** Limits the key to {@code credits} of its own ({@code GET /v1/balance}); null lifts the key's limit. */
  public void keyBalance(BigDecimal credits) {
    state.keyCredits(credits);
  }

  /** The video models every key without a list of its own may use ({@code GET /v1/models?type=video}). */
  public void videoModels(Set<String> models) {
    state.videoModels(null, Set.copyOf(models));
  }

  /** The video models {@code key} may use. */
  public void videoModels(String key, Set<String> models) {
    state.videoModels(Objects.requireNonNull(key, "key == null"), Set.copyOf(models));
  }

  /** Every request received so far (admin routes excepted), oldest first. */
  public List<ReceivedRequest> requests() {
    return state.requests();
  }

  /** The requests to {@code endpoint}, oldest first. */
  public List<ReceivedRequest> requests(Endpoint endpoint) {
    return state.requests().stream().filter(request -> request.endpoint() == endpoint).toList();
  }

  /** Every create received so far, with its body and what came of it, oldest first. */
  public List<CreateRecord> creates() {
    return state.creates();
  }

  /** The last create received, if any. */
  public Optional<CreateRecord> lastCreate() {
    List<CreateRecord> creates = state.creates();
    return creates.isEmpty() ? Optional.empty() : Optional.of(creates.get(creates.size() - 1));
  }

  /** The ids of all tasks made, oldest first. */
  public List<String> taskIds() {
    return state.tasks().stream().map(task -> task.id).toList();
  }

  /** How often a task was polled; 0 for an unknown id. */
  public int pollsOf(String taskId) {
    FakeTask task = state.find(taskId);
    return task == null ? 0 : task.polls();
  }

  /** Forgets tasks, logs, faults and scripts, and restores the starting balance. */
  public void reset() {
    state.reset();
  }

  /** Stops both ports; stalled connections are closed. */
  @Override
  public void close() {
    closeQuietly(api);
    closeQuietly(files);
  }

  @Override
  public String toString() {
    return "FakeToApisServer[" + baseUrl() + "]";
  }

  /**
   * Runs the fake as a process until it is stopped. Options: {@code --port N} (0 for any),
   * {@code --key K} (repeatable), {@code --polls Q,R} or {@code --queued 2s --running 5s},
   * {@code --credits N}, {@code --unlimited}, {@code --port-file PATH}. Prints the base URL.
   */
  public static void main(String[] args) throws Exception {
    FakeServerMain.run(args);
  }

  Set<String> validKeys() {
    return validKeys;
  }

  /** The credits per second a model of a route file costs here, if one was set. */
  java.util.Optional<BigDecimal> creditsPerSecond(String model) {
    return java.util.Optional.ofNullable(creditsPerSecond.get(model));
  }

  /** The lifecycle of the next task created (asked once per task). */
  Lifecycle lifecycle() {
    return lifecycles.get();
  }

  String requestIdHeader() {
    return requestIdHeader;
  }

  String uploadUrlBase() {
    return uploadUrlBase;
  }

  /** Where result files are served: another port, so another origin. */
  String filesBaseUrl() {
    return "http://127.0.0.1:" + files.getPort();
  }

  private static byte[] sampleVideo() {
    try (InputStream in = FakeToApisServer.class.getResourceAsStream("sample.mp4")) {
      if (in == null) {
        throw new IllegalStateException("sample.mp4 is missing from the testkit jar");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void closeQuietly(MockWebServer server) {
    try {
      server.close();
    } catch (RuntimeException e) {
      // closing a server that never started is fine
    }
  }

  /** Builds a {@link FakeToApisServer}; not thread-safe. */
  public static final class Builder {
    private int port;
    private Set<String> keys = Set.of(DEFAULT_KEY);
    private Clock clock = Clock.systemUTC();
    private Supplier<Lifecycle> lifecycles = () -> Lifecycle.byPolls(1, 1);
    private BigDecimal credits = BigDecimal.valueOf(10_000);
    private boolean unlimited;
    private String requestIdHeader = "X-Request-Id";
    private String uploadUrlBase = DEFAULT_UPLOAD_URL_BASE;
    private BigDecimal keyCredits;
    private Set<String> videoModels;
    private final java.util.Map<String, Set<String>> videoModelsByKey = new java.util.LinkedHashMap<>();
    private final java.util.Map<String, BigDecimal> creditsPerSecond = new java.util.HashMap<>();

    private Builder() {}

    /**
     * Charges creates of {@code model} (such as a route from a route file, which the fake takes
     * like any model in the standard wire) this many credits per second of {@code duration} (5 s
     * when none is sent); models without a price here cost nothing but the two Grok 1.5 routes.
     */
    public Builder creditsPerSecond(String model, BigDecimal credits) {
      Objects.requireNonNull(model, "model == null");
      if (Objects.requireNonNull(credits, "credits == null").signum() < 0) {
        throw new IllegalArgumentException("credits must not be negative, was " + credits);
      }
      creditsPerSecond.put(model, credits);
      return this;
    }

    /** The API port; 0 (the default) for any free one. */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /** The keys accepted as {@code Authorization: Bearer <key>}. */
    public Builder apiKeys(String... keys) {
      if (keys.length == 0) {
        throw new IllegalArgumentException("give at least one key");
      }
      this.keys = new java.util.LinkedHashSet<>(List.of(keys));
      return this;
    }

    /** The clock for lifecycles by time and for timestamps (a virtual one in tests). */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock == null");
      return this;
    }

    /** How tasks move on, unless their script says otherwise. */
    public Builder lifecycle(Lifecycle lifecycle) {
      Objects.requireNonNull(lifecycle, "lifecycle == null");
      this.lifecycles = () -> lifecycle;
      return this;
    }

    /**
     * Each new task takes the lifecycle {@code perTask} gives (asked once per create, on the
     * server's threads), so that tasks can differ, as real ones do; a script's own lifecycle wins.
     */
    public Builder lifecycles(Supplier<Lifecycle> perTask) {
      this.lifecycles = Objects.requireNonNull(perTask, "perTask == null");
      return this;
    }

    /** Tasks move on in time: queued for {@code queued}, then running for {@code running}. */
    public Builder lifecycle(Duration queued, Duration running) {
      return lifecycle(Lifecycle.byTime(queued, running));
    }

    /** Credits at the start (10,000 by default); creates that cost more get HTTP 402. */
    public Builder credits(BigDecimal credits) {
      this.credits = Objects.requireNonNull(credits, "credits == null");
      return this;
    }

    /**
     * The key's own quota ({@code GET /v1/balance}); by default the key is not limited apart from
     * the account and reports the account's numbers. Creates that cost more than either get HTTP 402.
     */
    public Builder keyCredits(BigDecimal credits) {
      this.keyCredits = Objects.requireNonNull(credits, "credits == null");
      return this;
    }

    /** The video models listed for every key ({@code GET /v1/models?type=video}); every built-in route by default. */
    public Builder videoModels(Set<String> models) {
      this.videoModels = Set.copyOf(models);
      return this;
    }

    /** The video models listed for {@code key}. */
    public Builder videoModels(String key, Set<String> models) {
      this.videoModelsByKey.put(Objects.requireNonNull(key, "key == null"), Set.copyOf(models));
      return this;
    }

    /** An unlimited balance ({@code remain_credits: -1}). */
    public Builder unlimitedBalance() {
      this.unlimited = true;
      return this;
    }

    /** The header that carries the request id ({@code X-Request-Id}); null for none. */
    public Builder requestIdHeader(String name) {
      this.requestIdHeader = name;
      return this;
    }

    /** Where upload URLs point; {@link #DEFAULT_UPLOAD_URL_BASE} by default. */
    public Builder uploadUrlBase(String base) {
      this.uploadUrlBase = Objects.requireNonNull(base, "base == null");
      return this;
    }

    /** Starts the server on loopback. */
    public FakeToApisServer start() {
      return new FakeToApisServer(this);
    }
  }
}
