package dev.vidgen.core.error;

import dev.vidgen.core.policy.FailureKind;

/** HTTP 429: still rate limited after vidgen's retries; {@link #retryAfter()} says when to come back. */
public final class RateLimitedException extends RetriableProviderException {
  private static final long serialVersionUID = 1L;

  /** Why vidgen stopped when it was not the number of tries (a Retry-After over its cap); null otherwise. */
  private final String why;

  /** An error for {@code details}, as the provider's answer gave them; {@code cause} may be null. */
  public RateLimitedException(ProviderErrorDetails details, Throwable cause) {
    this(details, cause, 0, null);
  }

  private RateLimitedException(ProviderErrorDetails details, Throwable cause, int tries, String why) {
    super(details, cause, tries);
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
   * "the server asked to wait 3600 s (Retry-After), longer than the 120 s vidgen waits at most before a retry"; null
   * for none.
   *
   * @throws IllegalArgumentException when {@code tries} is below 1
   */
  public RateLimitedException gaveUpAfter(int tries, String why) {
    return new RateLimitedException(details(), this, checkedTries(tries), why == null || why.isBlank() ? null
        : why.strip());
  }

  /** Once vidgen gave up: how many tries were made, one that was not retried included, and why when not for their number. */
  @Override
  String gaveUpWords() {
    int tries = tries();
    if (tries == 0) {
      return "";
    }
    return (tries == 1 ? "; rate limited at the first try, which vidgen did not retry"
        : "; still rate limited after " + tries + " tries, so vidgen stopped retrying")
        + (why == null ? "" : ": " + why);
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
