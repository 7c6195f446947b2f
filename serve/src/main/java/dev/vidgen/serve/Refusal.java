package dev.vidgen.serve;

import java.util.Objects;

/**
 * A request the playground refuses, with the HTTP status, what was wrong and what to do; the
 * page shows both next to the field concerned.
 */
final class Refusal extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int status;
  private final String field;
  private final String next;

  Refusal(int status, String field, String message, String next) {
    super(Objects.requireNonNull(message, "message == null"), null, false, false);
    this.status = status;
    this.field = field;
    this.next = next;
  }

  int status() {
    return status;
  }

  /** The form field concerned, or null. */
  String field() {
    return field;
  }

  /** What to do about it, or null. */
  String next() {
    return next;
  }
}
