package dev.vidgen.testkit.toapis;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Something going wrong with one request, injected with {@link FakeToApisServer#inject}: an
 * error answer (429 with {@code Retry-After}, 500, 503, any status, HTML, malformed JSON), a slow
 * answer, a stalled one, a dropped connection before or after the request was acted on, a body
 * cut short with a length to match, requests held until they all arrived or the test lets them go, or
 * answers held until the test lets them go.
 * Immutable, but for the count of a meeting ({@link #meeting}).
 */
public final class Fault {
  enum Kind {
    /** Answer with {@link #status}, {@link #body}, no processing. */
    ANSWER,
    /** Process normally, answer after {@link #delay}. */
    SLOW,
    /** No processing, never answer. */
    STALL,
    /** No processing, close the connection. */
    DROP_BEFORE,
    /** Process (a create makes its task), then close the connection without answering. */
    DROP_AFTER,
    /** Process (a create makes its task), then answer with {@link #status}, {@link #body} instead. */
    ANSWER_AFTER,
    /** Process normally, then send the body 16 bytes every {@link #delay}. */
    TRICKLE,
    /** Wait for {@link #meeting} (the other requests with this fault), then process normally. */
    MEET,
    /** Wait until the test opens {@link #meeting} (at most {@link #delay}), then process normally. */
    HOLD,
    /** Process normally, then wait until the test opens {@link #meeting} (at most {@link #delay}) to answer. */
    HOLD_ANSWER,
    /** Process normally, then send only the first {@link #cutAt} bytes of the body, with a length to match. */
    CUT
  }

  final Kind kind;
  final int status;
  final String contentType;
  final String body;
  final Map<String, String> headers;
  final Duration delay;
  final Duration retryAfter;
  final java.util.concurrent.CountDownLatch meeting;
  /** For {@link Kind#CUT}: how many bytes of the body are sent. */
  final int cutAt;

  private Fault(Kind kind, int status, String contentType, String body, Map<String, String> headers,
      Duration delay, Duration retryAfter) {
    this(kind, status, contentType, body, headers, delay, retryAfter, null);
  }

  private Fault(Kind kind, int status, String contentType, String body, Map<String, String> headers,
      Duration delay, Duration retryAfter, java.util.concurrent.CountDownLatch meeting) {
    this(kind, status, contentType, body, headers, delay, retryAfter, meeting, -1);
  }

  private Fault(Kind kind, int status, String contentType, String body, Map<String, String> headers,
      Duration delay, Duration retryAfter, java.util.concurrent.CountDownLatch meeting, int cutAt) {
    this.cutAt = cutAt;
    this.meeting = meeting;
    this.kind = kind;
    this.status = status;
    this.contentType = contentType;
    this.body = body;
    this.headers = Map.copyOf(headers);
    this.delay = delay;
    this.retryAfter = retryAfter;
  }

  /**
   * HTTP 429 {@code rate_limit_exceeded} (string code) with {@code Retry-After} in whole seconds
   * and {@code X-RateLimit-Limit/Remaining/Reset/Category}.
   */
  public static Fault rateLimited(Duration retryAfter) {
    Objects.requireNonNull(retryAfter, "retryAfter == null");
    Map<String, String> headers = new LinkedHashMap<>();
    headers.put("Retry-After", Long.toString(retryAfter.toSeconds()));
    return new Fault(Kind.ANSWER, 429, FakeResponses.JSON,
        FakeResponses.error("rate_limit_exceeded", "Too many requests, retry after "
            + retryAfter.toSeconds() + " seconds", null),
        headers, Duration.ZERO, retryAfter);
  }

  /**
   * The answer ToAPIs documents for {@code status}: 400 {@code invalid_request}, 401
   * {@code authentication_error} (numeric code), 402 {@code insufficient_quota}, 403, 404
   * {@code not_found_error}, 422 {@code content_policy_violation}, 429 (1 s), 500
   * {@code internal_error}, 503 {@code rate_limit_unavailable}; others a generic error.
   */
  public static Fault status(int status) {
    return switch (status) {
      case 400 -> error(400, "invalid_request", "Invalid request");
      case 401 -> error(401, 401, "Invalid token");
      case 402 -> error(402, "insufficient_quota", "Insufficient quota, please top up");
      case 403 -> error(403, 403, "This token may not use this model");
      case 404 -> error(404, 404, "Task not found");
      case 422 -> error(422, "content_policy_violation", "The request was refused by the content policy");
      case 429 -> rateLimited(Duration.ofSeconds(1));
      case 500 -> error(500, "internal_error", "Internal server error");
      case 503 -> error(503, "rate_limit_unavailable", "Rate limiting is unavailable, submits are paused");
      default -> error(status, status, "Error " + status);
    };
  }

  /** HTTP 500 {@code internal_error}. */
  public static Fault serverError() {
    return status(500);
  }

  /** HTTP 503 {@code rate_limit_unavailable}. */
  public static Fault unavailable() {
    return status(503);
  }

  /**
   * An error answer {@code {"error":{"code":…,"message":…}}}; a numeric {@code code} also gets the
   * gateway's {@code type}, as ToAPIs does.
   */
  public static Fault error(int status, Object code, String message) {
    Objects.requireNonNull(code, "code == null");
    String type = code instanceof Number ? FakeResponses.typeFor(status) : null;
    return answer(status, FakeResponses.JSON, FakeResponses.error(code, message, type));
  }

  /** An HTML page, as a proxy in front of ToAPIs sends. */
  public static Fault html(int status) {
    String title = status + " " + (status >= 500 ? "Bad Gateway" : "Error");
    return answer(status, "text/html; charset=utf-8", "<html><head><title>" + title
        + "</title></head><body><center><h1>" + title + "</h1></center><hr><center>nginx</center></body></html>");
  }

  /** HTTP 200 with a JSON body cut off half way. */
  public static Fault malformedJson() {
    return answer(200, FakeResponses.JSON, "{\"id\":\"video_broken\",\"object\":\"generation.task\",\"status\":");
  }

  /** Any answer. */
  public static Fault answer(int status, String contentType, String body) {
    Objects.requireNonNull(body, "body == null");
    return new Fault(Kind.ANSWER, status, contentType, body, Map.of(), Duration.ZERO, null);
  }

  /** Acts on the request normally but answers only after {@code delay} (real time). */
  public static Fault slow(Duration delay) {
    Objects.requireNonNull(delay, "delay == null");
    return new Fault(Kind.SLOW, 0, null, null, Map.of(), delay, null);
  }

  /**
   * Acts on the request normally and sends the answer's headers at once, then its body 16 bytes
   * every {@code every} (real time): a download that is still being written.
   */
  public static Fault trickle(Duration every) {
    Objects.requireNonNull(every, "every == null");
    return new Fault(Kind.TRICKLE, 0, null, null, Map.of(), every, null);
  }

  /**
   * Acts on the request normally, then sends only the first {@code bytes} bytes of the answer's
   * body, with a {@code Content-Length} that says just as many: a file the server itself holds cut
   * short, which no read of the body can tell.
   */
  public static Fault cutShort(int bytes) {
    if (bytes < 0) {
      throw new IllegalArgumentException("bytes < 0: " + bytes);
    }
    return new Fault(Kind.CUT, 0, null, null, Map.of(), Duration.ZERO, null, null, bytes);
  }

  /**
   * Holds each request it is injected for until {@code parties} of them have arrived (at most {@code
   * bound}, real time), then acts on it normally: clients that truly overlap. Inject it for {@code
   * parties} requests; a fresh fault for each meeting.
   */
  public static Fault meeting(int parties, Duration bound) {
    if (parties < 1) {
      throw new IllegalArgumentException("parties < 1: " + parties);
    }
    Objects.requireNonNull(bound, "bound == null");
    return new Fault(Kind.MEET, 0, null, null, Map.of(), bound, null,
        new java.util.concurrent.CountDownLatch(parties));
  }

  /**
   * Holds each request it is injected for until the test counts {@code release} down (at most
   * {@code bound}, real time), then acts on it normally: answers that cannot arrive before the test
   * has done what it must do first. One fault serves every request it is injected for.
   */
  public static Fault heldUntil(java.util.concurrent.CountDownLatch release, Duration bound) {
    Objects.requireNonNull(release, "release == null");
    Objects.requireNonNull(bound, "bound == null");
    return new Fault(Kind.HOLD, 0, null, null, Map.of(), bound, null, release);
  }

  /**
   * Acts on each request it is injected for at once (it is logged, a create makes its task) but
   * sends the answer only once the test counts {@code release} down (at most {@code bound}, real
   * time): an answer still on its way until the test has done what must come first.
   */
  public static Fault answerHeldUntil(java.util.concurrent.CountDownLatch release, Duration bound) {
    Objects.requireNonNull(release, "release == null");
    Objects.requireNonNull(bound, "bound == null");
    return new Fault(Kind.HOLD_ANSWER, 0, null, null, Map.of(), bound, null, release);
  }

  /**
   * For {@link Kind#MEET}: counts this request in and waits for the others; for {@link Kind#HOLD}
   * and {@link Kind#HOLD_ANSWER}: waits for the test's release; either at most {@link #delay}.
   */
  void meet() {
    if (kind == Kind.MEET) {
      meeting.countDown();
    }
    try {
      meeting.await(delay.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Never answers and does nothing; the client times out. */
  public static Fault stall() {
    return new Fault(Kind.STALL, 0, null, null, Map.of(), Duration.ZERO, null);
  }

  /** Closes the connection without acting on the request: a create makes no task. */
  public static Fault dropBeforeProcessing() {
    return new Fault(Kind.DROP_BEFORE, 0, null, null, Map.of(), Duration.ZERO, null);
  }

  /** Acts on the request (a create makes its task), then closes the connection unanswered. */
  public static Fault dropAfterProcessing() {
    return new Fault(Kind.DROP_AFTER, 0, null, null, Map.of(), Duration.ZERO, null);
  }

  /**
   * This error answer, sent after the request was acted on (a create makes its task), as a gateway
   * in front of a service that did the work does.
   *
   * @throws IllegalStateException when this fault is not an answer
   */
  public Fault afterProcessing() {
    if (kind != Kind.ANSWER) {
      throw new IllegalStateException("only an answer can come after processing, not " + this);
    }
    return new Fault(Kind.ANSWER_AFTER, status, contentType, body, headers, delay, retryAfter);
  }

  /**
   * This error answer, sent only after {@code delay} (real time): a failure that comes while the
   * client is still waiting for it.
   *
   * @throws IllegalStateException when this fault is not an answer
   */
  public Fault answeredAfter(Duration delay) {
    Objects.requireNonNull(delay, "delay == null");
    if (kind != Kind.ANSWER && kind != Kind.ANSWER_AFTER) {
      throw new IllegalStateException("only an answer can be delayed this way, not " + this);
    }
    return new Fault(kind, status, contentType, body, headers, delay, retryAfter);
  }

  /** The same fault with one more response header. */
  public Fault withHeader(String name, String value) {
    Map<String, String> more = new LinkedHashMap<>(headers);
    more.put(Objects.requireNonNull(name, "name == null"), Objects.requireNonNull(value, "value == null"));
    return new Fault(kind, status, contentType, body, more, delay, retryAfter, meeting, cutAt);
  }

  /** Whether the request is acted on (a create makes its task). */
  boolean processes() {
    return kind == Kind.SLOW || kind == Kind.DROP_AFTER || kind == Kind.ANSWER_AFTER || kind == Kind.TRICKLE
        || kind == Kind.MEET || kind == Kind.HOLD || kind == Kind.HOLD_ANSWER || kind == Kind.CUT;
  }

  @Override
  public String toString() {
    return switch (kind) {
      case ANSWER -> "Fault[HTTP " + status + "]";
      case ANSWER_AFTER -> "Fault[HTTP " + status + " after processing]";
      case SLOW -> "Fault[slow " + delay + "]";
      case TRICKLE -> "Fault[trickle 16 bytes every " + delay + "]";
      case MEET -> "Fault[meeting of " + meeting.getCount() + " more]";
      case HOLD -> "Fault[held until released]";
      case HOLD_ANSWER -> "Fault[answer held until released]";
      case CUT -> "Fault[body cut after " + cutAt + " bytes]";
      default -> "Fault[" + kind.name().toLowerCase(java.util.Locale.ROOT) + "]";
    };
  }
}
