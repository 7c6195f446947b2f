package dev.vidgen.inject;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.ProvisionException;
import dev.vidgen.core.client.VidgenClient;
import dev.vidgen.core.error.ProviderSelectionException;
import dev.vidgen.core.port.AlphaTestFactory;
import dev.vidgen.core.port.BetaTestFactory;
import dev.vidgen.core.port.ProviderConfig;
import dev.vidgen.core.port.ThrowingCreateTestFactory;
import dev.vidgen.core.port.VideoProvider;
import dev.vidgen.core.port.VideoProviderFactory;
import dev.vidgen.core.pricing.Budget;
import java.io.IOException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Uses the test provider factories alpha and beta registered for the core's tests. */
class VidgenModuleTest {
  private static final ProviderConfig CONFIG = ProviderConfig.empty();

  @Test
  void bindsOneClientOnTheGivenProvider() {
    VideoProvider provider = new AlphaTestFactory().create(CONFIG);
    Injector injector = Guice.createInjector(VidgenModule.of(provider));

    VidgenClient client = injector.getInstance(VidgenClient.class);

    assertThat(client.provider()).isSameAs(provider);
    assertThat(injector.getInstance(VideoProvider.class)).isSameAs(provider);
    assertThat(injector.getInstance(VidgenClient.class)).isSameAs(client);
    client.close();
  }

  @Test
  void bindsTheProviderAFactoryMakes() {
    Injector injector = Guice.createInjector(VidgenModule.of(new AlphaTestFactory(), CONFIG));

    assertThat(injector.getInstance(VideoProvider.class).id()).isEqualTo("alpha");
  }

  @Test
  void discoversTheProviderById() {
    Injector injector = Guice.createInjector(VidgenModule.discover("beta", CONFIG));

    assertThat(injector.getInstance(VidgenClient.class).provider().id()).isEqualTo("beta");
  }

  @Test
  void looksNothingUpUntilTheClientIsNeeded() {
    Injector injector = Guice.createInjector(VidgenModule.discover("no-such-provider", CONFIG));

    assertThatThrownBy(() -> injector.getInstance(VidgenClient.class))
        .isInstanceOf(ProvisionException.class)
        .hasCauseInstanceOf(ProviderSelectionException.class);
  }

  @Test
  void aDiscoveredFactoryWhoseCreateThrowsIsASelectionErrorNamingTheFactory(@TempDir Path folder) throws IOException {
    Path services = folder.resolve("META-INF/services/" + VideoProviderFactory.class.getName());
    Files.createDirectories(services.getParent());
    Files.writeString(services, ThrowingCreateTestFactory.class.getName() + "\n");
    Thread thread = Thread.currentThread();
    ClassLoader before = thread.getContextClassLoader();
    try (URLClassLoader listing = new URLClassLoader(new URL[] {folder.toUri().toURL()}, before)) {
      thread.setContextClassLoader(listing);
      Injector injector = Guice.createInjector(VidgenModule.discover("boomc", CONFIG));

      assertThatThrownBy(() -> injector.getInstance(VidgenClient.class))
          .isInstanceOf(ProvisionException.class)
          .hasCauseInstanceOf(ProviderSelectionException.class)
          .satisfies(e -> assertThat(e.getCause())
              .hasMessageContaining("the provider factory boomc (" + ThrowingCreateTestFactory.class.getName() + ")")
              .hasMessageContaining("a fault of that provider's jar"));
    } finally {
      thread.setContextClassLoader(before);
    }
  }

  @Test
  void appliesTheClientSettings() {
    Injector injector = Guice.createInjector(
        VidgenModule.of(new AlphaTestFactory(), CONFIG).withClient(builder -> builder.budget(Budget.ofCredits(100))));

    assertThat(injector.getInstance(VidgenClient.class).remainingBudget().remaining()).isPresent();
  }

  @Test
  void refusesClientSettingsThatChooseAnotherProviderInstanceSayingHowToChooseIt() {
    VideoProvider bound = new AlphaTestFactory().create(CONFIG);
    VideoProvider other = new BetaTestFactory().create(CONFIG);
    Injector injector = Guice.createInjector(VidgenModule.of(bound).withClient(builder -> builder.provider(other)));

    assertThatThrownBy(() -> injector.getInstance(VidgenClient.class))
        .isInstanceOf(ProvisionException.class)
        .cause().isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("chose provider beta, but the module binds provider alpha")
        .hasMessageContaining("VidgenModule.discover(id, config)")
        .hasMessageContaining("leave provider(...) and discoverProvider(...) out of withClient");
    assertThat(injector.getInstance(VideoProvider.class)).as("the module's binding stays").isSameAs(bound);
  }

  @Test
  void refusesAnotherInstanceOfTheSameProviderSayingThatItIsAnotherInstanceNotAnotherId() {
    VideoProvider bound = new AlphaTestFactory().create(CONFIG);
    VideoProvider twin = new AlphaTestFactory().create(CONFIG);
    Injector injector = Guice.createInjector(VidgenModule.of(bound).withClient(builder -> builder.provider(twin)));

    assertThatThrownBy(() -> injector.getInstance(VidgenClient.class))
        .isInstanceOf(ProvisionException.class)
        .cause().isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("chose another instance of provider alpha (the same id, configured apart), but the"
            + " module binds its own instance")
        .hasMessageNotContaining("chose provider alpha, but the module binds provider alpha");
  }

  @Test
  void refusesClientSettingsThatChooseAProviderById() {
    Injector injector = Guice.createInjector(
        VidgenModule.of(new AlphaTestFactory(), CONFIG).withClient(builder -> builder.provider("beta", CONFIG)));

    assertThatThrownBy(() -> injector.getInstance(VidgenClient.class))
        .isInstanceOf(ProvisionException.class)
        .cause().isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("chose provider beta, but the module binds provider alpha");
  }

  @Test
  void refusesClientSettingsThatAskForAnUnknownProviderKeepingWhyItWasNotFound() {
    Injector injector = Guice.createInjector(
        VidgenModule.of(new AlphaTestFactory(), CONFIG).withClient(builder -> builder.provider("gamma", CONFIG)));

    assertThatThrownBy(() -> injector.getInstance(VidgenClient.class))
        .isInstanceOf(ProvisionException.class)
        .cause().isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("chose a provider by id or discovery, but the module binds provider alpha")
        .cause().isInstanceOf(ProviderSelectionException.class).hasMessageContaining("gamma");
  }

  @Test
  void aFactoryIsGivenTheClocksOfTheClientSettingsBesideItsOwnSettingsUnlessItsConfigNamesOne() {
    Clock clientClock = Clock.fixed(Instant.parse("2025-01-01T00:00:00Z"), ZoneOffset.UTC);
    Clock ownClock = Clock.fixed(Instant.parse("2030-01-01T00:00:00Z"), ZoneOffset.UTC);
    List<ProviderConfig> given = new ArrayList<>();
    VideoProviderFactory recording = new VideoProviderFactory() {
      @Override
      public String id() {
        return "alpha";
      }

      @Override
      public VideoProvider create(ProviderConfig config) {
        given.add(config);
        return new AlphaTestFactory().create(config);
      }
    };
    ProviderConfig settings = ProviderConfig.builder().set("alpha.mode", "fast").build();

    Guice.createInjector(VidgenModule.of(recording, settings).withClient(builder -> builder.clock(clientClock)))
        .getInstance(VidgenClient.class).close();
    Guice.createInjector(VidgenModule.of(recording, settings.toBuilder().clock(ownClock).build())
        .withClient(builder -> builder.clock(clientClock))).getInstance(VidgenClient.class).close();

    assertThat(given).hasSize(2);
    assertThat(given.get(0).clock()).contains(clientClock);
    assertThat(given.get(0).settings()).isEqualTo(settings.settings());
    assertThat(given.get(1).clock()).as("a clock the app gave the provider is kept").contains(ownClock);
  }

  @Test
  void acceptsClientSettingsThatNameTheModulesOwnProvider() {
    VideoProvider bound = new AlphaTestFactory().create(CONFIG);
    Injector injector = Guice.createInjector(VidgenModule.of(bound)
        .withClient(builder -> builder.provider(bound).budget(Budget.ofCredits(100))));

    VidgenClient client = injector.getInstance(VidgenClient.class);

    assertThat(client.provider()).isSameAs(bound);
    assertThat(client.remainingBudget().remaining()).isPresent();
    client.close();
  }
}
