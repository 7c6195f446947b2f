package dev.vidgen.core.domain;

import java.io.Serializable;
import java.util.Objects;

/**
 * The provider's opaque id for a created task; once a provider returns one, it is never lost.
 * Serializable, as the handles and exceptions that carry it are.
 */
public record TaskId(String value) implements Serializable {
  private static final long serialVersionUID = 1L;

  /**
   * A task id as given; {@code value} must not be null.
   *
   * @throws IllegalArgumentException if {@code value} is blank
   */
  public TaskId {
    Objects.requireNonNull(value, "value == null");
    if (value.isBlank()) {
      throw new IllegalArgumentException("task id is blank");
    }
  }

  /** A task id from its text form. */
  public static TaskId of(String value) {
    return new TaskId(value);
  }

  @Override
  public String toString() {
    return value;
  }
}
