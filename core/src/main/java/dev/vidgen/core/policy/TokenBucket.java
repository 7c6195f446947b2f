package dev.vidgen.core.policy;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A token bucket that decides, with no sleeping, how long a call must wait to keep to a {@link
 * RateLimit}. A call reserves a token and is told its delay, so calls queue in order instead of
 * racing. After a 429 the bucket pauses (for {@code Retry-After}, else one second) and halves its
 * rate; each success gives back a little, up to the full rate. Immutable: every decision returns
 * the next bucket. Time comes in as an argument.
 */
public final class TokenBucket {
  /** The pause after a 429 that named no {@code Retry-After}. */
  public static final Duration DEFAULT_PAUSE = Duration.ofSeconds(1);
  /** The slowest the bucket goes after repeated 429s, as a share of the full rate. */
  static final double MIN_FACTOR = 0.1;
  /** How much of the full rate each success gives back after a slow-down. */
  static final double RECOVERY_STEP = 0.05;

  private final RateLimit limit;
  private final double tokens;
  private final Instant at;
  private final double factor;

  private TokenBucket(RateLimit limit, double tokens, Instant at, double factor) {
    this.limit = limit;
    this.tokens = tokens;
    this.at = at;
    this.factor = factor;
  }

  /** A full bucket at {@code now}. */
  public static TokenBucket full(RateLimit limit, Instant now) {
    Objects.requireNonNull(limit, "limit == null");
    Objects.requireNonNull(now, "now == null");
    return new TokenBucket(limit, limit.burst(), now, 1.0);
  }

  /** A reserved token: the bucket after the reservation, and how long the caller waits first. */
  public record Reservation(TokenBucket next, Duration delay) {}

  /** Takes one token; the delay is zero when one is there now. */
  public Reservation reserve(Instant now) {
    Instant start = later(now, at);
    double available = tokensAt(start);
    Duration wait = Duration.between(now, start);
    if (available < 1) {
      wait = wait.plus(seconds((1 - available) / rate()));
    }
    return new Reservation(new TokenBucket(limit, available - 1, start, factor), wait);
  }

  /**
   * The bucket after the provider answered 429 at {@code now}: nothing more is granted until
   * {@code retryAfter} (null or zero for {@link #DEFAULT_PAUSE}) has passed, and the rate is halved.
   */
  public TokenBucket throttled(Instant now, Duration retryAfter) {
    Duration pause = retryAfter == null || retryAfter.isNegative() || retryAfter.isZero() ? DEFAULT_PAUSE : retryAfter;
    Instant resume = later(at, now.plus(pause));
    double left = Math.min(0, tokensAt(later(now, at)));
    return new TokenBucket(limit, left, resume, Math.max(MIN_FACTOR, factor / 2));
  }

  /** The bucket after a call went through: the rate creeps back towards the full rate. */
  public TokenBucket succeeded() {
    if (factor >= 1.0) {
      return this;
    }
    return new TokenBucket(limit, tokens, at, Math.min(1.0, factor + RECOVERY_STEP));
  }

  /** How long the bucket still pauses after a 429; zero when it does not. */
  public Duration pauseLeft(Instant now) {
    return now.isBefore(at) ? Duration.between(now, at) : Duration.ZERO;
  }

  /** Tokens available at {@code now} (negative when reservations are queued). */
  public double available(Instant now) {
    return now.isBefore(at) ? tokens : tokensAt(now);
  }

  /** The rate in force, in tokens per second (lower than the limit after a 429). */
  public double rate() {
    return limit.perSecond() * factor;
  }

  /** The limit this bucket keeps to at full rate; {@link #rate()} is the rate in force. */
  public RateLimit limit() {
    return limit;
  }

  private double tokensAt(Instant time) {
    if (!time.isAfter(at)) {
      return tokens;
    }
    double elapsed = Duration.between(at, time).toNanos() / 1e9;
    return Math.min(limit.burst(), tokens + elapsed * rate());
  }

  private static Instant later(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  private static Duration seconds(double seconds) {
    return Duration.ofNanos((long) Math.ceil(seconds * 1e9));
  }

  @Override
  public String toString() {
    return "TokenBucket[" + limit.perSecond() + "/s burst " + limit.burst() + ", tokens " + tokens + " at " + at
        + ", rate x" + factor + "]";
  }
}
