package dev.vidgen.core.policy;

import java.util.random.RandomGenerator;

/** A random source whose {@code nextDouble()} is always the same value, so jitter is exact. */
final class FixedRandom implements RandomGenerator {
  private final double value;

  FixedRandom(double value) {
    if (!(value >= 0 && value < 1)) {
      throw new IllegalArgumentException("nextDouble() must be in [0, 1): " + value);
    }
    this.value = value;
  }

  /** Jitter at its lowest. */
  static FixedRandom lowest() {
    return new FixedRandom(0);
  }

  /** Jitter in the middle of its range. */
  static FixedRandom middle() {
    return new FixedRandom(0.5);
  }

  @Override
  public double nextDouble() {
    return value;
  }

  @Override
  public long nextLong() {
    throw new UnsupportedOperationException("the policies draw jitter with nextDouble() only");
  }
}
