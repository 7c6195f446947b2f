package dev.vidgen.core.port;

/**
 * Makes providers of one kind. Found by {@link java.util.ServiceLoader} through
 * {@code META-INF/services/dev.vidgen.core.port.VideoProviderFactory}; needs a public no-argument
 * constructor. Creating a factory and calling {@link #id()} must be cheap and do no I/O.
 */
public interface VideoProviderFactory {

  /** The stable lower-case id, such as {@code mock}. */
  String id();

  /**
   * A provider configured by {@code config}; does no I/O.
   *
   * @throws dev.vidgen.core.error.ProviderConfigurationException when the configuration is unusable
   */
  VideoProvider create(ProviderConfig config);
}
