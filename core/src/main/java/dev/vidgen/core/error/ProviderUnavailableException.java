package dev.vidgen.core.error;

import dev.vidgen.core.policy.FailureKind;

/**
 * The provider could not be reached or did no work: HTTP 503, a connection that failed before
 * the request was sent, or a read that got no answer. Seen once retries ran out.
 */
public final class ProviderUnavailableException extends RetriableProviderException {
  private static final long serialVersionUID = 1L;

  private final FailureKind kind;

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
    // A connection that failed before the request left is not said as a request sent without an answer.
    super(details, cause, tries, kind == FailureKind.CONNECT_FAILED);
    if (kind != FailureKind.UNAVAILABLE && kind != FailureKind.CONNECT_FAILED && kind != FailureKind.NO_RESPONSE) {
      throw new IllegalArgumentException("not an availability failure: " + kind);
    }
    this.kind = kind;
  }

  /**
   * The same error, said as the end of a call that vidgen stopped retrying after {@code tries} tries
   * (its message says so); this exception becomes its cause.
   *
   * @throws IllegalArgumentException when {@code tries} is below 1
   */
  public ProviderUnavailableException gaveUpAfter(int tries) {
    return new ProviderUnavailableException(kind, details(), this, checkedTries(tries));
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
