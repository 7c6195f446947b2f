package dev.vidgen.core.error;

/** A provider failure that may pass by itself; seen by callers only once retries ran out. */
public abstract class RetriableProviderException extends ProviderException {
  private static final long serialVersionUID = 1L;

  /** An error for {@code details}, as the provider's answer gave them; {@code cause} may be null. */
  protected RetriableProviderException(ProviderErrorDetails details, Throwable cause) {
    super(details, cause);
  }
}
