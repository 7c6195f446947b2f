package dev.vidgen.core.policy;

import java.util.Arrays;

/**
 * Poll times, counted from a task's creation, for a route whose earlier durations are known and
 * whose tasks report no progress. With the hazard {@code h(t)} (the chance to finish right after
 * {@code t} having run that long) the wait that balances lag against requests is about {@code
 * sqrt(2λ/h(t))}: none before the durations seen, dense where finishing is likely. {@code h} comes
 * from a smooth estimate (Epanechnikov kernels on the log of the samples, so that it is zero
 * before the shortest sample and after the longest, less a kernel's width), but the first poll comes
 * at the schedule's first delay at the latest, whatever the samples say; {@code λ} is the smallest
 * that keeps the expected requests, under that estimate, at {@value #REQUEST_SHARE} of the unguided
 * pace's and every poll within the schedule's budget (a plan with no poll at all is too sparse,
 * whatever it would cost). The plan ends where
 * the estimate leaves almost no task running; after it the pace is the unguided one.
 */
final class LearnedPlan {
  /** Fewer samples than this teach nothing: the schedule keeps to the unguided pace. */
  static final int MIN_SAMPLES = 10;
  /** The share of the unguided pace's requests the plan may spend (leaving room for what the samples missed). */
  static final double REQUEST_SHARE = 0.95;

  private static final int GRID = 1_500;
  /** The share of tasks still running below which the budget may hold polls back. */
  private static final double CAPPED_TAIL = 0.15;
  /** The narrowest kernel, on the log of the durations (±5 %). */
  private static final double MIN_WIDTH = 0.05;

  /** What a plan depends on besides the samples, in seconds. */
  record Settings(double firstS, double unguidedS, double minS, double budgetS, int spare) {
    /** The earliest the schedule's budget allows the {@code k}-th poll (from 1). */
    double allowedAt(int k) {
      return (k - spare) * budgetS;
    }
  }

  private final Settings settings;
  private final double[] times;

  private LearnedPlan(Settings settings, double[] times) {
    this.settings = settings;
    this.times = times;
  }

  Settings settings() {
    return settings;
  }

  /** Whether the plan has poll times (too few samples, or none that fit the budget, give none). */
  boolean isEmpty() {
    return times.length == 0;
  }

  /** The first planned time after {@code seconds}, or NaN when the plan has none left. */
  double nextAfter(double seconds) {
    int index = firstAbove(times, seconds);
    return index < times.length ? times[index] : Double.NaN;
  }

  /** The spacing around the planned time {@code at}: the smaller of the gaps either side. */
  double spacingAt(double at) {
    int index = Math.max(0, Math.min(times.length - 1, Arrays.binarySearch(times, at)));
    double before = index == 0 ? times[0] : times[index] - times[index - 1];
    double after = index + 1 < times.length ? times[index + 1] - times[index] : settings.unguidedS();
    return Math.min(before, after);
  }

  static LearnedPlan of(double[] sorted, Settings settings) {
    if (sorted.length < MIN_SAMPLES) {
      return new LearnedPlan(settings, new double[0]);
    }
    double[] logs = Arrays.stream(sorted).map(Math::log).toArray();
    double width = kernelWidth(logs);
    double step = sorted[sorted.length - 1] * Math.exp(width) / GRID;
    double[] surviving = new double[GRID];
    double[] rootHazard = new double[GRID];
    for (int i = 0; i < GRID; i++) {
      double[] point = smoothed((i + 1) * step, logs, width);
      surviving[i] = point[0];
      rootHazard[i] = Math.sqrt(point[1] / Math.max(1e-9, point[0]));
    }
    Survival survival = new Survival(surviving, step);
    double budget = REQUEST_SHARE * survival.requests(new double[0], settings);
    double low = Math.log(1e-6 * sorted[0]);
    double high = Math.log(1e6 * sorted[sorted.length - 1]);
    double[] best = null;
    for (int round = 0; round < 40; round++) {
      double logLambda = (low + high) / 2;
      double[] times = times(rootHazard, step, Math.exp(logLambda), settings, survival);
      // The first delay's read alone is no plan either: it is too sparse, whatever it would cost.
      boolean none = times.length == 0 || times.length == 1 && times[0] == settings.firstS();
      if (none || times[0] >= 0 && survival.requests(times, settings) <= budget) {
        best = none ? best : times;
        high = logLambda;
      } else {
        low = logLambda;
      }
    }
    return new LearnedPlan(settings, best == null ? new double[0] : best);
  }

  /** The kernel's half-width on the log of the durations: Silverman's rule on a robust spread, floored. */
  private static double kernelWidth(double[] logs) {
    int n = logs.length;
    double mean = Arrays.stream(logs).average().orElse(0);
    double sd = Math.sqrt(Arrays.stream(logs).map(x -> (x - mean) * (x - mean)).sum() / Math.max(1, n - 1));
    double iqr = (logs[(3 * n) / 4] - logs[n / 4]) / 1.349;
    double spread = iqr > 0 ? Math.min(sd, iqr) : sd;
    return Math.max(2.34 * spread * Math.pow(n, -0.2), MIN_WIDTH);
  }

  /**
   * The smoothed share of tasks still running at {@code t}, and the density of finishing there (per
   * second), from Epanechnikov kernels of half-width {@code width} on the log of the samples.
   */
  private static double[] smoothed(double t, double[] logs, double width) {
    double x = Math.log(t);
    int from = firstAbove(logs, x - width);
    int to = firstAbove(logs, x + width);
    double finished = from;
    double density = 0;
    for (int i = from; i < to; i++) {
      double u = (x - logs[i]) / width;
      finished += 0.5 + 0.75 * u - 0.25 * u * u * u;
      density += 0.75 * (1 - u * u);
    }
    return new double[] {Math.max(0, 1 - finished / logs.length), density / (logs.length * width * t)};
  }

  /**
   * Poll times where the poll rate {@code sqrt(h/2λ)} adds up to one, capped by the minimum interval.
   * A poll the schedule's budget does not allow yet waits until it does; where more than {@value
   * #CAPPED_TAIL} of the tasks still run, that makes the plan unusable (its first time is then
   * negative), as the budget would bunch its polls where finishing is likely.
   */
  private static double[] times(double[] rootHazard, double step, double lambda, Settings settings, Survival survival) {
    double[] times = new double[64];
    int count = 0;
    double gathered = 0;
    double factor = 1 / Math.sqrt(2 * lambda);
    boolean bunched = false;
    for (int i = 0; i < rootHazard.length; i++) {
      double t = (i + 1) * step;
      if (count == 0 && t >= settings.firstS()) {
        // The schedule reads every task at its first delay at the latest, so the plan counts that read.
        times[count++] = settings.firstS();
        gathered = 0;
      }
      gathered += Math.min(1 / settings.minS(), rootHazard[i] * factor) * step;
      if (gathered >= 1 && t < settings.allowedAt(count + 1)) {
        bunched |= survival.at(t) > CAPPED_TAIL;
        gathered = 1;
      } else if (gathered >= 1) {
        gathered -= 1;
        if (count == times.length) {
          times = Arrays.copyOf(times, count * 2);
        }
        times[count++] = t;
      }
    }
    double[] plan = Arrays.copyOf(times, count);
    if (bunched && count > 0) {
      plan[0] = -1;
    }
    return plan;
  }

  /** The smoothed survival on the grid ({@code surviving[i]} at {@code (i+1)·step}), zero beyond it. */
  private record Survival(double[] surviving, double step) {
    double at(double t) {
      int index = (int) Math.ceil(t / step) - 1;
      return index < 0 ? 1 : index >= surviving.length ? 0 : surviving[index];
    }

    /** Expected status requests per task: one more poll after each time the task is still running. */
    double requests(double[] times, Settings settings) {
      double total = 1;
      for (double t : times) {
        total += at(t);
      }
      double end = surviving.length * step;
      for (double t = times.length == 0 ? settings.firstS() : times[times.length - 1] + settings.unguidedS(); t < end;
          t += settings.unguidedS()) {
        total += at(t);
      }
      return total;
    }
  }

  private static int firstAbove(double[] sorted, double value) {
    return firstAtOrAbove(sorted, Math.nextUp(value));
  }

  private static int firstAtOrAbove(double[] sorted, double value) {
    int low = 0;
    int high = sorted.length;
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (sorted[mid] < value) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return low;
  }
}
