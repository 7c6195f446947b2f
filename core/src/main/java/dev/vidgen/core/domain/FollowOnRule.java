package dev.vidgen.core.domain;

import java.math.BigDecimal;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What one route accepts for one kind of follow-on job (extend or remix): whether a prompt is
 * required, which {@code size} values it takes, and its price when documented. Provider-neutral
 * data, kept beside the routes by route id so that it can move into the route files later.
 *
 * @param routeId the route whose tasks can be followed on, such as {@code grok-video-1.0}
 * @param kind whether the rule is for an extend or a remix
 * @param promptRequired whether a prompt must be given
 * @param sizes the allowed {@code size} values; empty when the follow-on takes no size
 * @param sizeRequired whether a size must be given
 * @param creditsPerRequest the documented price in credits, or null when undocumented (unknown)
 * @param note where the rule comes from, or null
 */
public record FollowOnRule(
    String routeId,
    FollowOnKind kind,
    boolean promptRequired,
    List<String> sizes,
    boolean sizeRequired,
    BigDecimal creditsPerRequest,
    String note) {

  /**
   * A rule as given; {@code routeId} and {@code kind} must not be null, and {@code sizes} is copied
   * (null becomes empty).
   *
   * @throws IllegalArgumentException if a size is required but no sizes are allowed
   */
  public FollowOnRule {
    Objects.requireNonNull(routeId, "routeId == null");
    Objects.requireNonNull(kind, "kind == null");
    sizes = List.copyOf(sizes == null ? List.of() : sizes);
    if (sizeRequired && sizes.isEmpty()) {
      throw new IllegalArgumentException(routeId + " " + kind.id() + ": a required size needs allowed values");
    }
  }

  /** Whether {@code size} is allowed (compared without regard to case), spelled as the rule spells it. */
  public Optional<String> offeredSize(String size) {
    if (size == null) {
      return Optional.empty();
    }
    return sizes.stream().filter(each -> each.equalsIgnoreCase(size.strip())).findFirst();
  }

  /** The documented price in credits, if any. */
  public Optional<BigDecimal> price() {
    return Optional.ofNullable(creditsPerRequest);
  }
}
