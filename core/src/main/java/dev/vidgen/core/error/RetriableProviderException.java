package dev.vidgen.core.error;

/** A provider failure that may pass by itself; seen by callers only once retries ran out. */
public abstract class RetriableProviderException extends ProviderException {
  private static final long serialVersionUID = 1L;

  protected RetriableProviderException(ProviderErrorDetails details, Throwable cause) {
    super(details, cause);
  }
}
