package dev.vidgen.core.policy;

import java.util.Locale;
import java.util.Optional;

/**
 * A request rate a client keeps to: a steady {@code perSecond} and a {@code burst} that may be
 * spent at once, shaped like the provider's token buckets.
 *
 * @param perSecond tokens added each second
 * @param burst the most tokens the bucket holds
 */
public record RateLimit(double perSecond, double burst) {

  public RateLimit {
    if (!(perSecond > 0) || Double.isInfinite(perSecond)) {
      throw new IllegalArgumentException("perSecond must be positive: " + perSecond);
    }
    if (!(burst >= 1) || Double.isInfinite(burst)) {
      throw new IllegalArgumentException("burst must be at least 1: " + burst);
    }
  }

  /** The ToAPIs account groups, each with a submit and a query limit (per user, all keys together). */
  public enum Tier {
    /** 5 submits/s (burst 50), 50 queries/s (burst 500). */
    DEFAULT(new RateLimit(5, 50), new RateLimit(50, 500)),
    /** 16.7 submits/s (burst 167), 166.7 queries/s (burst 1667). */
    VIP(new RateLimit(16.7, 167), new RateLimit(166.7, 1667)),
    /** 33.3 submits/s (burst 334), 500 queries/s (burst 5000). */
    SVIP(new RateLimit(33.3, 334), new RateLimit(500, 5000));

    private final RateLimit submit;
    private final RateLimit query;

    Tier(RateLimit submit, RateLimit query) {
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

    /** The lower-case name: {@code default}, {@code vip}, {@code svip}. */
    public String id() {
      return name().toLowerCase(Locale.ROOT);
    }

    /** Reads a tier from its name, ignoring case; empty when unknown. */
    public static Optional<Tier> parse(String text) {
      for (Tier tier : values()) {
        if (text != null && tier.id().equalsIgnoreCase(text.trim())) {
          return Optional.of(tier);
        }
      }
      return Optional.empty();
    }
  }
}
