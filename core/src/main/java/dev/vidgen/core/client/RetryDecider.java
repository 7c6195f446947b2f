package dev.vidgen.core.client;

import dev.vidgen.core.policy.FailureKind;
import dev.vidgen.core.policy.Operation;
import dev.vidgen.core.policy.RetryDecision;
import dev.vidgen.core.policy.RetryPolicy;
import java.time.Duration;
import java.util.random.RandomGenerator;

/** The retry decision the loop asks for; {@link RetryPolicy#decide} in production, a script in tests. */
@FunctionalInterface
interface RetryDecider {
  RetryDecision decide(
      Operation operation, FailureKind kind, int failedAttempts, Duration retryAfter, RandomGenerator random);

  /**
   * {@link #decide}, for a failure that came with {@code httpStatus} (0 when none came);
   * {@link RetryPolicy#decideAnswered}. Scripts decide as {@link #decide} does.
   */
  default RetryDecision decideAnswered(Operation operation, FailureKind kind, int httpStatus, int failedAttempts,
      Duration retryAfter, RandomGenerator random) {
    return decide(operation, kind, failedAttempts, retryAfter, random);
  }

  /** After a "not found" for a task being waited on; {@link RetryPolicy#decideTaskNotFound}. Scripts believe it at once. */
  default RetryDecision decideTaskNotFound(int failedAttempts, RandomGenerator random) {
    return decide(Operation.READ, FailureKind.NOT_FOUND, failedAttempts, null, random);
  }

  /**
   * How often a create without a client reference is sent again after server errors;
   * {@link RetryPolicy#blindCreateResends}. Scripts allow one.
   */
  default int blindCreateResends() {
    return 1;
  }

  /**
   * How long a look-up of a fresh task may go on at most before "not found" is believed;
   * {@link RetryPolicy#notFoundGraceAtMost}. Scripts name none.
   */
  default Duration notFoundGraceAtMost() {
    return Duration.ZERO;
  }

  static RetryDecider of(RetryPolicy policy) {
    return new RetryDecider() {
      @Override
      public int blindCreateResends() {
        return policy.blindCreateResends();
      }

      @Override
      public RetryDecision decide(
          Operation operation, FailureKind kind, int failedAttempts, Duration retryAfter, RandomGenerator random) {
        return policy.decide(operation, kind, failedAttempts, retryAfter, random);
      }

      @Override
      public RetryDecision decideAnswered(Operation operation, FailureKind kind, int httpStatus,
          int failedAttempts, Duration retryAfter, RandomGenerator random) {
        return policy.decideAnswered(operation, kind, httpStatus, failedAttempts, retryAfter, random);
      }

      @Override
      public RetryDecision decideTaskNotFound(int failedAttempts, RandomGenerator random) {
        return policy.decideTaskNotFound(failedAttempts, random);
      }

      @Override
      public Duration notFoundGraceAtMost() {
        return policy.notFoundGraceAtMost();
      }
    };
  }
}
