package dev.vidgen.cli;

import java.time.Duration;

/**
 * Free reads whose failure only draws a warning (a batch's or a dry run's balance, the status of a follow-on's
 * source) wait this long at most, as the library's check before a create does for the balance and the live model
 * list: the provider's own call timeout (a minute or two) is not waited out in silence.
 */
final class FreeReads {
  /** As core's {@code LiveModelCheck.READ_TIMEOUT}. */
  static final Duration TIMEOUT = Duration.ofSeconds(20);

  private FreeReads() {}
}
