package dev.vidgen.core.error;

/** A provider failure that repeats until something is changed (the key, the job, the balance). */
public abstract class NonRetriableProviderException extends ProviderException {
  private static final long serialVersionUID = 1L;

  /**
   * An error for {@code details}, as the provider's answer gave them; {@code cause} may be null. Its message
   * leaves out a {@code Retry-After} the server sent: this error is never retried as it stands.
   */
  protected NonRetriableProviderException(ProviderErrorDetails details, Throwable cause) {
    super(details, cause, false);
  }
}
