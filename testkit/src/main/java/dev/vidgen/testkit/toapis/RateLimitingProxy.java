package dev.vidgen.testkit.toapis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.ConnectionPool;
import okhttp3.Headers;
import okhttp3.MediaType;
import okhttp3.OkHttpClient;
import okhttp3.Request;
import okhttp3.RequestBody;
import okhttp3.Response;
import okio.Buffer;

/**
 * A loopback proxy in front of a {@link FakeToApisServer} that keeps ToAPIs' per-user limits,
 * one set for creates ({@code async_submit}) and one for status reads ({@code async_query}): at
 * most so many requests in any second, in any 10 s and in any minute, all three at once, counted
 * exactly (sliding windows). A request over the limit gets ToAPIs' 429 ({@code rate_limit_exceeded},
 * {@code Retry-After}, {@code X-RateLimit-*}) and is not forwarded; a 429 is not counted. Every
 * other request passes through unchanged. Counts what it let through and what it refused.
 *
 * <pre>{@code
 * try (FakeToApisServer toapis = FakeToApisServer.start();
 *     RateLimitingProxy limited = RateLimitingProxy.start(toapis, Limit.of(5, 50, 300), Limit.of(50, 500, 3000))) {
 *   ProviderConfig config = ProviderConfig.builder().baseUrl(limited.baseUrl()).apiKey(toapis.apiKey()).build();
 * }
 * }</pre>
 */
public final class RateLimitingProxy implements AutoCloseable {
  private static final String CREATE_PATH = "/v1/videos/generations";
  private static final Set<String> HOP_HEADERS =
      Set.of("host", "connection", "content-length", "transfer-encoding", "keep-alive");

  private final MockWebServer front = new MockWebServer();
  private final OkHttpClient http;
  private final String backend;
  private final Bucket submits;
  private final Bucket queries;

  /**
   * The most requests let through in any second, any 10 s and any minute; ToAPIs' default group
   * is 5, 50 and 300 for creates and 50, 500 and 3000 for status reads.
   */
  public record Limit(int perSecond, int perTenSeconds, int perMinute) {
    public Limit {
      if (perSecond < 1 || perTenSeconds < 1 || perMinute < 1) {
        throw new IllegalArgumentException("each window must let at least 1 request through: " + perSecond + " / "
            + perTenSeconds + " / " + perMinute);
      }
    }

    public static Limit of(int perSecond, int perTenSeconds, int perMinute) {
      return new Limit(perSecond, perTenSeconds, perMinute);
    }

    /** No limit worth the name: a million a second. */
    public static Limit unlimited() {
      return new Limit(1_000_000, 10_000_000, 60_000_000);
    }

    int largest() {
      return Math.max(perSecond, Math.max(perTenSeconds, perMinute));
    }

    @Override
    public String toString() {
      return perSecond + " per 1s, " + perTenSeconds + " per 10s, " + perMinute + " per 60s";
    }
  }

  /** What one bucket let through and refused so far. */
  public record Counts(long allowed, long refused) {
    /** The share of requests answered 429; 0 when there were none. */
    public double refusedShare() {
      long total = allowed + refused;
      return total == 0 ? 0 : (double) refused / total;
    }
  }

  private RateLimitingProxy(FakeToApisServer server, Limit submit, Limit query, Clock clock) {
    this.backend = server.baseUrl();
    this.submits = new Bucket(submit, clock, "async_submit");
    this.queries = new Bucket(query, clock, "async_query");
    this.http = new OkHttpClient.Builder()
        .connectionPool(new ConnectionPool(64, 1, TimeUnit.MINUTES))
        .retryOnConnectionFailure(false)
        .followRedirects(false)
        .build();
    front.setServerSocketFactory(NoDelayServerSockets.INSTANCE);
    front.setDispatcher(new Dispatcher() {
      @Override
      public MockResponse dispatch(RecordedRequest request) {
        return answer(request);
      }
    });
    try {
      front.start(InetAddress.getByName("127.0.0.1"), 0);
    } catch (IOException e) {
      close();
      throw new UncheckedIOException("could not start the rate-limiting proxy", e);
    }
  }

  /** A proxy for {@code server} on a free loopback port, on the system clock. */
  public static RateLimitingProxy start(FakeToApisServer server, Limit submit, Limit query) {
    return start(server, submit, query, Clock.systemUTC());
  }

  /** A proxy for {@code server} whose windows move on {@code clock}. */
  public static RateLimitingProxy start(FakeToApisServer server, Limit submit, Limit query, Clock clock) {
    Objects.requireNonNull(server, "server == null");
    Objects.requireNonNull(submit, "submit == null");
    Objects.requireNonNull(query, "query == null");
    Objects.requireNonNull(clock, "clock == null");
    return new RateLimitingProxy(server, submit, query, clock);
  }

  /** The base URL to configure a client with, such as {@code http://127.0.0.1:54321}. */
  public String baseUrl() {
    return "http://127.0.0.1:" + front.getPort();
  }

  /** Creates let through and refused so far. */
  public Counts submits() {
    return submits.counts();
  }

  /** Status reads let through and refused so far. */
  public Counts queries() {
    return queries.counts();
  }

  @Override
  public void close() {
    try {
      front.close();
    } catch (RuntimeException e) {
      // a proxy that never started closes quietly
    }
    http.dispatcher().executorService().shutdown();
    http.connectionPool().evictAll();
  }

  @Override
  public String toString() {
    return "RateLimitingProxy[" + baseUrl() + " -> " + backend + ", submits " + submits + ", queries " + queries + "]";
  }

  private MockResponse answer(RecordedRequest request) {
    String path = request.getUrl().encodedPath();
    Bucket bucket = bucketFor(request.getMethod(), path);
    if (bucket != null) {
      Duration wait = bucket.take();
      if (!wait.isZero()) {
        return bucket.refusal(wait);
      }
    }
    return forward(request);
  }

  private Bucket bucketFor(String method, String path) {
    if (method.equals("POST") && path.equals(CREATE_PATH)) {
      return submits;
    }
    if (method.equals("GET") && path.startsWith(CREATE_PATH + "/")) {
      return queries;
    }
    return null;
  }

  private MockResponse forward(RecordedRequest request) {
    Request.Builder out = new Request.Builder().url(backend + request.getTarget());
    Headers headers = request.getHeaders();
    for (int i = 0; i < headers.size(); i++) {
      if (!HOP_HEADERS.contains(headers.name(i).toLowerCase(Locale.ROOT))) {
        out.addHeader(headers.name(i), headers.value(i));
      }
    }
    String method = request.getMethod();
    if (method.equals("GET") || method.equals("HEAD")) {
      out.method(method, null);
    } else {
      String type = headers.get("Content-Type");
      byte[] body = request.getBody() == null ? new byte[0] : request.getBody().toByteArray();
      out.method(method, RequestBody.create(body, type == null ? null : MediaType.parse(type)));
    }
    try (Response response = http.newCall(out.build()).execute()) {
      MockResponse.Builder back = new MockResponse.Builder().code(response.code());
      Headers answered = response.headers();
      for (int i = 0; i < answered.size(); i++) {
        if (!HOP_HEADERS.contains(answered.name(i).toLowerCase(Locale.ROOT))) {
          back.addHeader(answered.name(i), answered.value(i));
        }
      }
      return back.body(new Buffer().write(response.body().bytes())).build();
    } catch (IOException e) {
      return new MockResponse.Builder().code(502)
          .setHeader("Content-Type", FakeResponses.JSON)
          .body(FakeResponses.error(502, "the proxy could not reach the fake: " + e.getMessage(), "server_error"))
          .build();
    }
  }

  /** Three sliding windows over the times of the requests let through; thread-safe. */
  private static final class Bucket {
    private static final Duration SECOND = Duration.ofSeconds(1);
    private static final Duration TEN_SECONDS = Duration.ofSeconds(10);
    private static final Duration MINUTE = Duration.ofMinutes(1);
    private final Limit limit;
    private final Clock clock;
    private final String category;
    private final AtomicLong allowed = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    /** The times of the requests let through in the last minute, oldest first; at most the largest window's count. */
    private final ArrayDeque<Instant> let = new ArrayDeque<>();

    Bucket(Limit limit, Clock clock, String category) {
      this.limit = limit;
      this.clock = clock;
      this.category = category;
    }

    /** Lets a request through: zero when every window had room, else how long until all will (nothing noted). */
    synchronized Duration take() {
      Instant now = clock.instant();
      Duration wait = Duration.ZERO;
      wait = longer(wait, waitFor(now, limit.perSecond(), SECOND));
      wait = longer(wait, waitFor(now, limit.perTenSeconds(), TEN_SECONDS));
      wait = longer(wait, waitFor(now, limit.perMinute(), MINUTE));
      if (!wait.isZero()) {
        refused.incrementAndGet();
        return wait;
      }
      let.addLast(now);
      while (let.size() > limit.largest() || !let.peekFirst().plus(MINUTE).isAfter(now)) {
        let.removeFirst();
      }
      allowed.incrementAndGet();
      return Duration.ZERO;
    }

    /**
     * Zero when fewer than {@code count} requests were let through in the {@code window} up to
     * {@code now} (the span {@code (now - window, now]}); else how long until the oldest of them leaves it.
     */
    private Duration waitFor(Instant now, int count, Duration window) {
      if (let.size() < count) {
        return Duration.ZERO;
      }
      Instant countBack = nthLatest(count);
      Instant leaves = countBack.plus(window);
      return leaves.isAfter(now) ? Duration.between(now, leaves) : Duration.ZERO;
    }

    private Instant nthLatest(int n) {
      Iterator<Instant> fromLatest = let.descendingIterator();
      Instant at = fromLatest.next();
      for (int i = 1; i < n; i++) {
        at = fromLatest.next();
      }
      return at;
    }

    private static Duration longer(Duration a, Duration b) {
      return a.compareTo(b) >= 0 ? a : b;
    }

    MockResponse refusal(Duration wait) {
      long retryAfter = Math.max(1, (wait.toMillis() + 999) / 1000);
      long reset = clock.instant().plus(wait).getEpochSecond() + 1;
      return new MockResponse.Builder().code(429)
          .setHeader("Content-Type", FakeResponses.JSON)
          .setHeader("Retry-After", Long.toString(retryAfter))
          .setHeader("X-RateLimit-Limit", Long.toString(limit.perMinute()))
          .setHeader("X-RateLimit-Remaining", "0")
          .setHeader("X-RateLimit-Reset", Long.toString(reset))
          .setHeader("X-RateLimit-Category", category)
          .body(FakeResponses.error("rate_limit_exceeded",
              "Rate limit exceeded for " + category + ": " + this,
              null))
          .build();
    }

    Counts counts() {
      return new Counts(allowed.get(), refused.get());
    }

    @Override
    public String toString() {
      return limit.toString();
    }
  }
}
