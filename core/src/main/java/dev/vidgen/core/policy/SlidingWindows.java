package dev.vidgen.core.policy;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * Decides, with no sleeping, when the next request may go so that every window of a {@link
 * RateLimit} holds: it keeps the times of the latest requests sent and lets one more go only when
 * each window has room. A 429 pauses it for the server's {@code Retry-After} (one second when none
 * is named); afterwards the full rate holds again. Time comes in as an argument; not thread-safe.
 */
public final class SlidingWindows {
  /** The pause after a 429 that named no {@code Retry-After}. */
  public static final Duration DEFAULT_PAUSE = Duration.ofSeconds(1);
  /**
   * Added to every window, so that requests a window apart on the client do not land a little less
   * than a window apart at the server when one of them travels faster.
   */
  public static final Duration MARGIN = Duration.ofMillis(50);

  private final RateLimit limit;
  /** The latest send times, a ring as long as the largest window's count. */
  private final Instant[] sent;
  private int kept;
  private int next;
  private Instant pausedUntil = Instant.MIN;

  /** Windows with nothing sent yet. */
  public SlidingWindows(RateLimit limit) {
    this.limit = Objects.requireNonNull(limit, "limit == null");
    this.sent = new Instant[limit.largestCount()];
  }

  /** The earliest time, {@code now} or later, at which one more request keeps every window. */
  public Instant nextAllowed(Instant now) {
    Instant allowed = later(now, pausedUntil);
    for (RateLimit.Window window : limit.windows()) {
      if (kept >= window.requests()) {
        Instant oldestInWindow = nthLatest(window.requests());
        allowed = later(allowed, oldestInWindow.plus(window.per()).plus(MARGIN));
      }
    }
    return allowed;
  }

  /**
   * The earliest time, {@code now} or later, at which one more request keeps every window once
   * {@code ahead} requests before it have each gone as soon as they could; with none ahead, {@link
   * #nextAllowed}. Nothing is noted.
   */
  public Instant allowedAfter(Instant now, int ahead) {
    if (ahead <= 0) {
      return nextAllowed(now);
    }
    SlidingWindows trial = new SlidingWindows(limit);
    System.arraycopy(sent, 0, trial.sent, 0, sent.length);
    trial.kept = kept;
    trial.next = next;
    trial.pausedUntil = pausedUntil;
    Instant at = now;
    for (int i = 0; i < ahead; i++) {
      at = trial.nextAllowed(at);
      trial.sent(at);
    }
    return trial.nextAllowed(at);
  }

  /** Notes a request sent at {@code at} (not before the last one noted). */
  public void sent(Instant at) {
    Objects.requireNonNull(at, "at == null");
    sent[next] = kept == 0 ? at : later(at, nthLatest(1));
    next = (next + 1) % sent.length;
    kept = Math.min(kept + 1, sent.length);
  }

  /**
   * The provider answered 429 at {@code now}: nothing goes until {@code retryAfter} (null or zero
   * for {@link #DEFAULT_PAUSE}) has passed. Pauses do not add up; the longest one holds.
   */
  public void throttled(Instant now, Duration retryAfter) {
    Duration pause = retryAfter == null || retryAfter.isNegative() || retryAfter.isZero() ? DEFAULT_PAUSE : retryAfter;
    pausedUntil = later(pausedUntil, now.plus(pause));
  }

  /** How long the pause after a 429 still lasts; zero when there is none. */
  public Duration pauseLeft(Instant now) {
    return now.isBefore(pausedUntil) ? Duration.between(now, pausedUntil) : Duration.ZERO;
  }

  /** The limit kept to. */
  public RateLimit limit() {
    return limit;
  }

  /** The {@code n}-th latest send time (1 is the latest); {@code n} is at most the number kept. */
  private Instant nthLatest(int n) {
    return sent[Math.floorMod(next - n, sent.length)];
  }

  private static Instant later(Instant a, Instant b) {
    return a.isAfter(b) ? a : b;
  }

  @Override
  public String toString() {
    return "SlidingWindows[" + limit.windows() + ", " + kept + " kept, paused until " + pausedUntil + "]";
  }
}
