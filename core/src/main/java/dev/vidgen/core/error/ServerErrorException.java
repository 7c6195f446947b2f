package dev.vidgen.core.error;

import dev.vidgen.core.policy.FailureKind;

/** HTTP 500 or another 5xx that persisted through a few short retries. */
public final class ServerErrorException extends RetriableProviderException {
  private static final long serialVersionUID = 1L;

  /** An error for {@code details}, as the provider's answer gave them; {@code cause} may be null. */
  public ServerErrorException(ProviderErrorDetails details, Throwable cause) {
    this(details, cause, 0);
  }

  private ServerErrorException(ProviderErrorDetails details, Throwable cause, int tries) {
    super(details, cause, tries);
  }

  /**
   * The same error, said as the end of a call that vidgen stopped retrying after {@code tries} tries
   * (its message says so); this exception becomes its cause.
   *
   * @throws IllegalArgumentException when {@code tries} is below 1
   */
  public ServerErrorException gaveUpAfter(int tries) {
    return new ServerErrorException(details(), this, checkedTries(tries));
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
