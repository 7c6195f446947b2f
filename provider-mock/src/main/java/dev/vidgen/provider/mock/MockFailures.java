package dev.vidgen.provider.mock;

import dev.vidgen.core.domain.TaskId;
import dev.vidgen.core.error.AmbiguousSubmitException;
import dev.vidgen.core.error.ProviderErrorDetails;
import dev.vidgen.core.error.ProviderException;
import dev.vidgen.core.policy.FailureKind;
import dev.vidgen.core.policy.Operation;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;

/** Turns scripted faults into the errors, codes and headers the real service sends. */
final class MockFailures {
  static final String PROVIDER_ID = "mock";
  static final Duration DEFAULT_RETRY_AFTER = Duration.ofSeconds(5);

  private MockFailures() {}

  /**
   * The exception for {@code fault} on a call of kind {@code operation}.
   *
   * @param requestId the request id the "server" gave the call; ignored when no answer came
   * @param taskId the task concerned, or null
   * @param clientReference the client reference sent with a create, or null
   */
  static ProviderException exception(
      Fault fault,
      Operation operation,
      String requestId,
      Instant now,
      TaskId taskId,
      String clientReference) {
    FailureKind kind = fault.kind();
    int status = fault.httpStatus() > 0 ? fault.httpStatus() : usualStatus(kind);
    String message = fault.message() != null ? fault.message() : usualMessage(kind, operation);
    ProviderErrorDetails details =
        ProviderErrorDetails.of(PROVIDER_ID, status, status == 0 ? null : code(kind), message);
    if (status > 0) {
      details = details.withRequestId(requestId);
    }
    if (kind == FailureKind.RATE_LIMITED) {
      Duration wait = fault.retryAfter() != null ? fault.retryAfter() : DEFAULT_RETRY_AFTER;
      details = details.withRetryAfter(wait).withRateLimit(rateLimitHeaders(operation, now, wait));
    } else if (fault.retryAfter() != null) {
      details = details.withRetryAfter(fault.retryAfter());
    }
    if (taskId != null) {
      details = details.withTaskId(taskId);
    }
    if (operation == Operation.CREATE && kind == FailureKind.NO_RESPONSE) {
      return new AmbiguousSubmitException(details, clientReference, null);
    }
    return ProviderException.of(kind, details, null);
  }

  /** HTTP 400 for a request the service would refuse, such as an invalid job. */
  static ProviderException rejected(String requestId, String message) {
    return ProviderException.of(
        FailureKind.REJECTED,
        ProviderErrorDetails.of(PROVIDER_ID, 400, code(FailureKind.REJECTED), message)
            .withRequestId(requestId),
        null);
  }

  /** HTTP 404 for an unknown task or video. */
  static ProviderException notFound(String requestId, TaskId taskId, String message) {
    ProviderErrorDetails details =
        ProviderErrorDetails.of(PROVIDER_ID, 404, code(FailureKind.NOT_FOUND), message)
            .withRequestId(requestId);
    return ProviderException.of(
        FailureKind.NOT_FOUND, taskId == null ? details : details.withTaskId(taskId), null);
  }

  static int usualStatus(FailureKind kind) {
    return switch (kind) {
      case RATE_LIMITED -> 429;
      case UNAVAILABLE -> 503;
      case SERVER_ERROR -> 500;
      case CONNECT_FAILED, NO_RESPONSE -> 0;
      case AUTHENTICATION -> 401;
      case INSUFFICIENT_QUOTA -> 402;
      case CONTENT_POLICY -> 422;
      case REJECTED -> 400;
      case NOT_FOUND -> 404;
    };
  }

  private static String code(FailureKind kind) {
    return switch (kind) {
      case RATE_LIMITED -> "rate_limit_exceeded";
      case UNAVAILABLE -> "rate_limit_unavailable";
      case SERVER_ERROR -> "internal_error";
      case CONNECT_FAILED, NO_RESPONSE -> null;
      case AUTHENTICATION -> "unauthorized";
      case INSUFFICIENT_QUOTA -> "insufficient_quota";
      case CONTENT_POLICY -> "content_policy_violation";
      case REJECTED -> "invalid_request";
      case NOT_FOUND -> "task_not_found";
    };
  }

  static String usualMessage(FailureKind kind, Operation operation) {
    return switch (kind) {
      case RATE_LIMITED -> "Rate limit exceeded for " + category(operation) + ", please retry later";
      case UNAVAILABLE -> "Service temporarily unavailable, please retry later";
      case SERVER_ERROR -> "Internal server error";
      case CONNECT_FAILED -> "connection refused before the request was sent";
      case NO_RESPONSE -> "the request was sent but no response arrived (read timed out)";
      case AUTHENTICATION -> "Invalid API key";
      case INSUFFICIENT_QUOTA -> "Insufficient credits, please top up";
      case CONTENT_POLICY -> "The request was blocked by the content policy";
      case REJECTED -> "Invalid request";
      case NOT_FOUND -> "Task not found";
    };
  }

  private static String category(Operation operation) {
    return operation == Operation.CREATE ? "async_submit" : "async_query";
  }

  private static Map<String, String> rateLimitHeaders(
      Operation operation, Instant now, Duration wait) {
    boolean submit = operation == Operation.CREATE;
    return Map.of(
        "x-ratelimit-category", category(operation),
        "x-ratelimit-limit", submit ? "300" : "3000",
        "x-ratelimit-remaining", "0",
        "x-ratelimit-reset", Long.toString(now.plus(wait).getEpochSecond()));
  }
}
