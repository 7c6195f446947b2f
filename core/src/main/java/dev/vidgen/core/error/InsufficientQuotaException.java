package dev.vidgen.core.error;

import dev.vidgen.core.policy.FailureKind;

/** HTTP 402: the account has too few credits. Top up; never retried. */
public final class InsufficientQuotaException extends NonRetriableProviderException {
  private static final long serialVersionUID = 1L;

  /** An error for {@code details}, as the provider's answer gave them; {@code cause} may be null. */
  public InsufficientQuotaException(ProviderErrorDetails details, Throwable cause) {
    super(details, cause);
  }

  @Override
  public FailureKind kind() {
    return FailureKind.INSUFFICIENT_QUOTA;
  }

  @Override
  public String docsAnchor() {
    return "insufficient-quota";
  }
}
