package dev.vidgen.core.error;

import dev.vidgen.core.policy.FailureKind;

/** HTTP 429: still rate limited after vidgen's retries; {@link #retryAfter()} says when to come back. */
public final class RateLimitedException extends RetriableProviderException {
  private static final long serialVersionUID = 1L;

  /** An error for {@code details}, as the provider's answer gave them; {@code cause} may be null. */
  public RateLimitedException(ProviderErrorDetails details, Throwable cause) {
    super(details, cause);
  }

  @Override
  public FailureKind kind() {
    return FailureKind.RATE_LIMITED;
  }

  @Override
  public String docsAnchor() {
    return "rate-limited";
  }
}
