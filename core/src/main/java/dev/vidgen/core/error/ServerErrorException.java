package dev.vidgen.core.error;

import dev.vidgen.core.policy.FailureKind;

/** HTTP 500 or another 5xx that persisted through a few short retries. */
public final class ServerErrorException extends RetriableProviderException {
  private static final long serialVersionUID = 1L;

  /** How many tries the call had before vidgen stopped retrying it; 0 when not said. */
  private final int tries;

  /** An error for {@code details}, as the provider's answer gave them; {@code cause} may be null. */
  public ServerErrorException(ProviderErrorDetails details, Throwable cause) {
    this(details, cause, 0);
  }

  private ServerErrorException(ProviderErrorDetails details, Throwable cause, int tries) {
    super(details, cause);
    this.tries = tries;
  }

  /**
   * The same error, said as the end of a call that vidgen stopped retrying after {@code tries} tries
   * (its message says so); this exception becomes its cause.
   *
   * @throws IllegalArgumentException when {@code tries} is below 1
   */
  public ServerErrorException gaveUpAfter(int tries) {
    if (tries < 1) {
      throw new IllegalArgumentException("tries must be at least 1: " + tries);
    }
    return new ServerErrorException(details(), this, tries);
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
    return FailureKind.SERVER_ERROR;
  }

  @Override
  public String docsAnchor() {
    return "server-error";
  }
}
