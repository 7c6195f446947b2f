package dev.vidgen.core.error;

import dev.vidgen.core.policy.FailureKind;

/** HTTP 400 or another 4xx: the provider rejected the request as sent. Fix it; never retried blindly. */
public final class RequestRejectedException extends NonRetriableProviderException {
  private static final long serialVersionUID = 1L;

  /** An error for {@code details}, as the provider's answer gave them; {@code cause} may be null. */
  public RequestRejectedException(ProviderErrorDetails details, Throwable cause) {
    super(details, cause);
  }

  @Override
  public FailureKind kind() {
    return FailureKind.REJECTED;
  }

  @Override
  public String docsAnchor() {
    return "request-rejected";
  }
}
