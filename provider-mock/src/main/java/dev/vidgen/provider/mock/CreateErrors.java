package dev.vidgen.provider.mock;

import dev.vidgen.core.policy.FailureKind;
import dev.vidgen.core.policy.Operation;
import java.time.Duration;
import java.util.List;

/**
 * Creates answered with one HTTP status on purpose: the first few of this instance, or all of
 * them. Used up in call order, so deterministic; thread-safe.
 */
final class CreateErrors {
  /** The statuses a create can be told to answer, in the order the refusal lists them. */
  static final List<Integer> STATUSES = List.of(400, 401, 402, 403, 429, 500, 503);
  /** The {@code Retry-After} of a 429 on purpose: short, so that a run waits little for its retries. */
  static final Duration RETRY_AFTER = Duration.ofSeconds(1);

  private final Fault fault;
  /** How many creates are still to fail, or -1 for every one. */
  private long left;

  private CreateErrors(Fault fault, long left) {
    this.fault = fault;
    this.left = left;
  }

  /**
   * The first {@code times} creates answer {@code httpStatus}, or every create when {@code times}
   * is 0.
   *
   * @throws IllegalArgumentException for a status not in {@link #STATUSES} or negative {@code times}
   */
  static CreateErrors of(int httpStatus, int times) {
    requireKnown(httpStatus);
    if (times < 0) {
      throw new IllegalArgumentException("times must not be negative, was " + times);
    }
    return new CreateErrors(fault(httpStatus), times == 0 ? -1 : times);
  }

  /** Refuses a status not in {@link #STATUSES}. */
  static void requireKnown(int httpStatus) {
    if (!STATUSES.contains(httpStatus)) {
      throw new IllegalArgumentException("createErrors takes HTTP status " + listed() + ", was " + httpStatus);
    }
  }

  /** The statuses as a refusal lists them: "400, 401, …, 500 or 503". */
  static String listed() {
    List<String> all = STATUSES.stream().map(String::valueOf).toList();
    return String.join(", ", all.subList(0, all.size() - 1)) + " or " + all.get(all.size() - 1);
  }

  /** The fault for this create, or null once the first few are used up. */
  synchronized Fault next() {
    if (left == 0) {
      return null;
    }
    if (left > 0) {
      left--;
    }
    return fault;
  }

  private static Fault fault(int httpStatus) {
    FailureKind kind = switch (httpStatus) {
      case 400 -> FailureKind.REJECTED;
      case 401, 403 -> FailureKind.AUTHENTICATION;
      case 402 -> FailureKind.INSUFFICIENT_QUOTA;
      case 429 -> FailureKind.RATE_LIMITED;
      case 503 -> FailureKind.UNAVAILABLE;
      default -> FailureKind.SERVER_ERROR;
    };
    String usual = httpStatus == 403 ? "This key may not create tasks" : MockFailures.usualMessage(kind, Operation.CREATE);
    return new Fault(kind, httpStatus, usual + " (mock: HTTP " + httpStatus + " on purpose)",
        kind == FailureKind.RATE_LIMITED ? RETRY_AFTER : null, false);
  }
}
