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
  private final String code;
  private final java.util.Map<String, Object> beside;

  Refusal(int status, String field, String message, String next) {
    this(status, field, message, next, null, java.util.Map.of());
  }

  /** A refusal with a {@code code} the page may tell apart, and what the answer holds {@code beside} the error. */
  Refusal(int status, String field, String message, String next, String code, java.util.Map<String, Object> beside) {
    super(Objects.requireNonNull(message, "message == null"), null, false, false);
    this.status = status;
    this.field = field;
    this.next = next;
    this.code = code;
    this.beside = java.util.Map.copyOf(beside);
  }

  /** What kind of refusal it is (such as {@code invalid_routes}), or null. */
  String code() {
    return code;
  }

  /** What the answer holds beside its error (such as {@code problems}); empty when nothing. */
  java.util.Map<String, Object> beside() {
    return beside;
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
