package dev.vidgen.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.inject.Guice;
import com.google.inject.Inject;
import com.google.inject.Injector;
import dev.vidgen.core.client.AwaitOptions;
import dev.vidgen.core.client.DeadlineExceededException;
import dev.vidgen.core.client.GenerationResult;
import dev.vidgen.core.client.VidgenClient;
import dev.vidgen.core.port.ProviderConfig;
import dev.vidgen.core.port.VideoProvider;
import dev.vidgen.core.pricing.Budget;
import dev.vidgen.inject.VidgenModule;
import dev.vidgen.provider.mock.MockProviderFactory;
import dev.vidgen.provider.mock.MockVideoProvider;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An app wired by Guice runs a job on the mock provider from submit to file. */
class GuiceWiringTest {
  @TempDir Path folder;

  @Test
  void anInjectorWithTheMockRunsAJobEndToEnd() {
    MockWorld world = new MockWorld();
    Injector injector = Guice.createInjector(VidgenModule.of(world.mock).withClient(world::onVirtualTime));

    try (VidgenClient client = injector.getInstance(VidgenClient.class)) {
      GenerationResult result = world.runUntilDone(
          client.generateAsync(MockWorld.jobWithoutReference(), folder.resolve("guice.mp4"), AwaitOptions.defaults()),
          Duration.ofMinutes(10)).join();

      assertThat(result.file()).exists();
      assertThat(injector.getInstance(VideoProvider.class)).isSameAs(world.mock);
      assertThat(injector.getInstance(VidgenClient.class)).isSameAs(client);
    }
  }

  @Test
  void aDiscoveredMockRunsOnTheVirtualTimeGivenToTheClient() {
    MockWorld world = new MockWorld();
    Injector injector = Guice.createInjector(
        VidgenModule.discover("mock", ProviderConfig.empty()).withClient(world::onVirtualTime));

    try (VidgenClient client = injector.getInstance(VidgenClient.class)) {
      GenerationResult result = world.runUntilDone(
          client.generateAsync(MockWorld.jobWithoutReference(), folder.resolve("found.mp4"), AwaitOptions.defaults()),
          Duration.ofMinutes(1)).join();

      assertThat(result.file()).exists();
      assertThat(world.time.elapsed()).isLessThan(Duration.ofMinutes(1));
    }
  }

  @Test
  void aMockFactoryNamedInCodeRunsOnTheVirtualTimeGivenToTheClient() {
    MockWorld world = new MockWorld();
    Injector injector = Guice.createInjector(
        VidgenModule.of(new MockProviderFactory(), ProviderConfig.empty()).withClient(world::onVirtualTime));

    try (VidgenClient client = injector.getInstance(VidgenClient.class)) {
      GenerationResult result = world.runUntilDone(
          client.generateAsync(MockWorld.jobWithoutReference(), folder.resolve("named.mp4"), AwaitOptions.defaults()),
          Duration.ofMinutes(1)).join();

      assertThat(result.file()).exists();
    }
  }

  @Test
  void aMockOnTheSystemClockBesideAClientOnVirtualTimeIsToldAsTheClocksNotTheTask() {
    MockWorld world = new MockWorld();
    Injector injector = Guice.createInjector(
        VidgenModule.of(MockVideoProvider.create()).withClient(world::onVirtualTime));

    try (VidgenClient client = injector.getInstance(VidgenClient.class)) {
      CompletableFuture<GenerationResult> generate =
          client.generateAsync(MockWorld.jobWithoutReference(), folder.resolve("apart.mp4"), AwaitOptions.defaults());
      world.runUntilDone(generate, Duration.ofMinutes(11));

      assertThat(MockWorld.failureOf(generate)).isInstanceOf(DeadlineExceededException.class)
          .hasMessageContaining("the provider's clock is not the client's")
          .hasMessageNotContaining("resume with its task id");
    }
  }

  @Test
  void anAppGetsItsClientInjected() throws java.io.IOException {
    // snippet:guice:begin
    Injector injector = Guice.createInjector(
        VidgenModule.discover("mock", ProviderConfig.empty())
            .withClient(builder -> builder.budget(Budget.ofUsd(new BigDecimal("5.00")))));
    VidgenClient client = injector.getInstance(VidgenClient.class);
    // snippet:guice:end
    VideoService service = injector.getInstance(VideoService.class);

    assertThat(service.client.provider().id()).isEqualTo("mock");
    assertThat(service.client.remainingBudget().remaining()).hasValueSatisfying(
        credits -> assertThat(credits).isEqualByComparingTo("1000"));
    assertThat(service.client).isSameAs(client);
    service.client.close();

    String page = java.nio.file.Files.readString(DocSnippets.find("docs/guice.md"));
    assertThat(page).contains(DocSnippets.snippet(
        "integration-tests/src/test/java/dev/vidgen/it/GuiceWiringTest.java", "guice") + "```");
  }

  /** An application class that needs a client. */
  static final class VideoService {
    final VidgenClient client;

    @Inject
    VideoService(VidgenClient client) {
      this.client = client;
    }
  }

  @Test
  void theMockIsFoundByIdAmongTheProvidersOnTheClassPath() {
    Injector injector = Guice.createInjector(VidgenModule.discover("mock", ProviderConfig.empty()));

    assertThat(injector.getInstance(VideoProvider.class).id()).isEqualTo("mock");
  }

  @Test
  void theMockFactoryCanBeNamedInCode() {
    Injector injector = Guice.createInjector(VidgenModule.of(new MockProviderFactory(), ProviderConfig.empty()));

    assertThat(injector.getInstance(VidgenClient.class).provider().id()).isEqualTo("mock");
  }
}
