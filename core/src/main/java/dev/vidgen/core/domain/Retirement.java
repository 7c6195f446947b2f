package dev.vidgen.core.domain;

import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * When and why a route stopped being offered, and which routes to choose instead. Validation
 * refuses a retired route unless the caller allows it (a reseller may still route it).
 *
 * @param on the day the route was retired
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
}
