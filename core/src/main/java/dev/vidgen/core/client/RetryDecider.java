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

  static RetryDecider of(RetryPolicy policy) {
    return policy::decide;
  }
}
