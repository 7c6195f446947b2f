package dev.vidgen.testkit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vidgen.core.port.ProviderConfig;
import dev.vidgen.core.port.VideoProvider;
import dev.vidgen.core.port.VideoProviderFactory;
import java.util.List;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * What every {@link VideoProviderFactory} must do: be found by {@link ServiceLoader} under a
 * stable lower-case id, and create providers cheaply (no I/O, no threads) from a configuration.
 * Extend it and return the id from {@link #id()}.
 */
public abstract class VideoProviderFactoryContract {

  /** The id the factory must have, such as {@code mock}. */
  protected abstract String id();

  /** For subclasses, one per factory under test. */
  protected VideoProviderFactoryContract() {}

  /**
   * A configuration the factory accepts. The default names a base URL on a closed loopback port
   * and a made-up key, so a factory that connects while creating fails.
   */
  protected ProviderConfig config() {
    return ProviderConfig.builder()
        .baseUrl("http://127.0.0.1:9")
        .apiKey("sk-contract-test-key-000000000000000000000000000000")
        .build();
  }

  @Test
  void serviceLoaderFindsExactlyOneFactoryWithTheId() {
    List<String> ids = ServiceLoader.load(VideoProviderFactory.class).stream()
        .map(ServiceLoader.Provider::get)
        .map(VideoProviderFactory::id)
        .toList();

    assertThat(ids).as("factory ids on the class path").containsOnlyOnce(id());
  }

  @Test
  void idIsStableAndLowerCase() {
    assertThat(id()).matches("[a-z0-9][a-z0-9._-]*");
    assertThat(factory().id()).isEqualTo(id());
    assertThat(factory().id()).isEqualTo(factory().id());
  }

  @Test
  void createdProviderHasTheFactoryId() {
    try (VideoProvider provider = factory().create(config())) {
      assertThat(provider.id()).isEqualTo(id());
    }
  }

  @Test
  void creatingManyProvidersStartsNoThreadsAndConnectsNowhere() {
    Set<Thread> before = Thread.getAllStackTraces().keySet();
    VideoProviderFactory factory = factory();
    for (int i = 0; i < 200; i++) {
      factory.create(config()).close();
    }

    Set<String> started = Thread.getAllStackTraces().keySet().stream()
        .filter(thread -> !before.contains(thread))
        .map(Thread::getName)
        .filter(name -> !name.startsWith("ForkJoinPool.commonPool"))
        .collect(Collectors.toSet());
    assertThat(started).as("threads started by creating providers").isEmpty();
  }

  private VideoProviderFactory factory() {
    return ServiceLoader.load(VideoProviderFactory.class).stream()
        .filter(provider -> provider.get().id().equals(id()))
        .map(ServiceLoader.Provider::get)
        .findFirst()
        .orElseThrow(() -> new AssertionError("no VideoProviderFactory with id " + id()
            + " in META-INF/services/" + VideoProviderFactory.class.getName()));
  }
}
