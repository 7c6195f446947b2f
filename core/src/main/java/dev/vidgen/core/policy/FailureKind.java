package dev.vidgen.core.policy;

/** What went wrong with one provider call, as far as retrying is concerned. */
public enum FailureKind {
  /** HTTP 429: too many requests; retried with backoff, honouring {@code Retry-After}. */
  RATE_LIMITED(true),
  /** HTTP 503: the server did no work. */
  UNAVAILABLE(true),
  /** HTTP 500 and other 5xx: a few short retries. */
  SERVER_ERROR(true),
  /** The connection failed before the request was sent: always safe to retry. */
  CONNECT_FAILED(true),
  /** The request was sent but no answer came: safe to retry a read, ambiguous for a create. */
  NO_RESPONSE(true),
  /** HTTP 401 or 403: the key is wrong or lacks permission; never retried. */
  AUTHENTICATION(false),
  /** HTTP 402: not enough credits; never retried. */
  INSUFFICIENT_QUOTA(false),
  /** HTTP 422: the content policy refused the job; never retried. */
  CONTENT_POLICY(false),
  /** HTTP 400 and other 4xx: the request is wrong; never retried. */
  REJECTED(false),
  /** HTTP 404: no such task; never retried. */
  NOT_FOUND(false);

  private final boolean transientByNature;

  FailureKind(boolean transientByNature) {
    this.transientByNature = transientByNature;
  }

  /** Whether the failure may go away by itself (whether a retry is wise also depends on the operation). */
  public boolean isTransient() {
    return transientByNature;
  }
}
