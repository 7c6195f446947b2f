package dev.vidgen.core.domain;

import java.util.Objects;

/** Why a task failed, in the provider's words: a code such as {@code generation_failed}, a message. */
public record TaskFailure(String code, String message) {
  /** A failure as given; neither {@code code} nor {@code message} may be null. */
  public TaskFailure {
    Objects.requireNonNull(code, "code == null");
    Objects.requireNonNull(message, "message == null");
  }

  @Override
  public String toString() {
    return code + ": " + message;
  }
}
