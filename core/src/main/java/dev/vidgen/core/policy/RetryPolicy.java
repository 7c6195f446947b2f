package dev.vidgen.core.policy;

import java.time.Duration;
import java.util.random.RandomGenerator;

/**
 * Decides, with no sleeping, whether and when a failed provider call is tried again, following
 * the provider's guidance: 400/401/402/404/422 never; 429 with exponential backoff and jitter,
 * honouring {@code Retry-After}; 500/503 a few short retries; a connection that failed before
 * sending always; an unanswered create never blindly. Immutable and thread-safe.
 */
public final class RetryPolicy {
  // TODO(policy helper): builder with tunables; real implementation and tests.

  private RetryPolicy() {}

  /** The policy vidgen uses unless told otherwise. */
  public static RetryPolicy defaults() {
    return new RetryPolicy();
  }

  /**
   * The decision after {@code failedAttempts} failures in a row (1 after the first failure).
   *
   * @param retryAfter the server's hint, or null
   * @param random the source of jitter
   */
  public RetryDecision decide(
      Operation operation, FailureKind kind, int failedAttempts, Duration retryAfter, RandomGenerator random) {
    return new RetryDecision.GiveUp("not implemented");
  }
}
