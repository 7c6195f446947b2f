package dev.vidgen.provider.toapis;

import dev.vidgen.core.port.ProviderConfig;
import dev.vidgen.core.port.VideoProvider;
import dev.vidgen.core.port.VideoProviderFactory;
import java.util.Objects;

/**
 * Makes ToAPIs providers (id {@value #ID}); found by {@link java.util.ServiceLoader}. Creating
 * one does no I/O. Apps that want to pass their own {@code OkHttpClient} use
 * {@link #create(ToApisConfig)}.
 */
public final class ToApisProviderFactory implements VideoProviderFactory {
  /** The provider id. */
  public static final String ID = "toapis";

  /** For {@link java.util.ServiceLoader}. */
  public ToApisProviderFactory() {}

  @Override
  public String id() {
    return ID;
  }

  /**
   * A provider configured by {@code config}, with {@code TOAPIS_API_KEY} and
   * {@code TOAPIS_BASE_URL} filling what it leaves out.
   *
   * @throws dev.vidgen.core.error.ProviderConfigurationException when there is no key, a setting
   *     is unknown or bad, or the base URL is unsafe
   */
  @Override
  public VideoProvider create(ProviderConfig config) {
    return create(ToApisConfig.from(config));
  }

  /** A provider configured by {@code config}; close it to release its threads and connections. */
  public VideoProvider create(ToApisConfig config) {
    Objects.requireNonNull(config, "config == null");
    return new ToApisVideoProvider(config);
  }

  @Override
  public String toString() {
    return "ToApisProviderFactory[" + ID + "]";
  }
}
