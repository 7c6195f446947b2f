package dev.vidgen.core.error;

import dev.vidgen.core.policy.FailureKind;

/** HTTP 429: still rate limited after vidgen's retries; {@link #retryAfter()} says when to come back. */
public final class RateLimitedException extends RetriableProviderException {
  private static final long serialVersionUID = 1L;

  /** How many tries the call had before vidgen stopped retrying it; 0 when not said. */
  private final int tries;

  /** An error for {@code details}, as the provider's answer gave them; {@code cause} may be null. */
  public RateLimitedException(ProviderErrorDetails details, Throwable cause) {
    this(details, cause, 0);
  }

  private RateLimitedException(ProviderErrorDetails details, Throwable cause, int tries) {
    super(details, cause);
    this.tries = tries;
  }

  /**
   * The same error, said as the end of a call that vidgen stopped retrying after {@code tries} tries
   * (its message says so); this exception becomes its cause.
   *
   * @throws IllegalArgumentException when {@code tries} is below 1
   */
  public RateLimitedException gaveUpAfter(int tries) {
    if (tries < 1) {
      throw new IllegalArgumentException("tries must be at least 1: " + tries);
    }
    return new RateLimitedException(details(), this, tries);
  }

  /** How many tries the call had before vidgen stopped retrying it; 0 when this error does not say. */
  public int tries() {
    return tries;
  }

  /** The provider's words, then, once vidgen gave up, how many tries were made. */
  @Override
  public String getMessage() {
    String message = super.getMessage();
    if (tries == 0) {
      return message;
    }
    return message + (tries == 1 ? "; rate limited at the first try, which vidgen did not retry"
        : "; still rate limited after " + tries + " tries, so vidgen stopped retrying");
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
