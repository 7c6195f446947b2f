package dev.vidgen.provider.toapis;

import dev.vidgen.core.policy.RateLimit;
import dev.vidgen.core.port.RateLimits;
import dev.vidgen.provider.toapis.internal.ThrottleSignals;
import java.util.Locale;
import java.util.Optional;

/**
 * The ToAPIs account groups, each with a submit and a query limit (per user, all keys together).
 * Chosen with the provider setting {@value ToApisConfig#RATE_TIER}; the provider reports the
 * tier's limits through {@link dev.vidgen.core.port.VideoProvider#rateLimits()}.
 */
public enum ToApisRateTier {
  /** 5 submits/s (burst 50), 50 queries/s (burst 500). */
  DEFAULT(new RateLimit(5, 50), new RateLimit(50, 500)),
  /** 16.7 submits/s (burst 167), 166.7 queries/s (burst 1667). */
  VIP(new RateLimit(16.7, 167), new RateLimit(166.7, 1667)),
  /** 33.3 submits/s (burst 334), 500 queries/s (burst 5000). */
  SVIP(new RateLimit(33.3, 334), new RateLimit(500, 5000));

  private final RateLimit submit;
  private final RateLimit query;

  ToApisRateTier(RateLimit submit, RateLimit query) {
    this.submit = submit;
    this.query = query;
  }

  /** The limit on creating tasks. */
  public RateLimit submit() {
    return submit;
  }

  /** The limit on reading task status. */
  public RateLimit query() {
    return query;
  }

  /** Both limits, with ToAPIs' throttling answers read from its headers and error codes. */
  public RateLimits limits() {
    return new RateLimits(submit, query, ThrottleSignals.INSTANCE);
  }

  /** The lower-case name: {@code default}, {@code vip}, {@code svip}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Reads a tier from its name, ignoring case; empty when unknown. */
  public static Optional<ToApisRateTier> parse(String text) {
    for (ToApisRateTier tier : values()) {
      if (text != null && tier.id().equalsIgnoreCase(text.trim())) {
        return Optional.of(tier);
      }
    }
    return Optional.empty();
  }
}
