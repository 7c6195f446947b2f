package dev.vidgen.batch;

import java.util.Locale;

/** Why something failed, in words for a job's line: its message, never a Java class name. */
final class CauseWords {
  private CauseWords() {}

  /** {@code cause}'s own message; one without a message is named by its kind in words ("journal exception"). */
  static String of(Throwable cause) {
    String message = cause.getMessage();
    if (message != null && !message.isBlank()) {
      return message.strip();
    }
    return cause.getClass().getSimpleName().replaceAll("([a-z0-9])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT)
        + ", without a message";
  }
}
