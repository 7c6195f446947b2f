package dev.vidgen.core.error;

import dev.vidgen.core.policy.FailureKind;

/**
 * The provider could not be reached or did no work: HTTP 503, a connection that failed before
 * the request was sent, or a read that got no answer. Seen once retries ran out.
 */
public final class ProviderUnavailableException extends RetriableProviderException {
  private static final long serialVersionUID = 1L;

  private final FailureKind kind;
  /** How many tries the call had before vidgen stopped retrying it; 0 when not said. */
  private final int tries;

  /**
   * An error of {@code kind} for {@code details}, as the provider's answer gave them; {@code cause} may be null.
   *
   * @throws IllegalArgumentException if {@code kind} is not {@code UNAVAILABLE}, {@code CONNECT_FAILED} or
   *     {@code NO_RESPONSE}
   */
  public ProviderUnavailableException(FailureKind kind, ProviderErrorDetails details, Throwable cause) {
    this(kind, details, cause, 0);
  }

  private ProviderUnavailableException(FailureKind kind, ProviderErrorDetails details, Throwable cause, int tries) {
    super(details, cause);
    if (kind != FailureKind.UNAVAILABLE && kind != FailureKind.CONNECT_FAILED && kind != FailureKind.NO_RESPONSE) {
      throw new IllegalArgumentException("not an availability failure: " + kind);
    }
    this.kind = kind;
    this.tries = tries;
  }

  /**
   * The same error, said as the end of a call that vidgen stopped retrying after {@code tries} tries
   * (its message says so); this exception becomes its cause.
   *
   * @throws IllegalArgumentException when {@code tries} is below 1
   */
  public ProviderUnavailableException gaveUpAfter(int tries) {
    if (tries < 1) {
      throw new IllegalArgumentException("tries must be at least 1: " + tries);
    }
    return new ProviderUnavailableException(kind, details(), this, tries);
  }

  /** How many tries the call had before vidgen stopped retrying it; 0 when this error does not say. */
  public int tries() {
    return tries;
  }

  /** The provider's words, then, once vidgen gave up after several tries, how many it made. */
  @Override
  public String getMessage() {
    return tries < 2 ? super.getMessage() : super.getMessage() + "; still failing after " + tries
        + " tries, so vidgen stopped retrying";
  }

  @Override
  public FailureKind kind() {
    return kind;
  }

  @Override
  public String docsAnchor() {
    return "provider-unavailable";
  }
}
