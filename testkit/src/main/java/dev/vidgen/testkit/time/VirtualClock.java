package dev.vidgen.testkit.time;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;

/** A clock that reads the virtual time of a {@link VirtualTime}; it never moves by itself. */
final class VirtualClock extends Clock {
  private final VirtualTime time;
  private final ZoneId zone;

  VirtualClock(VirtualTime time, ZoneId zone) {
    this.time = time;
    this.zone = zone;
  }

  @Override
  public ZoneId getZone() {
    return zone;
  }

  @Override
  public Clock withZone(ZoneId zone) {
    Objects.requireNonNull(zone, "zone == null");
    return zone.equals(this.zone) ? this : new VirtualClock(time, zone);
  }

  @Override
  public Instant instant() {
    return time.now();
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof VirtualClock clock && clock.time == time && clock.zone.equals(zone);
  }

  @Override
  public int hashCode() {
    return System.identityHashCode(time) * 31 + zone.hashCode();
  }

  @Override
  public String toString() {
    return "VirtualClock[" + time.now() + "," + zone + "]";
  }
}
