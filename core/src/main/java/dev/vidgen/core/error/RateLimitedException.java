package dev.vidgen.core.error;

import dev.vidgen.core.policy.FailureKind;

/** HTTP 429: still rate limited after vidgen's retries; {@link #retryAfter()} says when to come back. */
public final class RateLimitedException extends RetriableProviderException {
  private static final long serialVersionUID = 1L;

  /** How many tries the call had before vidgen stopped retrying it; 0 when not said. */
  private final int tries;
  /** Why vidgen stopped when it was not the number of tries (a Retry-After over its cap); null otherwise. */
  private final String why;

  /** An error for {@code details}, as the provider's answer gave them; {@code cause} may be null. */
  public RateLimitedException(ProviderErrorDetails details, Throwable cause) {
    this(details, cause, 0, null);
  }

  private RateLimitedException(ProviderErrorDetails details, Throwable cause, int tries, String why) {
    super(details, cause);
    this.tries = tries;
    this.why = why;
  }

  /**
   * The same error, said as the end of a call that vidgen stopped retrying after {@code tries} tries
   * (its message says so); this exception becomes its cause.
   *
   * @throws IllegalArgumentException when {@code tries} is below 1
   */
  public RateLimitedException gaveUpAfter(int tries) {
    return gaveUpAfter(tries, null);
  }

  /**
   * {@link #gaveUpAfter(int)}, with why vidgen stopped when it was not the number of tries, such as
   * "the server asked to wait 3600 s (Retry-After), longer than the 120 s this policy waits"; null
   * for none.
   *
   * @throws IllegalArgumentException when {@code tries} is below 1
   */
  public RateLimitedException gaveUpAfter(int tries, String why) {
    if (tries < 1) {
      throw new IllegalArgumentException("tries must be at least 1: " + tries);
    }
    return new RateLimitedException(details(), this, tries, why == null || why.isBlank() ? null : why.strip());
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
        : "; still rate limited after " + tries + " tries, so vidgen stopped retrying")
        + (why == null ? "" : ": " + why + " (RetryPolicy maxRetryAfter)");
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
