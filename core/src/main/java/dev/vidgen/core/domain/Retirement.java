package dev.vidgen.core.domain;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * When and why a route stops being offered, and which routes to choose instead. From the day
 * {@code on}, validation refuses the route unless the caller allows retired routes (a reseller may
 * still route it); before that day the route works and validation warns that it will be retired.
 *
 * @param on the first day the route is retired
 * @param note why, in words a user understands
 * @param instead ids of routes to choose instead, best first; may be empty
 */
public record Retirement(LocalDate on, String note, List<String> instead) {
  /**
   * A retirement as given; {@code on} and {@code note} must not be null, and {@code instead} is copied
   * (null becomes empty).
   */
  public Retirement {
    Objects.requireNonNull(on, "on == null");
    Objects.requireNonNull(note, "note == null");
    instead = List.copyOf(instead == null ? List.of() : instead);
  }

  /** Whether the route is retired on {@code day}: on {@link #on()} and after it, not before. */
  public boolean inForceOn(LocalDate day) {
    return !Objects.requireNonNull(day, "day == null").isBefore(on);
  }
}
