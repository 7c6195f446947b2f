package dev.vidgen.benchmarks;

import java.util.Arrays;
import java.util.List;

/** Medians and rounding for figures taken over several runs. */
public final class Stats {
  private Stats() {}

  /** The median of {@code values} (the mean of the middle two for an even count); NaN when empty. */
  public static double median(List<Double> values) {
    double[] sorted = values.stream().mapToDouble(Double::doubleValue).filter(v -> !Double.isNaN(v)).sorted().toArray();
    if (sorted.length == 0) {
      return Double.NaN;
    }
    int middle = sorted.length / 2;
    return sorted.length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  }

  /** The median of {@code values}. */
  public static double median(double... values) {
    return median(Arrays.stream(values).boxed().toList());
  }

  /** {@code value} rounded to four significant digits, for reading. */
  public static double round(double value) {
    if (Double.isNaN(value) || Double.isInfinite(value) || value == 0) {
      return value;
    }
    double scale = Math.pow(10, 3 - Math.floor(Math.log10(Math.abs(value))));
    return Math.round(value * scale) / scale;
  }
}
