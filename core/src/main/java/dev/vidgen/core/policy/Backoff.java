package dev.vidgen.core.policy;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Exponential backoff: {@code first}, doubled on each retry up to {@code cap}, then lengthened at
 * random by up to {@code jitter} of itself (never shortened).
 */
record Backoff(Duration first, Duration cap, double jitter) {
  Backoff {
    DurationChecks.requirePositive(first, "first backoff");
    DurationChecks.requireNotNegative(cap, "backoff cap");
    if (cap.compareTo(first) < 0) {
      throw new IllegalArgumentException("backoff cap " + cap + " is shorter than the first wait " + first);
    }
    if (!(jitter >= 0 && jitter <= 1)) {
      throw new IllegalArgumentException("jitter must be from 0 to 1: " + jitter);
    }
  }

  /** The wait before retry number {@code retry} (1 for the first retry). */
  Duration delay(int retry, RandomGenerator random) {
    double doubled = first.toMillis() * Math.pow(2, Math.min(retry - 1, 40));
    double nominal = Math.min(doubled, cap.toMillis());
    return Duration.ofMillis(Math.round(nominal * (1 + jitter * random.nextDouble())));
  }

  /** The longest wait before retry number {@code retry}: its jitter in full. */
  Duration atMost(int retry) {
    double doubled = first.toMillis() * Math.pow(2, Math.min(retry - 1, 40));
    return Duration.ofMillis(Math.round(Math.min(doubled, cap.toMillis()) * (1 + jitter)));
  }

  @Override
  public String toString() {
    return FailureText.seconds(first) + " doubling to " + FailureText.seconds(cap) + " +" + Math.round(jitter * 100) + " %";
  }
}
