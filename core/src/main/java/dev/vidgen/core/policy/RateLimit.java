package dev.vidgen.core.policy;

/**
 * A request rate a client keeps to: a steady {@code perSecond} and a {@code burst} that may be
 * spent at once, the shape of a token bucket.
 *
 * @param perSecond tokens added each second
 * @param burst the most tokens the bucket holds
 */
public record RateLimit(double perSecond, double burst) {

  /**
   * A rate of {@code perSecond} tokens a second with room for {@code burst} tokens.
   *
   * @throws IllegalArgumentException if {@code perSecond} is not positive and finite, or {@code burst} is
   *     below 1 or infinite
   */
  public RateLimit {
    if (!(perSecond > 0) || Double.isInfinite(perSecond)) {
      throw new IllegalArgumentException("perSecond must be positive: " + perSecond);
    }
    if (!(burst >= 1) || Double.isInfinite(burst)) {
      throw new IllegalArgumentException("burst must be at least 1: " + burst);
    }
  }
}
