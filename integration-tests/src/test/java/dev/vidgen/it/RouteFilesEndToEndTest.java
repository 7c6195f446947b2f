package dev.vidgen.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vidgen.core.catalog.RouteFileException;
import dev.vidgen.core.client.AwaitOptions;
import dev.vidgen.core.client.GenerationResult;
import dev.vidgen.core.client.VidgenClient;
import dev.vidgen.core.domain.DurationRule;
import dev.vidgen.core.domain.GenerationMode;
import dev.vidgen.core.domain.ModelRoute;
import dev.vidgen.core.domain.PriceTable;
import dev.vidgen.core.domain.RouteCatalog;
import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.core.error.InvalidJobException;
import dev.vidgen.core.policy.PollSchedule;
import dev.vidgen.core.port.ProviderConfig;
import dev.vidgen.provider.mock.MockVideoProvider;
import dev.vidgen.testkit.toapis.FakeToApisServer;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A team's own model, added the two documented ways (the docs/domain.md example in Java, and the
 * route file of docs/routes.md), goes all the way to a video on the mock and on provider-toapis
 * against the fake server: validated and quoted by the client's catalog, sent, polled, downloaded.
 */
class RouteFilesEndToEndTest {
  private static final String ACME_FILE = """
      {"routes": [{"id": "acme-video-2", "family": "Acme",
                   "modes": {"text-to-video": {}, "image-to-video": {"images": {"min": 1, "max": 1}}},
                   "seconds": {"one_of": [5, 10], "default": 5},
                   "aspect_ratios": {"one_of": ["16:9", "9:16"], "default": "16:9"},
                   "resolutions": {"one_of": ["720p", "1080p"], "default": "720p"},
                   "max_prompt_chars": 2000,
                   "price": {"per_second_usd": "0.05"}}],
       "patch": {"seedance-2": {"price": {"per_second_usd": "0.04"}}},
       "remove": ["kling-v3"]}
      """;
  private static final PollSchedule QUICK = PollSchedule.builder().firstDelay(Duration.ofMillis(50))
      .minInterval(Duration.ofMillis(20)).maxInterval(Duration.ofMillis(50)).budget(Duration.ofMillis(50), 50)
      .deadline(Duration.ofSeconds(20)).build();

  @TempDir Path folder;
  /** The key may use the built-in models and acme-video-2, as a team's key would before it adds the route. */
  private final FakeToApisServer fake = FakeToApisServer.builder().unlimitedBalance()
      .videoModels(withAcme())
      .creditsPerSecond("acme-video-2", BigDecimal.TEN).start();

  private static java.util.Set<String> withAcme() {
    java.util.Set<String> models = new java.util.LinkedHashSet<>(dev.vidgen.core.domain.RouteCatalog.builtIn().ids());
    models.add("acme-video-2");
    return models;
  }

  @AfterEach
  void stop() {
    fake.close();
  }

  /** The catalog of docs/domain.md ("Adding or replacing a route"). */
  private static RouteCatalog domainExample() {
    return RouteCatalog.builtIn().with(
        ModelRoute.builder("acme-video-2")
            .family("Acme")
            .mode(GenerationMode.TEXT_TO_VIDEO)
            .mode(GenerationMode.IMAGE_TO_VIDEO, 1, 1)
            .durations(DurationRule.oneOf(5, 10))
            .aspectRatios("16:9", "9:16")
            .resolutions("720p", "1080p")
            .maxPromptChars(2000)
            .price(PriceTable.perSecond("0.05"))
            .build());
  }

  private static VideoJob acme() {
    return VideoJob.builder("acme-video-2").prompt("A fox crosses a snowy field at dawn").seconds(10).build();
  }

  private VidgenClient onMock(UnaryOperator<VidgenClient.Builder> catalog) {
    MockVideoProvider mock = MockVideoProvider.builder().duration(Duration.ofMillis(100)).build();
    return catalog.apply(VidgenClient.builder().provider(mock).pollSchedule(QUICK)).build();
  }

  private VidgenClient onToApis(UnaryOperator<VidgenClient.Builder> catalog) {
    ProviderConfig config = ProviderConfig.builder().baseUrl(fake.baseUrl()).apiKey(fake.apiKey()).build();
    return catalog.apply(VidgenClient.builder().provider("toapis", config).pollSchedule(QUICK)).build();
  }

  private Path acmeFile() throws IOException {
    return Files.writeString(folder.resolve("acme.json"), ACME_FILE);
  }

  @Test
  void theDomainExampleMakesAVideoOnTheMock() {
    try (VidgenClient client = onMock(builder -> builder.catalog(domainExample()))) {
      GenerationResult result = client.generate(acme(), folder.resolve("fox.mp4"), AwaitOptions.defaults());

      assertThat(result.handle().model()).isEqualTo("acme-video-2");
      assertThat(result.handle().quote().credits()).isEqualByComparingTo("100");
      assertThat(result.file()).isNotEmptyFile();
    }
  }

  @Test
  void theDomainExampleMakesAVideoOnToApis() {
    try (VidgenClient client = onToApis(builder -> builder.catalog(domainExample()))) {
      GenerationResult result = client.generate(acme(), folder.resolve("fox.mp4"), AwaitOptions.defaults());

      assertThat(result.file()).isNotEmptyFile();
      assertThat(fake.lastCreate().orElseThrow().json()).containsEntry("model", "acme-video-2")
          .containsEntry("duration", 10L).containsEntry("aspect_ratio", "16:9").containsEntry("resolution", "720p")
          .doesNotContainKey("client_business_id");
    }
  }

  @Test
  void aRouteFileMakesAVideoOnTheMockAndChangesTheCatalogAsWritten() throws IOException {
    Path file = acmeFile();
    try (VidgenClient client = onMock(builder -> builder.routes(file))) {
      GenerationResult result = client.generate(acme(), folder.resolve("fox.mp4"), AwaitOptions.defaults());

      assertThat(result.file()).isNotEmptyFile();
      assertThat(client.catalog().origin("acme-video-2")).contains(file.toString());
      assertThat(client.quote(VideoJob.builder("seedance-2").prompt("p").seconds(5).build()).credits())
          .isEqualByComparingTo("40");
      assertThatThrownBy(() -> client.submit(VideoJob.builder("kling-v3").prompt("p").build()))
          .isInstanceOf(InvalidJobException.class).hasMessageContaining("kling-v3 was removed from the catalog by")
          .hasMessageContaining("acme.json (its remove list)");
    }
  }

  @Test
  void aRouteFileMakesAVideoOnToApisSpelledInTheStandardWire() throws IOException {
    Path file = acmeFile();
    try (VidgenClient client = onToApis(builder -> builder.routes(file))) {
      VideoJob portrait = acme().toBuilder().aspectRatio("9:16").resolution("1080p").build();
      GenerationResult result = client.generate(portrait, folder.resolve("fox.mp4"), AwaitOptions.defaults());

      assertThat(result.file()).isNotEmptyFile();
      assertThat(fake.lastCreate().orElseThrow().json()).containsEntry("model", "acme-video-2")
          .containsEntry("prompt", "A fox crosses a snowy field at dawn")
          .containsEntry("duration", 10L).containsEntry("aspect_ratio", "9:16").containsEntry("resolution", "1080p");
      assertThat(result.handle().quote().credits()).isEqualByComparingTo("100");
    }
  }

  @Test
  void theClientLayersTheFilesOfVidgenRoutesBeforeItsOwn() throws IOException {
    Path acme = acmeFile();
    Path cheaper = Files.writeString(folder.resolve("cheaper.json"),
        "{\"patch\": {\"acme-video-2\": {\"price\": {\"per_second_usd\": \"0.01\"}}}}");
    String before = System.getProperty("vidgen.routes");
    System.setProperty("vidgen.routes", acme.toString());
    try (VidgenClient client = onMock(builder -> builder.routes(cheaper));
        VidgenClient without = onMock(builder -> builder.environmentRoutes(false))) {
      assertThat(client.quote(acme()).credits()).isEqualByComparingTo("20");
      assertThat(client.catalog().origin("acme-video-2")).contains(acme + ", patched by " + cheaper);
      assertThat(without.catalog().find("acme-video-2")).isEmpty();
    } finally {
      if (before == null) {
        System.clearProperty("vidgen.routes");
      } else {
        System.setProperty("vidgen.routes", before);
      }
    }
  }

  @Test
  void aBadRouteFileStopsTheBuildBeforeAnythingIsSent() throws IOException {
    Path bad = Files.writeString(folder.resolve("bad.json"), "{\"remove\": [\"kling-v9\"]}");

    assertThatThrownBy(() -> onToApis(builder -> builder.routes(bad)))
        .isInstanceOf(RouteFileException.class)
        .hasMessageStartingWith(bad + ": remove[0]: remove of an unknown route \"kling-v9\"");
    assertThat(fake.requests()).isEmpty();
  }
}
