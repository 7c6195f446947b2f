package dev.vidgen.inject;

import com.google.inject.AbstractModule;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import dev.vidgen.core.client.VidgenClient;
import dev.vidgen.core.error.ProviderConfigurationException;
import dev.vidgen.core.error.ProviderSelectionException;
import dev.vidgen.core.port.ProviderConfig;
import dev.vidgen.core.port.VideoProvider;
import dev.vidgen.core.port.VideoProviderFactory;
import dev.vidgen.core.port.VideoProviders;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Guice bindings for vidgen. Binds, as singletons:
 *
 * <ul>
 *   <li>{@link VideoProvider}: the provider this module was made with;
 *   <li>{@link VidgenClient}: a client on that provider, with vidgen's defaults changed by {@link
 *       #withClient(Consumer)}.
 * </ul>
 *
 * <p>Make one with a factory method, one per way of choosing the provider. {@code configure()}
 * does no I/O: the provider is created when the injector first needs it. A provider the module creates (by
 * {@link #discover} or {@link #of(VideoProviderFactory, ProviderConfig)}) is given the clock set by {@link
 * #withClient(Consumer)} ({@link ProviderConfig#clock()}), so that the mock runs on a test's virtual time. Guice
 * is an optional dependency of vidgen-core; only this package uses it.
 */
@SuppressWarnings("exports") // Guice is optional: an app that uses this class requires com.google.guice itself
public final class VidgenModule extends AbstractModule {
  /** Makes the provider from the client's settings (whose clock it is given); an instance given ignores them. */
  private final Function<VidgenClient.Builder, VideoProvider> provider;
  private final Consumer<VidgenClient.Builder> clientSettings;

  private VidgenModule(Function<VidgenClient.Builder, VideoProvider> provider,
      Consumer<VidgenClient.Builder> clientSettings) {
    this.provider = provider;
    this.clientSettings = clientSettings;
  }

  /** Binds this provider instance. */
  public static VidgenModule of(VideoProvider provider) {
    Objects.requireNonNull(provider, "provider == null");
    return new VidgenModule(settings -> provider, builder -> {});
  }

  /** Binds the provider {@code factory} makes from {@code config}, with the client's clock unless it names one. */
  public static VidgenModule of(VideoProviderFactory factory, ProviderConfig config) {
    Objects.requireNonNull(factory, "factory == null");
    Objects.requireNonNull(config, "config == null");
    return new VidgenModule(settings -> VideoProviders.create(factory, settings.forProvider(config)), builder -> {});
  }

  /**
   * Binds the provider found on the class path: {@code id} when not null, else the {@code
   * vidgen.provider} system property, {@code VIDGEN_PROVIDER}, or the only one found; made from {@code config}
   * with the client's clock unless it names one.
   */
  public static VidgenModule discover(String id, ProviderConfig config) {
    Objects.requireNonNull(config, "config == null");
    return new VidgenModule(settings -> VideoProviders.discover(id, settings.forProvider(config)), builder -> {});
  }

  /**
   * A copy whose client is built with these settings too (budget, policies, clock, scheduler,
   * listener). The provider is this module's: settings that choose another one make the client's
   * provision fail with an {@link IllegalStateException}; choose it with {@link #of} or {@link #discover}. Their
   * clock goes to a provider this module makes: to read it they run once more, on a builder of their own.
   */
  public VidgenModule withClient(Consumer<VidgenClient.Builder> settings) {
    Objects.requireNonNull(settings, "settings == null");
    return new VidgenModule(provider, clientSettings.andThen(settings));
  }

  @Provides
  @Singleton
  VideoProvider videoProvider() {
    // The settings read on a builder of their own, for their clock only: this builds no client.
    VidgenClient.Builder settings = VidgenClient.builder();
    clientSettings.accept(settings);
    return provider.apply(settings);
  }

  @Provides
  @Singleton
  VidgenClient vidgenClient(VideoProvider videoProvider) {
    VidgenClient.Builder builder = VidgenClient.builder().provider(videoProvider);
    clientSettings.accept(builder);
    VidgenClient client;
    try {
      client = builder.build();
    } catch (ProviderSelectionException | ProviderConfigurationException e) {
      // The module's provider is made already: only a provider the settings asked for is looked up or configured.
      throw otherProvider(videoProvider, "a provider by id or discovery", e);
    }
    if (client.provider() != videoProvider) {
      // Checked on the built client, as the builder does not tell its choice; what it made for it is closed.
      String chosen = client.provider().id();
      client.close();
      throw otherProvider(videoProvider, chosen.equals(videoProvider.id())
          ? "another instance of provider " + chosen + " (the same id, configured apart)" : "provider " + chosen, null);
    }
    return client;
  }

  private static IllegalStateException otherProvider(VideoProvider bound, String chosen, Throwable cause) {
    return new IllegalStateException("the withClient settings of this VidgenModule chose " + chosen
        + ", but the module binds " + (chosen.startsWith("another instance") ? "its own instance" : "provider " + bound.id())
        + "; choose the provider with VidgenModule.of(provider),"
        + " VidgenModule.of(factory, config) or VidgenModule.discover(id, config), and leave provider(...) and"
        + " discoverProvider(...) out of withClient (see docs/guice.md#choosing-the-provider)", cause);
  }
}
