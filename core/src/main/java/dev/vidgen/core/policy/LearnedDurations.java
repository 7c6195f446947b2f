package dev.vidgen.core.policy;

import java.time.Duration;

/**
 * A snapshot of how long one route's tasks took (see {@link RouteDurations}): sorted samples with
 * their quantiles. Immutable and thread-safe.
 */
public final class LearnedDurations {
  private static final LearnedDurations NONE = new LearnedDurations(new double[0]);

  private final double[] sortedSeconds;
  private volatile LearnedPlan plan;

  LearnedDurations(double[] sortedSeconds) {
    this.sortedSeconds = sortedSeconds;
  }

  /** Nothing learned. */
  public static LearnedDurations none() {
    return NONE;
  }

  /** How many durations this snapshot holds. */
  public int size() {
    return sortedSeconds.length;
  }

  /**
   * The duration below which a share {@code p} of the samples lie, interpolated between samples.
   *
   * @throws IllegalArgumentException when {@code p} is outside 0–1
   * @throws IllegalStateException when nothing was learned
   */
  public Duration quantile(double p) {
    if (!(p >= 0 && p <= 1)) {
      throw new IllegalArgumentException("p must be from 0 to 1: " + p);
    }
    if (sortedSeconds.length == 0) {
      throw new IllegalStateException("no durations learned");
    }
    double position = p * (sortedSeconds.length - 1);
    int below = (int) Math.floor(position);
    int above = Math.min(below + 1, sortedSeconds.length - 1);
    double seconds = sortedSeconds[below] + (position - below) * (sortedSeconds[above] - sortedSeconds[below]);
    return Duration.ofNanos(Math.round(seconds * 1e9));
  }

  /** The poll plan for these samples and {@code settings}, made once and kept. */
  LearnedPlan plan(LearnedPlan.Settings settings) {
    LearnedPlan known = plan;
    if (known == null || !known.settings().equals(settings)) {
      known = LearnedPlan.of(sortedSeconds, settings);
      plan = known;
    }
    return known;
  }

  @Override
  public String toString() {
    return sortedSeconds.length == 0 ? "LearnedDurations[none]"
        : String.format("LearnedDurations[%d, median %.1f s]", sortedSeconds.length, quantile(0.5).toMillis() / 1000.0);
  }
}
