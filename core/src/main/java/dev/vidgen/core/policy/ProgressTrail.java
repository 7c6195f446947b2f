package dev.vidgen.core.policy;

import java.time.Duration;
import java.util.Objects;
import java.util.OptionalInt;

/**
 * What one task's status reads have said of its progress so far, as {@link PollSchedule} needs
 * it: the first reading with progress, the latest one, and when each reading put the finish.
 * Immutable; each read makes a new trail with {@link #next}.
 *
 * <p>Two readings in progress give the task's pace, which leaves out the time it spent queued: the
 * finish is put where a line through the readings (least squares) reaches 100 %, or where the
 * latest reading alone puts it if that is sooner (or later, when the latest reading lies well
 * under the line: progress slowing down). With one reading the pace is counted from the
 * task's creation. The estimate is <em>steady</em> when three or more readings lie within about
 * a point of their line and the latest two estimates agree, as they do when progress rises evenly.
 */
public final class ProgressTrail {
  /** How far two paced estimates of the finish may differ, as a share of the running time, to count as steady. */
  static final double STEADY_SHARE = 0.06;
  /**
   * How far, in percentage points, readings may scatter about their line to count as steady: about
   * what whole-percent rounding gives; progress that speeds up, slows down or jumps scatters more.
   */
  static final double STEADY_SCATTER = 1.0;

  private static final ProgressTrail NONE = new ProgressTrail(-1, -1, OptionalInt.empty(), Fit.EMPTY, Double.NaN,
      false, Double.NaN, false);

  private final long firstAtMs;
  private final long lastAtMs;
  private final OptionalInt lastPercent;
  private final Fit fit;
  private final double finishMs;
  private final boolean paced;
  private final double previousFinishMs;
  private final boolean previousPaced;

  private ProgressTrail(long firstAtMs, long lastAtMs, OptionalInt lastPercent, Fit fit, double finishMs,
      boolean paced, double previousFinishMs, boolean previousPaced) {
    this.firstAtMs = firstAtMs;
    this.lastAtMs = lastAtMs;
    this.lastPercent = lastPercent;
    this.fit = fit;
    this.finishMs = finishMs;
    this.paced = paced;
    this.previousFinishMs = previousFinishMs;
    this.previousPaced = previousPaced;
  }

  /** No reading yet. */
  public static ProgressTrail none() {
    return NONE;
  }

  /**
   * This trail with one more reading: {@code percent} (if any) reported at {@code elapsed} since
   * the task's creation. Readings are expected in order; one earlier than the latest is ignored.
   *
   * @throws NullPointerException when an argument is null
   */
  public ProgressTrail next(Duration elapsed, OptionalInt percent) {
    Objects.requireNonNull(elapsed, "elapsed == null");
    Objects.requireNonNull(percent, "percent == null");
    long atMs = elapsed.toMillis();
    if (atMs < lastAtMs) {
      return this;
    }
    int value = percent.orElse(0);
    if (value <= 0) {
      // Queued, or no progress reported: nothing to estimate from.
      return new ProgressTrail(firstAtMs, atMs, percent, fit, Double.NaN, false, finishMs, paced);
    }
    if (value >= 100) {
      return new ProgressTrail(firstAtMs, atMs, percent, fit, atMs, false, finishMs, paced);
    }
    long first = firstAtMs < 0 ? atMs : firstAtMs;
    Fit more = fit.with(atMs - first, value);
    double paceFinish = first + more.finishMs();
    if (Double.isNaN(paceFinish) || paceFinish < atMs) {
      // No rise yet (or readings that fall): the pace is unknown, so count from the creation.
      return new ProgressTrail(first, atMs, percent, more, atMs * 100.0 / value, false, finishMs, paced);
    }
    // Progress that speeds up makes the pace a late guess, so the sooner of the two is kept; progress
    // that slows down (the latest reading well under the line) makes it an early one.
    double alone = atMs * 100.0 / value;
    double finish = more.residual(atMs - first, value) < -STEADY_SCATTER
        ? Math.max(paceFinish, alone)
        : Math.min(paceFinish, alone);
    return new ProgressTrail(first, atMs, percent, more, finish, true, finishMs, paced);
  }

  /** The latest reported percent, if any. */
  public OptionalInt lastPercent() {
    return lastPercent;
  }

  /** Where the latest reading puts the finish, in milliseconds since the task's creation; NaN without progress. */
  double finishMs() {
    return finishMs;
  }

  /**
   * Whether the readings lie close to their line and the latest two, each paced, put the finish in
   * nearly the same place.
   */
  boolean isSteady() {
    if (!paced || !previousPaced) {
      return false;
    }
    double running = finishMs - firstAtMs;
    return running > 0 && fit.scatter() <= STEADY_SCATTER
        && Math.abs(finishMs - previousFinishMs) <= STEADY_SHARE * running;
  }

  /** How uncertain a paced {@link #finishMs()} is, in milliseconds (one standard error); 0 when unknown. */
  double finishErrorMs() {
    return paced ? fit.finishErrorMs() : 0;
  }

  /** The estimated running time from the first reading in progress to the finish, in milliseconds. */
  double runningMs() {
    return firstAtMs < 0 ? Double.NaN : finishMs - firstAtMs;
  }

  /**
   * A least-squares line through the readings in progress (time since the first of them, percent),
   * so that one reading's noise moves the estimate little.
   */
  private record Fit(int n, double sumT, double sumP, double sumTT, double sumTP, double sumPP) {
    static final Fit EMPTY = new Fit(0, 0, 0, 0, 0, 0);

    Fit with(double t, double p) {
      return new Fit(n + 1, sumT + t, sumP + p, sumTT + t * t, sumTP + t * p, sumPP + p * p);
    }

    private double spreadT() {
      return sumTT - sumT * sumT / n;
    }

    private double slope() {
      return (sumTP - sumT * sumP / n) / spreadT();
    }

    /** Where the line reaches 100 %, in milliseconds after the first reading; NaN unless it rises. */
    double finishMs() {
      if (n < 2 || !(spreadT() > 0) || !(slope() > 0)) {
        return Double.NaN;
      }
      double intercept = (sumP - slope() * sumT) / n;
      return (100 - intercept) / slope();
    }

    /**
     * How uncertain {@link #finishMs()} is, in milliseconds: the line's standard error at the
     * finish over its slope; 0 with fewer than three readings (nothing to judge the scatter by).
     */
    double finishErrorMs() {
      double finish = finishMs();
      if (n < 3 || Double.isNaN(finish)) {
        return 0;
      }
      double fromMean = finish - sumT / n;
      return scatter() * Math.sqrt(1.0 / n + fromMean * fromMean / spreadT()) / slope();
    }

    /** How far the reading {@code p} at {@code t} lies above the line, in percentage points. */
    double residual(double t, double p) {
      double slope = slope();
      return p - ((sumP - slope * sumT) / n + slope * t);
    }

    /** The readings' standard deviation about the line, in percentage points; infinite with fewer than three. */
    double scatter() {
      if (n < 3 || !(spreadT() > 0)) {
        return Double.POSITIVE_INFINITY;
      }
      double slope = slope();
      double intercept = (sumP - slope * sumT) / n;
      double squares = sumPP - intercept * sumP - slope * sumTP;
      return Math.sqrt(Math.max(0, squares) / (n - 2));
    }
  }

  @Override
  public String toString() {
    if (lastAtMs < 0) {
      return "ProgressTrail[no reading]";
    }
    String percent = lastPercent.isPresent() ? lastPercent.getAsInt() + " %" : "no progress";
    return "ProgressTrail[" + percent + " at " + lastAtMs + " ms, finish " + (Double.isNaN(finishMs) ? "unknown"
        : Math.round(finishMs) + " ms" + (isSteady() ? " (steady)" : paced ? " (paced)" : "")) + "]";
  }
}
