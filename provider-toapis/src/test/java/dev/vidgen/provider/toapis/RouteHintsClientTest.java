package dev.vidgen.provider.toapis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vidgen.core.catalog.RouteHintsException;
import dev.vidgen.core.client.VidgenClient;
import dev.vidgen.core.domain.DurationRule;
import dev.vidgen.core.domain.GenerationMode;
import dev.vidgen.core.domain.ModelRoute;
import dev.vidgen.core.domain.RouteCatalog;
import dev.vidgen.testkit.toapis.FakeToApisServer;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A route whose hints ToAPIs cannot read stops the client as it is built, not a job at its create. */
class RouteHintsClientTest {
  @RegisterExtension
  final ToApisOverHttp http = ToApisOverHttp.builder().start();
  private final FakeToApisServer toapis = http.server();
  private final ToApisVideoProvider provider = http.provider();

  private static ModelRoute route(String id, Map<String, ?> hints) {
    return ModelRoute.builder(id).mode(GenerationMode.TEXT_TO_VIDEO).durations(DurationRule.oneOf(5, 10))
        .hints("toapis", hints).build();
  }

  @Test
  void everyRouteWithHintsThatCannotBeUsedIsNamedWhenTheClientIsBuilt() {
    RouteCatalog catalog = RouteCatalog.builtIn().with(route("acme-a", Map.of("duration_feild", "seconds")),
        route("acme-b", Map.of("single_image", "yes")), route("acme-c", Map.of("duration_field", "seconds")));

    assertThatThrownBy(() -> VidgenClient.builder().provider(provider).catalog(catalog).build())
        .isInstanceOf(RouteHintsException.class)
        .hasMessageStartingWith("the hints of 2 routes cannot be used with provider toapis: acme-a: hints.toapis:"
            + " unknown key duration_feild")
        .satisfies(e -> assertThat(((RouteHintsException) e).problems()).hasSize(2)
            .anySatisfy(problem -> assertThat(problem).startsWith("acme-b: hints.toapis")));
    assertThat(toapis.requests()).isEmpty();
  }

  @Test
  void withTheCheckOffOnlyJobsOnARouteWithUnusableHintsAreRefusedAndNothingIsSentForThem() {
    RouteCatalog catalog = RouteCatalog.builtIn().with(route("acme-a", Map.of("duration_feild", "seconds")));

    try (VidgenClient client = VidgenClient.builder().provider(provider).catalog(catalog).checkRouteHints(false)
        .build()) {
      dev.vidgen.core.validation.ValidationReport broken =
          client.validate(dev.vidgen.core.domain.VideoJob.builder("acme-a").prompt("p").seconds(5).build());
      dev.vidgen.core.validation.ValidationReport other = client.validate(dev.vidgen.core.domain.VideoJob
          .builder("veo3.1-fast").prompt("p").build());

      assertThat(broken.errors()).singleElement().satisfies(v -> {
        assertThat(v.code()).isEqualTo(dev.vidgen.core.validation.ViolationCodes.MODEL_HINTS_UNUSABLE);
        assertThat(v.message()).contains("the route acme-a (from code) cannot be used with provider toapis:"
            + " acme-a: hints.toapis: unknown key duration_feild", "other models are not affected");
      });
      assertThat(other.isValid()).as("another route works").isTrue();
      assertThatThrownBy(() -> client.submit(dev.vidgen.core.domain.VideoJob.builder("acme-a").prompt("p").seconds(5)
          .build())).isInstanceOf(dev.vidgen.core.error.InvalidJobException.class);
    }
    assertThat(toapis.creates()).isEmpty();
  }

  @Test
  void theBuiltInRoutesAreAllUsable() {
    try (VidgenClient client = VidgenClient.builder().provider(provider).build()) {
      assertThat(client.catalog().routes()).isNotEmpty();
    }
  }

  @Test
  void aResolutionTheRouteOffersButItsResolutionValuesCannotSpellStopsTheClient() {
    ModelRoute kling = RouteCatalog.builtIn().require("kling-v2-6");
    RouteCatalog catalog = RouteCatalog.builtIn().with(kling.toBuilder().resolutions("720p", "1080p", "4k").build());

    assertThatThrownBy(() -> VidgenClient.builder().provider(provider).catalog(catalog).build())
        .isInstanceOf(RouteHintsException.class)
        .hasMessageContaining("kling-v2-6: hints.toapis.resolution_values: no value for 4k, which the route offers;"
            + " spell each of its resolutions");
    assertThat(toapis.requests()).isEmpty();
  }
}
