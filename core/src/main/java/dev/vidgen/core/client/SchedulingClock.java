package dev.vidgen.core.client;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/** The client's {@link Scheduling} time as a {@link Clock} in UTC, so that validation's "today" is the client's. */
final class SchedulingClock extends Clock {
  private final Scheduling time;
  private final ZoneId zone;

  SchedulingClock(Scheduling time) {
    this(time, ZoneOffset.UTC);
  }

  private SchedulingClock(Scheduling time, ZoneId zone) {
    this.time = Objects.requireNonNull(time, "time == null");
    this.zone = Objects.requireNonNull(zone, "zone == null");
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    return new SchedulingClock(time, zone);
  }

  @Override
  public Instant instant() {
    return time.now();
  }
}
