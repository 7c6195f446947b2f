package dev.vidgen.core.domain;

import static dev.vidgen.core.domain.GenerationMode.IMAGE_TO_VIDEO;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** The built-in catalog (read from its route file): which routes exist and their prices. */
class BuiltInRoutesTest {
  private static final RouteCatalog CATALOG = RouteCatalog.builtIn();

  static Stream<ModelRoute> routes() {
    return CATALOG.routes().stream();
  }

  @Test
  void coversEveryVideoModelOfTheReference() {
    assertThat(CATALOG.size()).isGreaterThanOrEqualTo(20);
    assertThat(CATALOG.ids()).contains(
        "grok-video-1.5-preview", "grok-video-1.5", "grok-video-1.0", "grok-imagine-1.0-video",
        "sora-2", "sora-2-pro", "sora-2-vip", "sora-2-vvip", "sora-2-official",
        "veo3.1-fast", "veo3.1-quality", "veo3.1-lite",
        "Veo3.1-quality-official", "Veo3.1-fast-official", "Veo3.1-lite-official",
        "seedance-2", "seedance-2-fast", "seedance-2-mini", "seedance-2-5",
        "doubao-seedance-1-5-pro", "doubao-seedance-1-0-pro-fast", "doubao-seedance-1-0-pro-quality",
        "kling-v3", "kling-v2-6", "kling-3.0-turbo",
        "wan2.6", "wan2.6-flash",
        "MiniMax-Hailuo-2.3", "MiniMax-Hailuo-2.3-Fast", "MiniMax-Hailuo-02", "MiniMax-H3",
        "viduq3-pro", "viduq3-turbo", "viduq3",
        "happyhorse-1.1", "gemini-omni-flash", "gemini_omni");
  }

  @Test
  void grokVideo15PreviewIsExactlyAsDocumented() {
    ModelRoute route = CATALOG.require("grok-video-1.5-preview");

    assertThat(route.modes()).containsExactly(IMAGE_TO_VIDEO);
    assertThat(route.imagesFor(IMAGE_TO_VIDEO)).isEqualTo(IntRange.exactly(1));
    assertThat(route.durations().values()).containsExactly(10, 15);
    assertThat(route.durations().defaultSeconds()).isEqualTo(10);
    assertThat(route.aspectRatios()).containsExactly("16:9", "9:16", "3:2", "2:3", "1:1");
    assertThat(route.defaultAspectRatio()).isEqualTo("16:9");
    assertThat(route.resolutions()).isEmpty();
    assertThat(route.maxPromptChars()).isEqualTo(1200);
    assertThat(route.promptRequired()).isTrue();
  }

  @Test
  void aModeThatTakesOrIgnoresNoAspectRatioHasNoDefaultOne() {
    assertThat(CATALOG.require("wan2.6").defaultAspectRatioFor(IMAGE_TO_VIDEO)).as("takes none").isNull();
    assertThat(CATALOG.require("wan2.6").defaultAspectRatioFor(GenerationMode.TEXT_TO_VIDEO)).isEqualTo("16:9");
    assertThat(CATALOG.require("happyhorse-1.1").defaultAspectRatioFor(IMAGE_TO_VIDEO)).as("ignores it").isNull();
    assertThat(CATALOG.require("MiniMax-H3").defaultAspectRatioFor(GenerationMode.TEXT_TO_VIDEO)).isEqualTo("16:9");
    assertThat(CATALOG.require("grok-video-1.5-preview").defaultAspectRatioFor(IMAGE_TO_VIDEO)).isEqualTo("16:9");
  }

  @Test
  void aModeThatAllowsOneAspectRatioOnlyDefaultsToIt() {
    ModelRoute seedance = CATALOG.require("seedance-2-5");

    assertThat(seedance.defaultAspectRatioFor(IMAGE_TO_VIDEO)).isEqualTo("adaptive");
    assertThat(seedance.defaultAspectRatioFor(GenerationMode.VIDEO_EDIT)).isEqualTo("adaptive");
    assertThat(seedance.defaultAspectRatioFor(GenerationMode.TEXT_TO_VIDEO)).as("no rule, no route default").isNull();
    assertThat(seedance.aspectRatiosFor(IMAGE_TO_VIDEO)).containsExactly("adaptive");
    assertThat(seedance.aspectRatiosFor(GenerationMode.TEXT_TO_VIDEO)).isEqualTo(seedance.aspectRatios());
    assertThat(CATALOG.require("wan2.6").aspectRatiosFor(IMAGE_TO_VIDEO)).as("takes none").isEmpty();
    assertThat(CATALOG.require("happyhorse-1.1").aspectRatiosFor(IMAGE_TO_VIDEO)).as("ignores it").isEmpty();
  }

  @Test
  void grokVideo15PreviewCostsTenAndFifteenCentsThatIsTwentyAndThirtyCredits() {
    PriceTable.PerRequest price = (PriceTable.PerRequest) CATALOG.require("grok-video-1.5-preview").price();

    assertThat(price.usdBySeconds()).containsExactly(
        Map.entry(10, new BigDecimal("0.10")), Map.entry(15, new BigDecimal("0.15")));
    assertThat(price.usdBySeconds().get(10).multiply(BigDecimal.valueOf(200))).isEqualByComparingTo("20");
    assertThat(price.usdBySeconds().get(15).multiply(BigDecimal.valueOf(200))).isEqualByComparingTo("30");
  }

  @Test
  void grokVideo15CostsOneCentPerSecond() {
    assertThat(CATALOG.require("grok-video-1.5").price()).isEqualTo(PriceTable.perSecond("0.01"));
  }

  @Test
  void everyOtherPriceIsUnknownWithAReasonNeverZero() {
    List<ModelRoute> others = routes()
        .filter(route -> !route.id().equals("grok-video-1.5-preview") && !route.id().equals("grok-video-1.5"))
        .toList();

    assertThat(others).allSatisfy(route -> assertThat(route.price()).isInstanceOfSatisfying(PriceTable.Unknown.class,
        unknown -> assertThat(unknown.reason()).contains("toapis.com/pricing")));
  }

  @Test
  void wan26FlashSaysItsPriceIsInYuanOnly() {
    assertThat(CATALOG.require("wan2.6-flash").price()).isInstanceOfSatisfying(PriceTable.Unknown.class,
        unknown -> assertThat(unknown.reason()).contains("CNY", "no USD price"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("routes")
  void everyRuleNamesValuesTheRouteOffers(ModelRoute route) {
    for (RouteRule rule : route.rules()) {
      if (rule instanceof RouteRule.AtResolution at) {
        assertThat(route.offeredResolution(at.resolution())).as(rule.toString()).isPresent();
        assertThat(route.durations().values()).containsAll(at.seconds());
        assertThat(route.aspectRatios()).containsAll(at.aspectRatios());
        assertThat(route.modes()).containsAll(at.modes());
      } else if (rule instanceof RouteRule.RatiosInMode ratios) {
        assertThat(route.modes()).contains(ratios.mode());
        assertThat(route.aspectRatios()).containsAll(ratios.aspectRatios());
      } else if (rule instanceof RouteRule.RatioIgnoredInMode ignored) {
        assertThat(route.modes()).contains(ignored.mode());
      } else if (rule instanceof RouteRule.WhenParam param) {
        assertThat(route.knownParams()).as(rule.toString()).contains(param.param().split("\\.")[0]);
        param.resolutions().forEach(r -> assertThat(route.offeredResolution(r)).as(rule.toString()).isPresent());
        assertThat(route.modes()).containsAll(param.modes());
      } else if (rule instanceof RouteRule.PromptRequiredIn prompt) {
        assertThat(route.modes()).containsAll(prompt.modes());
      }
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"seedance-2", "seedance-2-fast", "seedance-2-mini"})
  void seedance2SaysThePromptGuidanceOfItsChinesePageAsANoteNotALimit(String id) {
    ModelRoute route = CATALOG.require(id);
    assertThat(route.maxPromptChars()).as("guidance, not a limit").isNull();
    assertThat(route.sourceNote()).hasValueSatisfying(note -> assertThat(note)
        .contains("at most 500 Chinese characters or 1000 English words (not checked)"));
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource({"grok-video-1.5-preview", "grok-video-1.5", "gemini-omni-flash", "viduq3-pro", "viduq3",
      "doubao-seedance-1-0-pro-fast"})
  void saysInItsNoteWhereTheSourcesDisagreeAndWhichIsFollowed(String id) {
    assertThat(CATALOG.require(id).sourceNote()).hasValueSatisfying(note -> assertThat(note).contains("is followed"));
  }
}
