package dev.vidgen.core.client;

import java.util.random.RandomGenerator;

/**
 * Shares one generator between scheduler threads; a seeded one stays reproducible on one thread.
 * The policies draw doubles and the client draws longs, both passed to the delegate under the
 * lock; every other draw is the interface's default, built on {@link #nextLong()}.
 */
final class LockedRandom implements RandomGenerator {
  private final RandomGenerator delegate;

  LockedRandom(RandomGenerator delegate) {
    this.delegate = delegate;
  }

  @Override
  public synchronized long nextLong() {
    return delegate.nextLong();
  }

  @Override
  public synchronized double nextDouble() {
    return delegate.nextDouble();
  }
}
