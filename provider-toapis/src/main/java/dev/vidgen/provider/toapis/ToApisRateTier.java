package dev.vidgen.provider.toapis;

import dev.vidgen.core.policy.RateLimit;
import dev.vidgen.core.port.RateLimits;
import dev.vidgen.provider.toapis.internal.ThrottleSignals;
import java.util.Locale;
import java.util.Optional;

/**
 * The ToAPIs account groups, each with a submit and a query limit (per user, all keys together):
 * the fact sheet's RPS, 10 s burst and RPM, each a window that holds at once. A fractional RPS is
 * rounded down, so that no second ever holds more than the server allows.
 * Chosen with the provider setting {@value ToApisConfig#RATE_TIER}; the provider reports the
 * tier's limits through {@link dev.vidgen.core.port.VideoProvider#rateLimits()}.
 */
public enum ToApisRateTier {
  /** Submits: 5 in any second, 50 in any 10 s, 300 in any minute; queries ten times that. */
  DEFAULT(RateLimit.perSecondTenSecondsMinute(5, 50, 300), RateLimit.perSecondTenSecondsMinute(50, 500, 3000)),
  /** Submits: 16 in any second (of 16.7), 167 in any 10 s, 1000 in any minute; queries: 166, 1667, 10000. */
  VIP(RateLimit.perSecondTenSecondsMinute(16, 167, 1000), RateLimit.perSecondTenSecondsMinute(166, 1667, 10000)),
  /** Submits: 33 in any second (of 33.3), 334 in any 10 s, 2000 in any minute; queries: 500, 5000, 30000. */
  SVIP(RateLimit.perSecondTenSecondsMinute(33, 334, 2000), RateLimit.perSecondTenSecondsMinute(500, 5000, 30000));

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
