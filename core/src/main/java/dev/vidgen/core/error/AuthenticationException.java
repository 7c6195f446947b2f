package dev.vidgen.core.error;

import dev.vidgen.core.policy.FailureKind;

/** HTTP 401 or 403: the API key is missing, wrong or lacks permission. Fix the key; never retried. */
public final class AuthenticationException extends NonRetriableProviderException {
  private static final long serialVersionUID = 1L;

  /** An error for {@code details}, as the provider's answer gave them; {@code cause} may be null. */
  public AuthenticationException(ProviderErrorDetails details, Throwable cause) {
    super(details, cause);
  }

  @Override
  public FailureKind kind() {
    return FailureKind.AUTHENTICATION;
  }

  @Override
  public String docsAnchor() {
    return "authentication";
  }
}
