package dev.vidgen.core.client;

import java.util.random.RandomGenerator;

/** Shares one generator between scheduler threads; a seeded one stays reproducible on one thread. */
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

  @Override
  public synchronized double nextDouble(double bound) {
    return delegate.nextDouble(bound);
  }

  @Override
  public synchronized double nextDouble(double origin, double bound) {
    return delegate.nextDouble(origin, bound);
  }

  @Override
  public synchronized int nextInt() {
    return delegate.nextInt();
  }

  @Override
  public synchronized int nextInt(int bound) {
    return delegate.nextInt(bound);
  }

  @Override
  public synchronized int nextInt(int origin, int bound) {
    return delegate.nextInt(origin, bound);
  }

  @Override
  public synchronized long nextLong(long bound) {
    return delegate.nextLong(bound);
  }

  @Override
  public synchronized long nextLong(long origin, long bound) {
    return delegate.nextLong(origin, bound);
  }

  @Override
  public synchronized boolean nextBoolean() {
    return delegate.nextBoolean();
  }
}
