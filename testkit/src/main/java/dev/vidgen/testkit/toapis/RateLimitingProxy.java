package dev.vidgen.testkit.toapis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
 * A loopback proxy in front of a {@link FakeToApisServer} that keeps ToAPIs' per-user limits:
 * one token bucket for creates ({@code async_submit}) and one for status reads
 * ({@code async_query}). A request over the limit gets ToAPIs' 429 ({@code rate_limit_exceeded},
 * {@code Retry-After}, {@code X-RateLimit-*}) and is not forwarded; a 429 takes no token. Every
 * other request passes through unchanged. Counts what it let through and what it refused.
 *
 * <pre>{@code
 * try (FakeToApisServer toapis = FakeToApisServer.start();
 *     RateLimitingProxy limited = RateLimitingProxy.start(toapis, Limit.of(5, 50), Limit.of(50, 500))) {
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
   * A steady rate and the most tokens a bucket holds; ToAPIs' default group is 5/s with a burst of
   * 50 for creates and 50/s with a burst of 500 for status reads.
   */
  public record Limit(double perSecond, int burst) {
    public Limit {
      if (!(perSecond > 0) || Double.isInfinite(perSecond)) {
        throw new IllegalArgumentException("perSecond must be positive: " + perSecond);
      }
      if (burst < 1) {
        throw new IllegalArgumentException("burst must be at least 1: " + burst);
      }
    }

    public static Limit of(double perSecond, int burst) {
      return new Limit(perSecond, burst);
    }

    /** No limit worth the name: a million a second. */
    public static Limit unlimited() {
      return new Limit(1_000_000, 1_000_000);
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

  /** A proxy for {@code server} whose buckets fill on {@code clock}. */
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

  /** A token bucket, refilled continuously; thread-safe. */
  private static final class Bucket {
    private final Limit limit;
    private final Clock clock;
    private final String category;
    private final AtomicLong allowed = new AtomicLong();
    private final AtomicLong refused = new AtomicLong();
    private double tokens;
    private Instant at;

    Bucket(Limit limit, Clock clock, String category) {
      this.limit = limit;
      this.clock = clock;
      this.category = category;
      this.tokens = limit.burst();
      this.at = clock.instant();
    }

    /** Takes a token: zero when one was there, else how long until one will be (nothing taken). */
    synchronized Duration take() {
      Instant now = clock.instant();
      if (now.isAfter(at)) {
        double seconds = Duration.between(at, now).toNanos() / 1e9;
        tokens = Math.min(limit.burst(), tokens + seconds * limit.perSecond());
        at = now;
      }
      if (tokens >= 1) {
        tokens -= 1;
        allowed.incrementAndGet();
        return Duration.ZERO;
      }
      refused.incrementAndGet();
      return Duration.ofNanos((long) Math.ceil((1 - tokens) / limit.perSecond() * 1e9));
    }

    MockResponse refusal(Duration wait) {
      long retryAfter = Math.max(1, (wait.toMillis() + 999) / 1000);
      long reset = clock.instant().plus(wait).getEpochSecond() + 1;
      return new MockResponse.Builder().code(429)
          .setHeader("Content-Type", FakeResponses.JSON)
          .setHeader("Retry-After", Long.toString(retryAfter))
          .setHeader("X-RateLimit-Limit", Long.toString(Math.round(limit.perSecond() * 60)))
          .setHeader("X-RateLimit-Remaining", "0")
          .setHeader("X-RateLimit-Reset", Long.toString(reset))
          .setHeader("X-RateLimit-Category", category)
          .body(FakeResponses.error("rate_limit_exceeded",
              "Rate limit exceeded for " + category + ": " + limit.perSecond() + " per second, burst " + limit.burst(),
              null))
          .build();
    }

    Counts counts() {
      return new Counts(allowed.get(), refused.get());
    }

    @Override
    public String toString() {
      return limit.perSecond() + "/s burst " + limit.burst();
    }
  }
}
