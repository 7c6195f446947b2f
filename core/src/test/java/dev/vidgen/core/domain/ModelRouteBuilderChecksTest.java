package dev.vidgen.core.domain;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A route built in code is refused for the mistakes a route file's reader refuses, in the same words. */
class ModelRouteBuilderChecksTest {
  private static ModelRoute.Builder route() {
    return ModelRoute.builder("acme-j4").mode(GenerationMode.TEXT_TO_VIDEO).durations(DurationRule.oneOf(5, 10))
        .resolutions("720p");
  }

  @Test
  void aPriceForADurationOrAResolutionTheRouteDoesNotOfferIsRefusedNamingWhatItOffers() {
    assertThatThrownBy(() -> route().price(PriceTable.perRequest(Map.of(5, "0.10", 7, "0.14"))).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("acme-j4: price per_request_usd.7: a price for 7 s, which the route does not offer; its durations:"
            + " " + DurationRule.oneOf(5, 10).describe() + " s");
    assertThatThrownBy(() -> route().price(PriceTable.byResolution(Map.of("4k", PriceTable.perSecond("0.40")))).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("acme-j4: price by_resolution.4k: a price for 4k, which the route does not offer; its resolutions:"
            + " 720p");
    assertThatCode(() -> route().price(PriceTable.byResolution(Map.of("720P", PriceTable.perRequest(
        Map.of(5, "0.10", 10, "0.20"))))).build()).as("resolutions compare in any case").doesNotThrowAnyException();
  }

  @Test
  void aResolutionWithASpaceIsRefused() {
    assertThatThrownBy(() -> route().resolutions(" 720p", "1080p").build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("acme-j4: the resolution \" 720p\" has a space");
  }

  @Test
  void aRetirementThatNamesTheRouteItselfInsteadIsRefused() {
    assertThatThrownBy(() -> route().aliases("acme-j4-alias")
        .retired(new Retirement(LocalDate.of(2026, 1, 1), "gone", List.of("acme-j5", "ACME-J4-alias"))).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("acme-j4: its retirement names the route itself instead; name the routes to choose instead of it");
  }

  @Test
  void aRouteWithSeveralFaultsIsRefusedOnceListingEachFaultOnceAndNeverWithANullPointerException() {
    assertThatThrownBy(() -> ModelRoute.builder("acme-j9").aspectRatios(List.of("wide", "wide"), null)
        .resolutions("720p").price(PriceTable.byResolution(Map.of("4k", PriceTable.perSecond("0.40"))))
        .retired(new Retirement(LocalDate.of(2026, 1, 1), "gone", List.of("acme-j9"))).build())
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("acme-j9: a route offers at least one mode; allowed modes: " + modeIds()
            + "; and the durations are missing; give the durations the route accepts and their default, such as"
            + " DurationRule.oneOf(5, 10)"
            + "; and aspect ratio \"wide\" is not W:H; allowed: two whole numbers of 1 or more with a colon between"
            + " them, such as \"16:9\" or \"21:9\", or \"adaptive\""
            + "; and price by_resolution.4k: a price for 4k, which the route does not offer; its resolutions: 720p"
            + "; and its retirement names the route itself instead; name the routes to choose instead of it");
  }

  @Test
  void aModeThatTakesNoInputIsToldBesideMissingDurations() {
    assertThatThrownBy(() -> ModelRoute.builder("acme-j8").mode(GenerationMode.IMAGE_TO_VIDEO).build())
        .isExactlyInstanceOf(IllegalArgumentException.class)
        .hasMessage("acme-j8: the durations are missing; give the durations the route accepts and their default,"
            + " such as DurationRule.oneOf(5, 10); and mode image-to-video takes no image, so no job could be made"
            + " in it; give it images with a max of 1 or more");
  }

  private static String modeIds() {
    return java.util.Arrays.stream(GenerationMode.values()).map(GenerationMode::id)
        .collect(java.util.stream.Collectors.joining(", "));
  }
}
