package dev.vidgen.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A failure the command itself found (a missing key, an unreadable task id, a task not finished
 * yet), with its exit code, a stable kind for {@code --json} and the next step for people.
 */
final class CliException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final int exitCode;
  private final String kind;
  private final String next;
  /** Fields a {@code --json} answer carries beside its {@code error} (such as the earlier task of the same job). */
  private final java.util.Map<String, Object> fields;

  CliException(int exitCode, String kind, String message, String next) {
    this(exitCode, kind, message, next, java.util.Map.of());
  }

  CliException(int exitCode, String kind, String message, String next, java.util.Map<String, Object> fields) {
    super(Objects.requireNonNull(message, "message == null"));
    this.exitCode = exitCode;
    this.kind = Objects.requireNonNull(kind, "kind == null");
    this.next = next;
    this.fields = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fields));
  }

  /**
   * A failure whose next step may name a command to run as it is: its words are {@link #next()}, and the command alone
   * is the {@code --json} answer's {@code next_command} (null when it names none).
   */
  CliException(int exitCode, String kind, String message, NextStep next) {
    this(exitCode, kind, message, next.words(), nextCommandOf(next));
  }

  private static Map<String, Object> nextCommandOf(NextStep next) {
    Map<String, Object> fields = new LinkedHashMap<>();
    fields.put("next_command", next.command());
    return fields;
  }

  /** A mistake on the command line; nothing was sent. */
  static CliException usage(String message, String next) {
    return new CliException(ExitCodes.INVALID_JOB, "usage", message, next);
  }

  int exitCode() {
    return exitCode;
  }

  String kind() {
    return kind;
  }

  /** What to do about it, or null. */
  String next() {
    return next;
  }

  /** Fields for the {@code --json} answer beside its {@code error}; none for most failures. */
  java.util.Map<String, Object> fields() {
    return fields;
  }
}
