package dev.vidgen.core.pricing;

import dev.vidgen.core.domain.ModelRoute;
import dev.vidgen.core.domain.VideoJob;

/** Quotes jobs from their route's price table with exact decimal arithmetic. */
public final class Pricing {
  // TODO(pricing helper): real implementation and tests.
  private Pricing() {}

  /** What {@code job} costs on {@code route} (the route's default duration when the job gives none). */
  public static PriceQuote quote(ModelRoute route, VideoJob job) {
    return PriceQuote.unknown(route.id(), "not implemented");
  }
}
