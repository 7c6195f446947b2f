package dev.vidgen.testkit.time;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;

/**
 * The real time moved by a shift that a test sets while it runs: a fake provider's clock ahead of or
 * behind this machine's, or one a test moves on to end a task. Safe to shift from any thread.
 */
public final class ShiftedClock extends Clock {
  private volatile Duration shift = Duration.ZERO;

  /** Sets how far this clock is from the real time (negative: behind). */
  public void shift(Duration by) {
    shift = by;
  }

  @Override
  public ZoneId getZone() {
    return ZoneOffset.UTC;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return this;
  }

  @Override
  public Instant instant() {
    return Instant.now().plus(shift);
  }
}
