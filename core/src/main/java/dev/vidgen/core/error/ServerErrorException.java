package dev.vidgen.core.error;

import dev.vidgen.core.policy.FailureKind;

/** HTTP 500 or another 5xx that persisted through a few short retries. */
public final class ServerErrorException extends RetriableProviderException {
  private static final long serialVersionUID = 1L;

  /** An error for {@code details}, as the provider's answer gave them; {@code cause} may be null. */
  public ServerErrorException(ProviderErrorDetails details, Throwable cause) {
    super(details, cause);
  }

  @Override
  public FailureKind kind() {
    return FailureKind.SERVER_ERROR;
  }

  @Override
  public String docsAnchor() {
    return "server-error";
  }
}
