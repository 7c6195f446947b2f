package dev.vidgen.core.policy;

import java.time.Duration;
import java.util.Objects;

/** Checks of the durations the policies are tuned with, with messages that name the setting. */
final class DurationChecks {
  private static final Duration LONGEST = Duration.ofDays(365);

  private DurationChecks() {}

  static Duration requireNotNegative(Duration value, String name) {
    Objects.requireNonNull(value, name + " == null");
    if (value.isNegative()) {
      throw new IllegalArgumentException(name + " is negative: " + value);
    }
    if (value.compareTo(LONGEST) > 0) {
      throw new IllegalArgumentException(name + " is longer than a year: " + value);
    }
    return value;
  }

  static Duration requirePositive(Duration value, String name) {
    if (requireNotNegative(value, name).isZero()) {
      throw new IllegalArgumentException(name + " must be positive: " + value);
    }
    return value;
  }
}
