package dev.vidgen.core.policy;

/**
 * A request rate a client keeps to: a steady {@code perSecond} and a {@code burst} that may be
 * spent at once, the shape of a token bucket.
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
}
