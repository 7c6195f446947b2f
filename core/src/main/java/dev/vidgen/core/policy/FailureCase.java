package dev.vidgen.core.policy;

/**
 * Every way a job can go wrong, as the one {@link FailureTable} knows them: one case per {@link
 * FailureKind} of a provider call, and the outcomes that are no single call's failure.
 */
public enum FailureCase {
  /** {@link FailureKind#RATE_LIMITED}. */
  RATE_LIMITED,
  /** {@link FailureKind#UNAVAILABLE}. */
  UNAVAILABLE,
  /** {@link FailureKind#SERVER_ERROR}. */
  SERVER_ERROR,
  /** {@link FailureKind#CONNECT_FAILED}. */
  CONNECT_FAILED,
  /** {@link FailureKind#NO_RESPONSE}. */
  NO_RESPONSE,
  /** {@link FailureKind#AUTHENTICATION}. */
  AUTHENTICATION,
  /** {@link FailureKind#INSUFFICIENT_QUOTA}. */
  INSUFFICIENT_QUOTA,
  /** {@link FailureKind#CONTENT_POLICY}. */
  CONTENT_POLICY,
  /** {@link FailureKind#REJECTED}. */
  REJECTED,
  /** {@link FailureKind#NOT_FOUND}. */
  NOT_FOUND,
  /** A create was sent and may have made a task, which no look-up found or could find. */
  AMBIGUOUS_CREATE,
  /** The job broke a route's rules; nothing was sent. */
  INVALID_JOB,
  /** The provider's settings are unusable, or no provider could be chosen; nothing was sent. */
  SETTINGS,
  /** The job costs more than the budget allows; nothing was sent. */
  OVER_BUDGET,
  /** The task ended as failed at the provider. */
  TASK_FAILED,
  /** The wait's deadline passed while the task was still running. */
  DEADLINE,
  /** The finished video's link expired before it was fetched. */
  RESULT_EXPIRED,
  /** The finished video's link was refused (403, 404, 410) before its expiry: read the task again for a fresh one. */
  RESULT_UNAVAILABLE,
  /** The task completed, but the video it names cannot be used (a link that is not http(s)): never fetched. */
  RESULT_UNUSABLE,
  /** Anything else: a bug, a full disk, an unreadable file. */
  INTERNAL;

  /** The case of a provider call that failed with {@code kind}. */
  public static FailureCase of(FailureKind kind) {
    return switch (kind) {
      case RATE_LIMITED -> RATE_LIMITED;
      case UNAVAILABLE -> UNAVAILABLE;
      case SERVER_ERROR -> SERVER_ERROR;
      case CONNECT_FAILED -> CONNECT_FAILED;
      case NO_RESPONSE -> NO_RESPONSE;
      case AUTHENTICATION -> AUTHENTICATION;
      case INSUFFICIENT_QUOTA -> INSUFFICIENT_QUOTA;
      case CONTENT_POLICY -> CONTENT_POLICY;
      case REJECTED -> REJECTED;
      case NOT_FOUND -> NOT_FOUND;
    };
  }
}
