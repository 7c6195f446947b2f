package dev.vidgen.testkit.toapis;

import java.util.Objects;

/**
 * What one fake task does: complete (the default), fail with a code and message, or never
 * finish; optionally reporting an undocumented pending status (such as {@code submitted}) while
 * queued, taking its own {@link Lifecycle}, or leaving out every optional field.
 *
 * @param failureCode a String or a Number (ToAPIs sends both), for {@link Outcome#FAILS}
 * @param pendingStatus the status word while queued ({@code queued} unless changed)
 * @param lifecycle null to use the server's
 * @param omitsOptionalFields whether optional fields (progress, metadata, completed_at, expires_at) are left out
 */
public record TaskScript(
    Outcome outcome, Object failureCode, String failureMessage, String pendingStatus,
    Lifecycle lifecycle, boolean omitsOptionalFields) {

  /** How the task ends. */
  public enum Outcome {
    COMPLETES,
    FAILS,
    NEVER_FINISHES
  }

  public TaskScript {
    Objects.requireNonNull(outcome, "outcome == null");
    pendingStatus = pendingStatus == null ? "queued" : pendingStatus;
  }

  /** Completes with the sample video. */
  public static TaskScript completes() {
    return new TaskScript(Outcome.COMPLETES, null, null, null, null, false);
  }

  /** Fails with {@code error: {code, message}}. */
  public static TaskScript fails(Object code, String message) {
    Objects.requireNonNull(code, "code == null");
    Objects.requireNonNull(message, "message == null");
    return new TaskScript(Outcome.FAILS, code, message, null, null, false);
  }

  /** Stays pending (queued, then in progress below 100%) forever. */
  public static TaskScript neverFinishes() {
    return new TaskScript(Outcome.NEVER_FINISHES, null, null, null, null, false);
  }

  /** The same, reporting {@code status} instead of {@code queued} while queued. */
  public TaskScript pendingAs(String status) {
    return new TaskScript(outcome, failureCode, failureMessage, status, lifecycle, omitsOptionalFields);
  }

  /** The same, with its own lifecycle. */
  public TaskScript taking(Lifecycle lifecycle) {
    return new TaskScript(outcome, failureCode, failureMessage, pendingStatus, lifecycle, omitsOptionalFields);
  }

  /** The same, leaving out every field the docs call optional. */
  public TaskScript sparse() {
    return new TaskScript(outcome, failureCode, failureMessage, pendingStatus, lifecycle, true);
  }
}
