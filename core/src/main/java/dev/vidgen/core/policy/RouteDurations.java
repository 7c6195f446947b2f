package dev.vidgen.core.policy;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How long tasks of each route took, learned from earlier jobs: the last {@value #DEFAULT_PER_ROUTE}
 * per route (by default) for at most {@value #MAX_ROUTES} routes, the least recently used dropped
 * first. {@link PollSchedule} reads it through {@link #learned(String)} to poll where a task without
 * progress is likely to finish. Thread-safe; share one store between clients, or seed it from a
 * history, so that a new process starts informed.
 */
public final class RouteDurations {
  /** Samples kept per route unless told otherwise. */
  public static final int DEFAULT_PER_ROUTE = 200;
  /** Routes kept at most. */
  public static final int MAX_ROUTES = 1_000;

  private final int perRoute;
  private final Map<String, Samples> routes = new LinkedHashMap<>(16, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Samples> eldest) {
      return size() > MAX_ROUTES;
    }
  };

  private RouteDurations(int perRoute) {
    this.perRoute = perRoute;
  }

  /** An empty store keeping the last {@value #DEFAULT_PER_ROUTE} durations per route. */
  public static RouteDurations create() {
    return new RouteDurations(DEFAULT_PER_ROUTE);
  }

  /**
   * An empty store keeping the last {@code perRoute} durations per route.
   *
   * @throws IllegalArgumentException when {@code perRoute} is below 1 or above 10,000
   */
  public static RouteDurations create(int perRoute) {
    if (perRoute < 1 || perRoute > 10_000) {
      throw new IllegalArgumentException("perRoute must be from 1 to 10,000: " + perRoute);
    }
    return new RouteDurations(perRoute);
  }

  /** Adds how long one task of {@code routeId} took, from its creation to its completion; zero or negative is ignored. */
  public void record(String routeId, Duration took) {
    Objects.requireNonNull(routeId, "routeId == null");
    Objects.requireNonNull(took, "took == null");
    if (took.isNegative() || took.isZero()) {
      return;
    }
    synchronized (routes) {
      routes.computeIfAbsent(routeId, id -> new Samples(perRoute)).add(took.toNanos() / 1e9);
    }
  }

  /** Adds durations known from elsewhere (a history, a journal), oldest first. */
  public void seed(String routeId, Iterable<Duration> took) {
    Objects.requireNonNull(took, "took == null");
    for (Duration one : took) {
      record(routeId, one);
    }
  }

  /** What is known of {@code routeId} now; empty when nothing is. */
  public LearnedDurations learned(String routeId) {
    Objects.requireNonNull(routeId, "routeId == null");
    synchronized (routes) {
      Samples samples = routes.get(routeId);
      return samples == null ? LearnedDurations.none() : samples.view();
    }
  }

  /** How many durations are kept for {@code routeId} (at most the per-route limit). */
  public int count(String routeId) {
    return learned(routeId).size();
  }

  @Override
  public String toString() {
    synchronized (routes) {
      return "RouteDurations[" + routes.size() + " routes, last " + perRoute + " per route]";
    }
  }

  /**
   * One route's ring of samples, in seconds. The sorted view is rebuilt once a tenth of the samples
   * are new, so that waits share one view (and its poll plan) while the route's picture holds.
   */
  private static final class Samples {
    private final double[] ring;
    private int size;
    private int next;
    private int sinceView;
    private LearnedDurations view;

    Samples(int capacity) {
      ring = new double[capacity];
    }

    void add(double seconds) {
      ring[next] = seconds;
      next = (next + 1) % ring.length;
      size = Math.min(size + 1, ring.length);
      sinceView++;
    }

    LearnedDurations view() {
      if (view == null || sinceView >= Math.max(1, size / 10)) {
        double[] sorted = Arrays.copyOf(ring, size);
        Arrays.sort(sorted);
        view = new LearnedDurations(sorted);
        sinceView = 0;
      }
      return view;
    }
  }
}
