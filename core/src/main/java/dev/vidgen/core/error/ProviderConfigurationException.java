package dev.vidgen.core.error;

/**
 * A provider's configuration cannot be used as given: a missing API key, a base URL with user
 * info, or a key that would travel over plain {@code http} to a host other than loopback.
 */
public final class ProviderConfigurationException extends VidgenException {
  private static final long serialVersionUID = 1L;

  /** An error saying what is wrong in {@code message}; a link to {@code docs/errors.md} is appended. */
  public ProviderConfigurationException(String message) {
    super(message + " (see docs/errors.md#provider-configuration)");
  }

  @Override
  public String docsAnchor() {
    return "provider-configuration";
  }
}
