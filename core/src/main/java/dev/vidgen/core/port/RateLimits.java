package dev.vidgen.core.port;

import dev.vidgen.core.error.ProviderException;
import dev.vidgen.core.error.RateLimitedException;
import dev.vidgen.core.policy.RateLimit;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * The request rates a provider's account allows, and how to read what a failed call says about
 * them. A provider reports its limits through {@link VideoProvider#rateLimits()}; {@code
 * dev.vidgen.core.ratelimit.RateLimitedProvider} keeps to them on the client side.
 *
 * @param submit the limit on creating tasks
 * @param query the limit on status reads and look-ups
 * @param signals reads a failure for "pause this kind of call"; {@link Signals#STANDARD} by default
 */
public record RateLimits(RateLimit submit, RateLimit query, Signals signals) {

  /** Limits as given; none of the three may be null. */
  public RateLimits {
    Objects.requireNonNull(submit, "submit == null");
    Objects.requireNonNull(query, "query == null");
    Objects.requireNonNull(signals, "signals == null");
  }

  /** Limits whose failures are read the {@link Signals#STANDARD standard} way. */
  public static RateLimits of(RateLimit submit, RateLimit query) {
    return new RateLimits(submit, query, Signals.STANDARD);
  }

  /** These limits with failures read by {@code signals}. */
  public RateLimits withSignals(Signals signals) {
    return new RateLimits(submit, query, signals);
  }

  /** The kinds of call a provider counts separately. */
  public enum Bucket {
    /** Creating tasks. */
    SUBMIT,
    /** Status reads and look-ups. */
    QUERY,
    /** Whichever of the two the failed call was. */
    OF_THE_CALL
  }

  /**
   * A failure's meaning for the limits: pause {@code bucket} for every caller, for {@code pause}
   * (empty: a short default pause), after which the full rate holds again.
   */
  public record Throttle(Bucket bucket, Optional<Duration> pause) {
    /** A throttle as given; neither may be null (use an empty {@code pause} for the default pause). */
    public Throttle {
      Objects.requireNonNull(bucket, "bucket == null");
      Objects.requireNonNull(pause, "pause == null");
    }
  }

  /** Reads what a failed call says about the provider's limits. */
  @FunctionalInterface
  public interface Signals {
    /** A rate-limited answer pauses the bucket of the call for its {@code Retry-After}; nothing else counts. */
    Signals STANDARD = failure -> failure instanceof RateLimitedException
        ? Optional.of(new Throttle(Bucket.OF_THE_CALL, failure.retryAfter()))
        : Optional.empty();

    /** The throttle {@code failure} asks for; empty when it says nothing about rates. */
    Optional<Throttle> read(ProviderException failure);
  }
}
