package dev.vidgen.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vidgen.core.domain.RouteCatalog;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A rule that names a value or mode its route does not offer, or rules that leave a value of the
 * route no job can use, are refused when the file is read, never at every job afterwards.
 */
class RouteFileRulesTest {
  private static RouteFileException failure(String json) {
    return RouteFileErrorsTest.failure(json);
  }

  /** A route offering text-to-video and image-to-video, 5 or 10 s, two ratios and two resolutions, with {@code rules}. */
  private static String route(String rules) {
    return "{\"routes\": [{\"id\": \"acme-video-2\", \"modes\": {\"text-to-video\": {}, \"image-to-video\":"
        + " {\"images\": {\"min\": 1, \"max\": 1}}}, \"seconds\": {\"one_of\": [5, 10], \"default\": 5},"
        + " \"aspect_ratios\": {\"one_of\": [\"16:9\", \"9:16\"], \"default\": \"16:9\"},"
        + " \"resolutions\": {\"one_of\": [\"720p\", \"1080p\"], \"default\": \"720p\"}, \"rules\": [" + rules + "]}]}";
  }

  @Test
  void anAtResolutionRuleWhoseSecondsTheRouteDoesNotOfferIsRefusedAsLeavingNoJob() {
    RouteFileException e = failure("""
        {"routes": [{"id": "acme-l", "modes": {"text-to-video": {}}, "seconds": {"one_of": [5], "default": 5},
          "resolutions": {"one_of": ["720p"], "default": "720p"},
          "rules": [{"kind": "at_resolution", "resolution": "720p", "seconds": [10], "reason": "720p is offered only at 10 s"}]}]}
        """);

    assertThat(e).hasMessage("acme.json: routes[0].rules[0].seconds: names 10 s, which the route does not offer"
        + " (its durations: 5 s), so no job could be made at 720p; name durations of the route");
  }

  @Test
  void anAtResolutionRuleForAResolutionTheRouteDoesNotOffer() {
    assertThat(failure(route("{\"kind\": \"at_resolution\", \"resolution\": \"4k\", \"seconds\": [5], \"reason\": \"x\"}")))
        .hasMessage("acme.json: routes[0].rules[0].resolution: names 4k, which the route does not offer"
            + " (its resolutions: 720p, 1080p), so the rule would never apply; name resolutions of the route");
    assertThat(failure("""
        {"routes": [{"id": "acme-k", "modes": {"text-to-video": {}}, "seconds": {"one_of": [5], "default": 5},
          "rules": [{"kind": "at_resolution", "resolution": "4k", "seconds": [5], "reason": "x"}]}]}
        """)).hasMessage("acme.json: routes[0].rules[0].resolution: names 4k, but the route offers no resolution,"
        + " so the rule would never apply; add resolutions to the route or leave the rule out");
  }

  @Test
  void someValuesOfAnAtResolutionRuleNotOfferedAreNamed() {
    RouteFileException e = failure(route("{\"kind\": \"at_resolution\", \"resolution\": \"1080P\", \"seconds\": [5, 12],"
        + " \"aspect_ratios\": [\"16:9\", \"4:3\"], \"modes\": [\"video-edit\"], \"reason\": \"x\"}"));

    assertThat(e.all()).extracting(RouteFileException::getMessage).containsExactly(
        "acme.json: routes[0].rules[0].seconds: names 12 s, which the route does not offer; its durations: 5 or 10 s",
        "acme.json: routes[0].rules[0].aspect_ratios: names 4:3, which the route does not offer; its aspect ratios:"
            + " 16:9, 9:16",
        "acme.json: routes[0].rules[0].modes: names video-edit, which the route does not offer (its modes:"
            + " text-to-video, image-to-video), so no job could be made at 1080P; name modes of the route");
  }

  @Test
  void aRuleForAModeTheRouteDoesNotOfferIsRefused() {
    RouteFileException e = failure(route(
        "{\"kind\": \"aspect_ratios_in_mode\", \"mode\": \"video-edit\", \"aspect_ratios\": [\"16:9\"], \"reason\": \"x\"},"
            + "{\"kind\": \"aspect_ratio_ignored_in_mode\", \"mode\": \"reference-to-video\", \"reason\": \"x\"},"
            + "{\"kind\": \"prompt_required_in\", \"modes\": [\"image-to-video\", \"video-edit\"], \"reason\": \"x\"},"
            + "{\"kind\": \"param_only\", \"param\": \"tools\", \"modes\": [\"video-edit\"], \"reason\": \"x\"}"));

    assertThat(e.all()).extracting(RouteFileException::getMessage).containsExactly(
        "acme.json: routes[0].rules[0].mode: names video-edit, which the route does not offer; its modes:"
            + " text-to-video, image-to-video",
        "acme.json: routes[0].rules[1].mode: names reference-to-video, which the route does not offer; its modes:"
            + " text-to-video, image-to-video",
        "acme.json: routes[0].rules[2].modes: names video-edit, which the route does not offer; its modes:"
            + " text-to-video, image-to-video",
        "acme.json: routes[0].rules[3].modes: names video-edit, which the route does not offer (its modes:"
            + " text-to-video, image-to-video), so the parameter tools could never be used; name modes of the route");
  }

  @Test
  void aParamOnlyRuleNamingNeitherModesNorResolutionsIsRefusedForItWouldLimitNothing() {
    assertThat(failure(route("{\"kind\": \"param_only\", \"param\": \"metadata.enable_gif\", \"reason\": \"x\"}")))
        .hasMessage("acme.json: routes[0].rules[0]: names neither modes nor resolutions, so it limits nothing and the"
            + " parameter metadata.enable_gif would be allowed everywhere; name the modes or resolutions (or both)"
            + " where it works, or leave the rule out");
    assertThat(failure(route("{\"kind\": \"param_only\", \"param\": \"audio\", \"value\": \"true\","
        + " \"modes\": [], \"resolutions\": [], \"reason\": \"x\"}")))
        .hasMessageContaining("rules[0]: names neither modes nor resolutions");
  }

  @Test
  void anAtResolutionRuleThatNamesNothingOrAnEmptyListIsRefusedForItWouldLimitNothing() {
    assertThat(failure(route("{\"kind\": \"at_resolution\", \"resolution\": \"1080p\", \"reason\": \"nothing\"}")))
        .hasMessage("acme.json: routes[0].rules[0]: names none of seconds, aspect_ratios and modes, so it limits"
            + " nothing and every job at 1080p would pass it; name what is offered at 1080p, such as \"seconds\":"
            + " [4, 8], or leave the rule out");
    assertThat(failure(route("{\"kind\": \"at_resolution\", \"resolution\": \"1080p\", \"aspect_ratios\": [],"
        + " \"reason\": \"no ratios at 1080p\"}")))
        .hasMessage("acme.json: routes[0].rules[0].aspect_ratios: [] names no aspect ratios, so it limits nothing and"
            + " every job at 1080p would pass it; name the aspect ratios offered at 1080p (such as [\"16:9\"]), or"
            + " leave aspect_ratios out (for a mode that takes no aspect ratio, use an aspect_ratios_in_mode rule"
            + " with [])");
    // Beside a list that limits, an empty one is refused all the same: its author meant it to limit too.
    RouteFileException both = failure(route("{\"kind\": \"at_resolution\", \"resolution\": \"1080p\", \"seconds\": [],"
        + " \"aspect_ratios\": [\"16:9\"], \"modes\": [], \"reason\": \"x\"}"));
    assertThat(both.all()).extracting(RouteFileException::getMessage).containsExactly(
        "acme.json: routes[0].rules[0].seconds: [] names no durations, so it limits nothing and every job at 1080p"
            + " would pass it; name the durations offered at 1080p (such as [4, 8]), or leave seconds out",
        "acme.json: routes[0].rules[0].modes: [] names no modes, so it limits nothing and every job at 1080p would"
            + " pass it; name the modes offered at 1080p (such as [\"text-to-video\"]), or leave modes out");
  }

  @Test
  void anEmptyListInAParamOnlyRuleThatNamesTheOtherIsRefused() {
    assertThat(failure(route("{\"kind\": \"param_only\", \"param\": \"metadata.enable_gif\", \"modes\": [],"
        + " \"resolutions\": [\"720p\"], \"reason\": \"x\"}")))
        .hasMessage("acme.json: routes[0].rules[0].modes: [] names no modes, so it limits nothing (the parameter"
            + " metadata.enable_gif would work in every mode); name the modes where it works, or leave modes out");
  }

  @Test
  void aPromptRequiredInAModeTheRouteDoesNotOffer() {
    assertThat(failure("""
        {"routes": [{"id": "acme-v", "modes": {"image-to-video": {"images": {"min": 1, "max": 1}}},
          "seconds": {"one_of": [5], "default": 5},
          "rules": [{"kind": "prompt_required_in", "modes": ["text-to-video"], "reason": "x"}]}]}
        """)).hasMessage("acme.json: routes[0].rules[0].modes: names text-to-video, which the route does not offer;"
        + " its modes: image-to-video");
  }

  @Test
  void aModeOfInputsThatTakesNoneIsRefusedForNoJobCouldBeMadeInIt() {
    RouteFileException e = failure("""
        {"routes": [{"id": "acme-n", "modes": {"image-to-video": {}, "video-edit": {"images": {"min": 0, "max": 1}},
          "reference-to-video": {"videos": {"min": 0, "max": 0}}}, "seconds": {"one_of": [5], "default": 5}}]}
        """);

    assertThat(e.getMessage()).startsWith("acme.json: routes[0]")
        .contains("mode image-to-video takes no image, so no job could be made in it; give it images with a max of 1")
        .contains("mode video-edit takes no video")
        .contains("mode reference-to-video takes no image and no video");
    assertThatThrownBy(() -> dev.vidgen.core.domain.ModelRoute.builder("acme-n")
        .mode(dev.vidgen.core.domain.GenerationMode.IMAGE_TO_VIDEO)
        .durations(dev.vidgen.core.domain.DurationRule.oneOf(5)).price(dev.vidgen.core.domain.PriceTable.unknown("x"))
        .build()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mode image-to-video takes no image");
  }

  @Test
  void ratioAndResolutionRulesOnARouteThatTakesNone() {
    RouteFileException e = failure("""
        {"routes": [{"id": "acme-n", "modes": {"text-to-video": {}, "image-to-video": {"images": {"min": 1, "max": 1}}},
          "seconds": {"one_of": [5], "default": 5},
          "rules": [{"kind": "aspect_ratios_in_mode", "mode": "image-to-video", "aspect_ratios": ["16:9"], "reason": "x"},
                    {"kind": "aspect_ratio_ignored_in_mode", "mode": "image-to-video", "reason": "x"},
                    {"kind": "param_only", "param": "audio", "resolutions": ["1080p"], "reason": "x"}]}]}
        """);

    assertThat(e.all()).extracting(RouteFileException::getMessage).containsExactly(
        "acme.json: routes[0].rules[0].aspect_ratios: names 16:9, but the route takes no aspect ratio,"
            + " so no job could be made in image-to-video; add aspect_ratios to the route or leave the rule out",
        "acme.json: routes[0].rules[1]: the route takes no aspect ratio, so there is none to ignore;"
            + " leave the rule out",
        "acme.json: routes[0].rules[2].resolutions: names 1080p, but the route offers no resolution,"
            + " so the parameter audio could never be used; add resolutions to the route or leave the rule out");
  }

  @Test
  void aSecondUrlSchemesRuleIsRefusedSinceOnlyTheFirstWouldCount() {
    assertThat(failure(route("{\"kind\": \"url_schemes\", \"schemes\": [\"https\"], \"reason\": \"x\"},"
        + "{\"kind\": \"url_schemes\", \"schemes\": [\"data\"], \"reason\": \"x\"}")))
        .hasMessage("acme.json: routes[0].rules[1]: a second url_schemes rule; only the first (rules[0]) would be"
            + " used; give every scheme in one rule");
  }

  @Test
  void twoRulesForOneResolutionThatLeaveNoDurationAreRefused() {
    assertThat(failure(route(
        "{\"kind\": \"at_resolution\", \"resolution\": \"1080p\", \"seconds\": [5], \"reason\": \"1080p only at 5 s\"},"
            + "{\"kind\": \"at_resolution\", \"resolution\": \"1080P\", \"seconds\": [10], \"reason\": \"1080p only at 10 s\"}")))
        .hasMessage("acme.json: routes[0].rules: no job could be made at 1080p: rules[0] (1080p only at 5 s)"
            + " and rules[1] (1080p only at 10 s) leave no duration, aspect ratio and mode together;"
            + " let at least one combination of the route's values through");
  }

  @Test
  void rulesThatLeaveAModeUsableNowhereAreRefused() {
    RouteFileException e = failure("""
        {"routes": [{"id": "acme-m", "modes": {"text-to-video": {}, "image-to-video": {"images": {"min": 1, "max": 1}}},
          "seconds": {"one_of": [5], "default": 5},
          "aspect_ratios": {"one_of": ["16:9", "9:16"], "default": "16:9"},
          "resolutions": {"one_of": ["720p"], "default": "720p"},
          "rules": [{"kind": "at_resolution", "resolution": "720p", "aspect_ratios": ["16:9"], "reason": "720p is wide"},
                    {"kind": "aspect_ratios_in_mode", "mode": "image-to-video", "aspect_ratios": ["9:16"], "reason": "tall"}]}]}
        """);

    assertThat(e).hasMessage("acme.json: routes[0].rules: no job could be made in image-to-video: rules[0] (720p is"
        + " wide) and rules[1] (tall) leave no duration, aspect ratio and resolution together;"
        + " let at least one combination of the route's values through");
  }

  @Test
  void aPatchThatTakesAwayWhatAKeptRuleNamesIsRefusedAtThePatch() {
    RouteFileException e = failure("""
        {"patch": {"MiniMax-Hailuo-2.3": {"seconds": {"one_of": [10], "default": 10}}}}
        """);

    assertThat(e).hasMessage("acme.json: patch[\"MiniMax-Hailuo-2.3\"]: rules[0] (kept from the route): names 6 s,"
        + " which the route does not offer (its durations: 10 s), so no job could be made at 1080P;"
        + " name durations of the route");
  }

  @Test
  void rulesThatFitTheirRouteAreRead() {
    assertThatCode(() -> RouteFiles.layer(RouteCatalog.of(List.of()), "acme.json", route(
        "{\"kind\": \"at_resolution\", \"resolution\": \"1080P\", \"seconds\": [5], \"aspect_ratios\": [\"16:9\"],"
            + " \"modes\": [\"text-to-video\"], \"reason\": \"x\"},"
            + "{\"kind\": \"aspect_ratios_in_mode\", \"mode\": \"image-to-video\", \"aspect_ratios\": [], \"reason\": \"x\"},"
            + "{\"kind\": \"aspect_ratio_ignored_in_mode\", \"mode\": \"text-to-video\", \"reason\": \"x\"},"
            + "{\"kind\": \"param_only\", \"param\": \"audio\", \"modes\": [\"text-to-video\"], \"resolutions\": [\"720p\"],"
            + " \"reason\": \"x\"},"
            + "{\"kind\": \"prompt_required_in\", \"modes\": [\"image-to-video\"], \"reason\": \"x\"},"
            + "{\"kind\": \"url_schemes\", \"schemes\": [\"https\", \"data\"], \"reason\": \"x\"}")))
        .doesNotThrowAnyException();
    assertThat(RouteFiles.builtIn().routes()).as("the built-in routes, read by the same checks").isNotEmpty();
  }

  @Test
  void parameterListRulesAreReadIntoTheRouteAsTheJavaBuilderMakesThem() {
    RouteCatalog catalog = RouteFiles.layer(RouteCatalog.of(List.of()), "acme.json", route(
        "{\"kind\": \"param_max_items\", \"param\": \"audio_with_roles\", \"max\": 3, \"reason\": \"3 at most\"},"
            + "{\"kind\": \"param_needs_inputs\", \"param\": \"audio_with_roles\", \"reason\": \"never alone\"}"));

    assertThat(catalog.find("acme-video-2").orElseThrow().rules()).containsExactly(
        dev.vidgen.core.domain.RouteRule.paramMaxItems("audio_with_roles", 3, "3 at most"),
        dev.vidgen.core.domain.RouteRule.paramNeedsInputs("audio_with_roles", "never alone"));
  }

  @Test
  void aMaximumBelowOneAndANeedForInputsOnARouteThatTakesNoneAreRefusedInFilesAndInJava() {
    assertThat(failure(route("{\"kind\": \"param_max_items\", \"param\": \"audio_with_roles\", \"max\": 0,"
        + " \"reason\": \"x\"}")))
        .hasMessage("acme.json: routes[0].rules[0].max: max (a whole number of 1 or more) must be 1 or more, got 0");
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> dev.vidgen.core.domain.RouteRule.paramMaxItems("audio_with_roles", 0, "x"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("max 0 is below 1");

    RouteFileException e = failure("""
        {"routes": [{"id": "acme-t", "modes": {"text-to-video": {}}, "seconds": {"one_of": [5], "default": 5},
          "rules": [{"kind": "param_needs_inputs", "param": "audio_with_roles", "reason": "never alone"}]}]}
        """);
    assertThat(e).hasMessage("acme.json: routes[0].rules[0]: the route takes no images or videos in any mode, so the"
        + " parameter audio_with_roles could never be used; leave the rule out or add a mode that takes them");
  }

  @Test
  void aParameterWithAllowedValuesAndAValueLimitedToModesIsReadAsTheJavaBuilderMakesIt() {
    RouteCatalog catalog = RouteFiles.layer(RouteCatalog.of(List.of()), "acme.json", route(
        "{\"kind\": \"param_one_of\", \"param\": \"operation\", \"one_of\": [\"make\", \"extend\"], \"reason\": \"two\"},"
            + "{\"kind\": \"param_only\", \"param\": \"operation\", \"value\": \"extend\","
            + " \"modes\": [\"image-to-video\"], \"reason\": \"needs an image\"}"));

    assertThat(catalog.find("acme-video-2").orElseThrow().rules()).containsExactly(
        dev.vidgen.core.domain.RouteRule.paramOneOf("operation", "two", "make", "extend"),
        dev.vidgen.core.domain.RouteRule.paramValueOnlyIn("operation", "extend", "needs an image",
            dev.vidgen.core.domain.GenerationMode.IMAGE_TO_VIDEO));
  }

  @Test
  void noAllowedValueOrALimitedValueThatIsNotAllowedIsRefused() {
    assertThat(failure(route("{\"kind\": \"param_one_of\", \"param\": \"operation\", \"one_of\": [],"
        + " \"reason\": \"x\"}")))
        .hasMessage("acme.json: routes[0].rules[0].one_of: no value is allowed, so operation could never be given;"
            + " name at least one, or leave the parameter out of params");
    assertThat(failure(route("{\"kind\": \"param_one_of\", \"param\": \"operation\", \"one_of\": [\"make\"],"
        + " \"reason\": \"x\"}, {\"kind\": \"param_only\", \"param\": \"operation\", \"value\": \"extnd\","
        + " \"modes\": [\"image-to-video\"], \"reason\": \"x\"}")))
        .hasMessage("acme.json: routes[0].rules[1].value: names \"extnd\", which the route's param_one_of rule for"
            + " operation does not allow (allowed: make), so the rule would never apply; name an allowed value");
  }

  @Test
  void imagePixelLimitsAreReadAsTheJavaBuilderMakesThem() {
    RouteCatalog catalog = RouteFiles.layer(RouteCatalog.of(List.of()), "acme.json", route(
        "{\"kind\": \"image_pixels\", \"min_short_side\": 301, \"min_ratio\": \"2:5\", \"max_ratio\": \"5:2\","
            + " \"reason\": \"the provider's limits\"}"));
    RouteCatalog shortSideOnly = RouteFiles.layer(RouteCatalog.of(List.of()), "acme.json", route(
        "{\"kind\": \"image_pixels\", \"min_short_side\": 512, \"reason\": \"x\"}"));

    assertThat(catalog.find("acme-video-2").orElseThrow().rules())
        .containsExactly(dev.vidgen.core.domain.RouteRule.imagePixels(301, "2:5", "5:2", "the provider's limits"));
    assertThat(shortSideOnly.find("acme-video-2").orElseThrow().rules())
        .containsExactly(dev.vidgen.core.domain.RouteRule.imagePixels(512, null, null, "x"));
  }

  @Test
  void badImagePixelLimitsAreRefusedEachAtItsKey() {
    RouteFileException e = failure(route("{\"kind\": \"image_pixels\", \"min_short_side\": 0,"
        + " \"min_ratio\": \"2/5\", \"max_ratio\": 2.5, \"reason\": \"x\"}"));

    assertThat(e.all()).extracting(RouteFileException::getMessage).containsExactly(
        "acme.json: routes[0].rules[0].min_short_side: min_short_side (the fewest pixels an image's short side may"
            + " have) must be 1 or more, got 0",
        "acme.json: routes[0].rules[0].min_ratio: min_ratio \"2/5\" is not W:H; allowed: two whole numbers of 1 or"
            + " more (at most 9 digits) with a colon between them, such as \"2:5\"",
        "acme.json: routes[0].rules[0].max_ratio: expected max_ratio (the widest width:height allowed, such as"
            + " \"5:2\") (a non-blank string), got the number 2.5");
    assertThat(failure(route("{\"kind\": \"image_pixels\", \"min_ratio\": \"5:2\", \"max_ratio\": \"2:5\","
        + " \"reason\": \"x\"}")))
        .hasMessage("acme.json: routes[0].rules[0].min_ratio: min ratio 5:2 is wider than max ratio 2:5, so no image"
            + " would fit; give the taller ratio (such as 2:5) as the min and the wider (such as 5:2) as the max");
    assertThat(failure(route("{\"kind\": \"image_pixels\", \"reason\": \"x\"}")))
        .hasMessage("acme.json: routes[0].rules[0]: an image_pixels rule limits nothing without min_short_side,"
            + " min_ratio or max_ratio; give at least one, such as {\"min_short_side\": 301, \"min_ratio\": \"2:5\","
            + " \"max_ratio\": \"5:2\"}");
    assertThat(failure(route("{\"kind\": \"image_pixels\", \"min_short_side\": 301, \"reason\": \"x\"},"
        + " {\"kind\": \"image_pixels\", \"max_ratio\": \"5:2\", \"reason\": \"y\"}")))
        .hasMessage("acme.json: routes[0].rules[1]: a second image_pixels rule beside rules[0]; give every limit in"
            + " one rule");
  }

  @Test
  void imagePixelLimitsOnARouteThatTakesNoImageAreRefused() {
    RouteFileException e = failure("""
        {"routes": [{"id": "acme-t", "modes": {"text-to-video": {}}, "seconds": {"one_of": [5], "default": 5},
          "rules": [{"kind": "image_pixels", "min_short_side": 301, "reason": "x"}]}]}
        """);

    assertThat(e).hasMessage("acme.json: routes[0].rules[0]: the route takes no images in any mode, so the"
        + " image_pixels rule would never apply; leave the rule out or add a mode that takes images");
  }
}
