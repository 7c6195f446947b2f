package dev.vidgen.provider.mock;

import dev.vidgen.core.policy.FailureKind;
import java.time.Duration;
import java.util.Objects;

/**
 * One scripted failure of one call.
 *
 * @param httpStatus the status to report, or 0 for the kind's usual status
 * @param message the message to report, or null for the kind's usual message
 * @param retryAfter the {@code Retry-After} to report, or null
 * @param taskCreated for an unanswered create: whether the task was made all the same
 */
record Fault(
    FailureKind kind, int httpStatus, String message, Duration retryAfter, boolean taskCreated) {

  Fault {
    Objects.requireNonNull(kind, "kind == null");
  }

  static Fault of(FailureKind kind) {
    return new Fault(kind, 0, null, null, false);
  }
}
