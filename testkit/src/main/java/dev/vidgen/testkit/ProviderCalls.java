package dev.vidgen.testkit;

import static org.assertj.core.api.Assertions.fail;

import dev.vidgen.core.policy.FailureKind;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Waiting on provider futures with a bound (so a future that never completes fails the test
 * instead of hanging it), and the HTTP status each failure kind carries on the wire.
 */
public final class ProviderCalls {
  /** Bounds every wait, so a provider that never completes a future fails instead of hanging. */
  public static final long WAIT_SECONDS = 30;

  private ProviderCalls() {}

  /** The future's value; fails the test if it fails or does not complete in time. */
  public static <T> T await(CompletableFuture<T> future) {
    try {
      return future.get(WAIT_SECONDS, TimeUnit.SECONDS);
    } catch (ExecutionException e) {
      throw new AssertionError("expected success but the call failed: " + e.getCause(), e.getCause());
    } catch (TimeoutException e) {
      throw new AssertionError("the future did not complete within " + WAIT_SECONDS + " s");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /** The exception {@code future} failed with; fails the test if it succeeds. */
  public static Throwable failureOf(CompletableFuture<?> future) {
    try {
      Object value = future.get(WAIT_SECONDS, TimeUnit.SECONDS);
      return fail("expected the call to fail but it gave " + value);
    } catch (ExecutionException | CompletionException e) {
      return e.getCause();
    } catch (TimeoutException e) {
      return fail("the future did not complete within " + WAIT_SECONDS + " s");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return fail("interrupted");
    }
  }

  /** The HTTP status a failure of {@code kind} carries, or 0 when no response came. */
  public static int httpStatusOf(FailureKind kind) {
    return switch (kind) {
      case RATE_LIMITED -> 429;
      case UNAVAILABLE -> 503;
      case SERVER_ERROR -> 500;
      case AUTHENTICATION -> 401;
      case INSUFFICIENT_QUOTA -> 402;
      case CONTENT_POLICY -> 422;
      case REJECTED -> 400;
      case NOT_FOUND -> 404;
      case CONNECT_FAILED, NO_RESPONSE -> 0;
    };
  }
}
