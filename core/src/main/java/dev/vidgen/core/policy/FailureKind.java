package dev.vidgen.core.policy;

/** What went wrong with one provider call; what to do about it is in the {@link FailureTable}. */
public enum FailureKind {
  /** HTTP 429: too many requests; retried with backoff, honouring {@code Retry-After}. */
  RATE_LIMITED,
  /** HTTP 503: the server did no work. */
  UNAVAILABLE,
  /** HTTP 500 and other 5xx: a few short retries. */
  SERVER_ERROR,
  /** The connection failed before the request was sent: always safe to retry. */
  CONNECT_FAILED,
  /**
   * The request was sent but no answer from the service itself came back (a timeout, a dropped
   * connection, a gateway's error page): safe to retry a read, ambiguous for a create.
   */
  NO_RESPONSE,
  /** HTTP 401 or 403: the key is wrong or lacks permission; never retried. */
  AUTHENTICATION,
  /** HTTP 402: not enough credits; never retried. */
  INSUFFICIENT_QUOTA,
  /** HTTP 422: the content policy refused the job; never retried. */
  CONTENT_POLICY,
  /** HTTP 400 and other 4xx: the request is wrong; never retried. */
  REJECTED,
  /**
   * HTTP 404: no such task; believed at once, except while waiting for a task this client created. A result
   * link that is gone is of this kind too (never retried), though its task exists.
   */
  NOT_FOUND;

  /**
   * Whether the failure may go away by itself, as the {@link FailureTable} says (whether a retry
   * is wise also depends on the operation).
   */
  public boolean isTransient() {
    FailureTable.Retry retry = FailureTable.row(this).retry();
    return retry == FailureTable.Retry.RATE_LIMIT_BACKOFF || retry == FailureTable.Retry.SHORT_BACKOFF;
  }
}
