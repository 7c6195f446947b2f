package dev.vidgen.core.validation;

import java.util.Objects;

/**
 * One problem with a job: the field, a stable code, what was given, what is allowed and a
 * sentence for people that names both. Errors block a job; warnings do not.
 *
 * @param field the job field as named in JSON jobs, such as {@code seconds}, {@code aspect_ratio},
 *     {@code images[0]} or {@code params.seed}
 * @param code a stable machine-readable code, such as {@code seconds.not_offered}
 * @param given what the job had, as text (null when the field was missing)
 * @param allowed what the route accepts, as text
 * @param message the whole sentence, such as "seconds: 6 is not offered by
 *     grok-video-1.5-preview; choose 10 or 15"
 */
public record Violation(
    Severity severity, String field, String code, String given, String allowed, String message) {

  /** Whether a violation blocks the job. */
  public enum Severity {
    /** Blocks the job: it is not sent. */
    ERROR,
    /** Worth knowing, but the job may still be sent. */
    WARNING
  }

  /** A violation as given; {@code severity}, {@code field}, {@code code} and {@code message} must not be null. */
  public Violation {
    Objects.requireNonNull(severity, "severity == null");
    Objects.requireNonNull(field, "field == null");
    Objects.requireNonNull(code, "code == null");
    Objects.requireNonNull(message, "message == null");
  }

  /** An error. */
  public static Violation error(String field, String code, String given, String allowed, String message) {
    return new Violation(Severity.ERROR, field, code, given, allowed, message);
  }

  /** A warning. */
  public static Violation warning(String field, String code, String given, String allowed, String message) {
    return new Violation(Severity.WARNING, field, code, given, allowed, message);
  }

  /** Whether this violation blocks the job. */
  public boolean isError() {
    return severity == Severity.ERROR;
  }

  @Override
  public String toString() {
    return message;
  }
}
