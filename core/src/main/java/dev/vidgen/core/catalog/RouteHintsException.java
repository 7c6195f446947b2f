package dev.vidgen.core.catalog;

import java.util.List;

/**
 * Routes whose hints the provider cannot use (an unknown key, a wrong type), found when a client
 * is built, before any job: each problem names the route and the hint.
 */
public final class RouteHintsException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  private final List<String> problems;
  private final List<String> routeIds;

  /** The hints of some routes cannot be used with provider {@code providerId}; one entry per route. */
  public RouteHintsException(String providerId, List<String> problems) {
    this(providerId, problems, List.of());
  }

  /** As above, with the ids of those routes, in the order of {@code problems}. */
  public RouteHintsException(String providerId, List<String> problems, List<String> routeIds) {
    super("the hints of " + (problems.size() == 1 ? "a route" : problems.size() + " routes")
        + " cannot be used with provider " + providerId + ": " + String.join("; ", problems));
    this.problems = List.copyOf(problems);
    this.routeIds = List.copyOf(routeIds);
  }

  /** The ids of the routes concerned, when the client that refused them named them; else empty. */
  public List<String> routeIds() {
    return routeIds;
  }

  /** One problem per route, each naming the route and the hint. */
  public List<String> problems() {
    return problems;
  }
}
