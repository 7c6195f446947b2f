package dev.vidgen.core.catalog;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vidgen.core.domain.GenerationMode;
import dev.vidgen.core.domain.IntRange;
import dev.vidgen.core.domain.ModelRoute;
import dev.vidgen.core.domain.PriceTable;
import dev.vidgen.core.domain.RouteCatalog;
import dev.vidgen.core.domain.RouteRule;
import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.core.pricing.PriceQuote;
import dev.vidgen.core.pricing.Pricing;
import dev.vidgen.core.validation.JobValidator;
import dev.vidgen.core.validation.ViolationCodes;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Route files layered over the built-in catalog: add, replace, patch and remove, in order. */
class RouteFilesTest {
  /** The example of issue 10 and docs/routes.md. */
  static final String ACME = """
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

  @TempDir Path folder;

  @Test
  void theBuiltInCatalogIsReadFromItsRouteFile() {
    RouteCatalog builtIn = RouteFiles.builtIn();

    assertThat(builtIn.size()).isEqualTo(37);
    assertThat(builtIn).isSameAs(RouteCatalog.builtIn());
    assertThat(builtIn.origin("seedance-2")).contains("built-in");
    assertThat(builtIn.require("grok-video-1.5-preview").price())
        .isEqualTo(PriceTable.perRequest(Map.of(10, "0.10", 15, "0.15")));
  }

  @Test
  void theExampleFileAddsARoutePatchesAPriceAndRemovesAModel() throws IOException {
    Path file = Files.writeString(folder.resolve("acme.json"), ACME);

    RouteCatalog catalog = RouteFiles.load(RouteCatalog.builtIn(), List.of(file));

    ModelRoute acme = catalog.require("acme-video-2");
    assertThat(acme.family()).isEqualTo("Acme");
    assertThat(acme.modes()).containsExactly(GenerationMode.TEXT_TO_VIDEO, GenerationMode.IMAGE_TO_VIDEO);
    assertThat(acme.imagesFor(GenerationMode.IMAGE_TO_VIDEO)).isEqualTo(IntRange.exactly(1));
    assertThat(acme.durations().values()).containsExactly(5, 10);
    assertThat(acme.defaultAspectRatio()).isEqualTo("16:9");
    assertThat(acme.maxPromptChars()).isEqualTo(2000);
    assertThat(Pricing.quote(acme, VideoJob.builder("acme-video-2").prompt("a fox").seconds(10).build()).credits())
        .isEqualByComparingTo("100");
    assertThat(catalog.origin("acme-video-2")).contains(file.toString());

    ModelRoute seedance = catalog.require("seedance-2");
    assertThat(seedance.price()).isEqualTo(PriceTable.perSecond("0.04"));
    assertThat(seedance).isEqualTo(RouteCatalog.builtIn().require("seedance-2").toBuilder()
        .price(PriceTable.perSecond("0.04")).build());
    assertThat(catalog.origin("seedance-2")).contains("built-in, patched by " + file);

    assertThat(catalog.find("kling-v3")).isEmpty();
    assertThat(catalog.size()).isEqualTo(37);
    assertThat(RouteCatalog.builtIn().find("kling-v3")).as("the built-in catalog is untouched").isPresent();
    assertThat(catalog.removedBy("KLING-V3")).contains(file.toString());
    assertThat(JobValidator.of(catalog).validate(VideoJob.builder("kling-v3").prompt("a fox").build()).errors())
        .singleElement().satisfies(error -> assertThat(error.message())
            .contains("kling-v3 was removed from the catalog by " + file + " (its remove list)"));
    assertThat(catalog.with(RouteCatalog.builtIn().require("kling-v3")).removedBy("kling-v3"))
        .as("added again, no longer removed").isEmpty();
  }

  @Test
  void aLaterFileReplacesAWholeRouteAndPatchesWhatAnEarlierOneAdded() {
    RouteCatalog first = RouteFiles.layer(RouteCatalog.builtIn(), "first.json", ACME);
    RouteCatalog second = RouteFiles.layer(first, "second.json", """
        {"routes": [{"id": "grok-video-1.5", "modes": {"text-to-video": {}}, "seconds": {"min": 2, "max": 4, "default": 3}}],
         "patch": {"acme-video-2": {"seconds": {"min": 3, "max": 12, "default": 6}, "note": "longer now"}}}
        """);

    ModelRoute grok = second.require("grok-video-1.5");
    assertThat(grok.modes()).containsExactly(GenerationMode.TEXT_TO_VIDEO);
    assertThat(grok.displayName()).isEqualTo("grok-video-1.5");
    assertThat(grok.price()).isEqualTo(PriceTable.unknown("no price is stated in second.json"));
    ModelRoute acme = second.require("acme-video-2");
    assertThat(acme.durations().describe()).isEqualTo("3 to 12");
    assertThat(acme.sourceNote()).contains("longer now");
    assertThat(acme.price()).isEqualTo(PriceTable.perSecond("0.05"));
    assertThat(second.origin("acme-video-2")).contains("first.json, patched by second.json");
  }

  @Test
  void pricesByResolutionQuoteTheJobsResolutionOrTheDefault() {
    RouteCatalog catalog = RouteFiles.layer(RouteCatalog.builtIn(), "prices.json", """
        {"patch": {"seedance-2": {"price": {"by_resolution": {
            "480p": {"per_second_usd": "0.02"},
            "720p": {"per_second_usd": "0.04"},
            "1080p": {"per_request_usd": {"5": "0.50", "10": "1.00"}}}}}}}
        """);
    ModelRoute route = catalog.require("seedance-2");

    PriceQuote byDefault = Pricing.quote(route, VideoJob.builder("seedance-2").prompt("p").seconds(5).build());
    PriceQuote hd = Pricing.quote(route, VideoJob.builder("seedance-2").prompt("p").resolution("1080P").seconds(10).build());
    PriceQuote fourK = Pricing.quote(route, VideoJob.builder("seedance-2").prompt("p").resolution("4k").build());

    assertThat(byDefault.usd()).isEqualByComparingTo("0.20");
    assertThat(byDefault.credits()).isEqualByComparingTo("40");
    assertThat(byDefault.basis()).isEqualTo("$0.04 per second × 5 s, 720p (the route's default)");
    assertThat(hd.usd()).isEqualByComparingTo("1.00");
    assertThat(hd.basis()).isEqualTo("per request, 10 s, 1080p");
    assertThat(fourK.isKnown()).isFalse();
    assertThat(fourK.basis()).isEqualTo("no price for 4k; priced resolutions: 480p, 720p, 1080p");
  }

  @Test
  void rulesRetirementAndHintsAreReadAsWritten() {
    RouteCatalog catalog = RouteFiles.layer(RouteCatalog.of(), "rules.json", """
        {"routes": [{"id": "acme-video-3", "modes": {"text-to-video": {}, "image-to-video": {"images": {"min": 1, "max": 2}}},
          "seconds": {"one_of": [6, 10], "default": 6},
          "resolutions": {"one_of": ["768P", "1080P"]},
          "params": ["seed", "metadata"],
          "rules": [{"kind": "at_resolution", "resolution": "1080P", "seconds": [6], "reason": "1080P only at 6 s"},
                    {"kind": "param_only", "param": "metadata.gif", "resolutions": ["768P"], "reason": "no GIF at 1080P"}],
          "hints": {"toapis": {"image_field": "images", "client_reference": true}, "other": {"x": [1, 0.50]}},
          "retired": {"on": "2026-09-24", "note": "gone", "instead": ["acme-video-4"]}},
          {"id": "acme-video-4", "modes": {"text-to-video": {}}, "seconds": {"one_of": [6], "default": 6}}]}
        """);
    ModelRoute route = catalog.require("acme-video-3");

    assertThat(route.defaultResolution()).isNull();
    assertThat(route.rules()).containsExactly(
        new RouteRule.AtResolution("1080P", java.util.Set.of(6), List.of(), java.util.Set.of(), "1080P only at 6 s"),
        new RouteRule.WhenParam("metadata.gif", java.util.Set.of(), List.of("768P"), "no GIF at 1080P"));
    assertThat(route.hintsFor("toapis")).containsEntry("image_field", "images").containsEntry("client_reference", true);
    assertThat(route.hintsFor("other").get("x")).isEqualTo(List.of(1L, new BigDecimal("0.50")));
    assertThat(route.retired()).hasValueSatisfying(retired -> {
      assertThat(retired.on()).hasToString("2026-09-24");
      assertThat(retired.instead()).containsExactly("acme-video-4");
    });
    assertThat(JobValidator.of(catalog).validate(
        VideoJob.builder("acme-video-3").prompt("p").resolution("1080P").seconds(10).build()).errors())
        .extracting(v -> v.message()).anySatisfy(message -> assertThat(message).contains("1080P only at 6 s"));
  }

  @Test
  void aRouteIsFoundByItsAliasesAndSendsTheNameAJobGives() {
    RouteCatalog catalog = RouteFiles.layer(RouteCatalog.of(), "aliases.json", """
        {"routes": [{"id": "acme-video-5", "aliases": ["acme_video_5", "acme-v5"],
          "modes": {"text-to-video": {}}, "seconds": {"one_of": [5], "default": 5}}]}
        """);
    ModelRoute route = catalog.require("acme-video-5");

    assertThat(route.names()).containsExactly("acme-video-5", "acme_video_5", "acme-v5");
    assertThat(catalog.find("acme_video_5")).containsSame(route);
    assertThat(catalog.find("ACME-V5")).containsSame(route);
    assertThat(catalog.find("acme-v6")).isEmpty();
    assertThat(route.nameFor("acme_video_5")).isEqualTo("acme_video_5");
    assertThat(route.nameFor("ACME-V5")).isEqualTo("acme-v5");
    assertThat(route.nameFor("ACME-video-5")).isEqualTo("acme-video-5");
    assertThat(JobValidator.of(catalog).validate(VideoJob.builder("acme_video_5").prompt("p").build()).isValid()).isTrue();
    assertThat(RouteFiles.layer(catalog, "patch.json", "{\"patch\": {\"acme-video-5\": {\"aliases\": []}}}")
        .find("acme_video_5")).isEmpty();
  }

  @Test
  void anotherRoutesIdInAnyCaseCannotBeAnAliasSoItNeverHidesThatRoute() {
    ModelRoute seedance = RouteCatalog.builtIn().require("seedance-2");
    ModelRoute shadow = RouteCatalog.builtIn().require("kling-v3").toBuilder().aliases("Seedance-2").build();

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> RouteCatalog.of(shadow, seedance))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("id \"seedance-2\" is already a name of the route \"kling-v3\"");
    assertThat(RouteCatalog.builtIn().find("SEEDANCE-2")).containsSame(seedance);
  }

  @Test
  void theBuiltInGeminiOmniFlashIsAlsoFoundUnderTheNameItsPageGives() {
    ModelRoute route = RouteCatalog.builtIn().require("gemini_omni_flash");

    assertThat(route.id()).isEqualTo("gemini-omni-flash");
    assertThat(RouteCatalog.builtIn().require("gemini_omni").id()).isEqualTo("gemini_omni");
  }

  @Test
  @SuppressWarnings("unchecked")
  void aPatchOfOneHintKeepsTheRoutesOtherHintsAndNullRemovesAHintOrAProvidersHints() {
    RouteCatalog tweaked = RouteFiles.layer(RouteCatalog.builtIn(), "hint.json",
        "{\"patch\": {\"seedance-2\": {\"hints\": {\"toapis\": {\"duration_field\": \"duration\","
            + " \"legacy_inputs\": null}}}}}");

    Map<String, Object> toapis = (Map<String, Object>) tweaked.require("seedance-2").hints().get("toapis");
    assertThat(toapis).as("the hint changed, the others kept").containsEntry("duration_field", "duration")
        .containsEntry("client_reference", true).containsKeys("images_by_mode", "videos_by_mode")
        .doesNotContainKey("legacy_inputs");

    RouteCatalog cleared = RouteFiles.layer(RouteCatalog.builtIn(), "none.json",
        "{\"patch\": {\"seedance-2\": {\"hints\": {\"toapis\": null}}}}");
    assertThat(cleared.require("seedance-2").hints()).doesNotContainKey("toapis");
  }

  @Test
  void aPatchWithRetiredNullBringsARetiredRouteBack() {
    assertThat(RouteCatalog.builtIn().require("sora-2").retired()).isPresent();

    RouteCatalog catalog = RouteFiles.layer(RouteCatalog.builtIn(), "back.json", "{\"patch\": {\"sora-2\": {\"retired\": null}}}");

    assertThat(catalog.require("sora-2").retired()).isEmpty();
    assertThat(catalog.origin("sora-2")).hasValue("built-in, patched by back.json");
    assertThat(JobValidator.of(catalog).validate(
        VideoJob.builder("sora-2").prompt("A lighthouse at dusk").seconds(10).build()).errors()).isEmpty();
  }

  @Test
  void retiredNullInAWholeRouteIsARouteThatIsNotRetired() {
    RouteCatalog catalog = RouteFiles.layer(RouteCatalog.of(), "acme.json", """
        {"routes": [{"id": "acme-video-5", "modes": {"text-to-video": {}}, "seconds": {"one_of": [5], "default": 5},
                     "retired": null}]}
        """);

    assertThat(catalog.require("acme-video-5").retired()).isEmpty();
  }

  @Test
  void aFileThatStartsWithAByteOrderMarkIsRead() throws IOException {
    Path file = folder.resolve("bom.json");
    Files.write(file, ("\uFEFF" + ACME).getBytes(java.nio.charset.StandardCharsets.UTF_8));

    RouteCatalog catalog = RouteFiles.load(RouteCatalog.builtIn(), List.of(file));

    assertThat(catalog.find("acme-video-2")).isPresent();
    assertThat(RouteFiles.layer(RouteCatalog.builtIn(), "bom.json", "\uFEFF" + ACME).find("acme-video-2")).isPresent();
  }

  @Test
  void insteadMayNameABuiltInRouteARouteOfTheSameFileOrAnAlias() {
    RouteCatalog catalog = RouteFiles.layer(RouteCatalog.builtIn(), "acme.json", """
        {"routes": [{"id": "acme-video-6", "modes": {"text-to-video": {}}, "seconds": {"one_of": [5], "default": 5},
                     "retired": {"on": "2026-01-01", "note": "gone", "instead": ["acme-video-7", "seedance-2"]}},
                    {"id": "acme-video-7", "modes": {"text-to-video": {}}, "seconds": {"one_of": [5], "default": 5}}],
         "patch": {"seedance-2-fast": {"retired": {"on": "2027-06-01", "note": "ends", "instead": ["gemini_omni"]}}}}
        """);

    assertThat(catalog.require("acme-video-6").retired().orElseThrow().instead()).containsExactly("acme-video-7", "seedance-2");
    assertThat(catalog.require("seedance-2-fast").retired().orElseThrow().on()).hasToString("2027-06-01");
  }

  @Test
  void insteadMayNameARouteALaterFileAdds() throws Exception {
    Path retire = Files.writeString(folder.resolve("retire.json"), """
        {"patch": {"seedance-2-fast": {"retired": {"on": "2026-01-01", "note": "gone", "instead": ["acme-video-2"]}}}}
        """);
    Path acme = Files.writeString(folder.resolve("acme.json"), ACME);

    RouteCatalog catalog = RouteFiles.load(RouteCatalog.builtIn(), List.of(retire, acme));

    assertThat(catalog.require("seedance-2-fast").retired().orElseThrow().instead()).containsExactly("acme-video-2");
    assertThatThrownBy(() -> RouteFiles.load(RouteCatalog.builtIn(), List.of(retire)))
        .as("alone, the name leads nowhere").hasMessageContaining("instead names \"acme-video-2\"");
  }

  @Test
  void parsesAVidgenRoutesListWithThePathSeparator() {
    String list = "a.json" + java.io.File.pathSeparator + " " + java.io.File.pathSeparator + "sub/b.json";

    assertThat(RouteFiles.parseList(list, folder)).containsExactly(folder.resolve("a.json"), folder.resolve("sub/b.json"));
    assertThat(RouteFiles.parseList(null, folder)).isEmpty();
  }

  @Test
  void aRetirementAFileSetsIsItsOwnWhichTheKeysListDoesNotLiftWhileAShippedOneStaysTheProvidersWord() {
    RouteCatalog catalog = RouteFiles.layer(RouteCatalog.builtIn(), "policy.json", """
        {"routes": [{"id": "acme-video-5", "modes": {"text-to-video": {}}, "seconds": {"one_of": [5], "default": 5},
                     "retired": {"on": "2026-01-01", "note": "ours"}}],
         "patch": {"veo3.1-fast": {"retired": {"on": "2026-01-01", "note": "too dear"}},
                   "sora-2-pro": {"display_name": "Sora 2 Pro (old)"}}}
        """);
    RouteCatalog later = RouteFiles.layer(catalog, "back.json", "{\"patch\": {\"veo3.1-fast\": {\"retired\": null}}}");
    JobValidator listed = JobValidator.of(catalog).withLiveModels(Set.of("veo3.1-fast", "sora-2", "sora-2-pro"));

    assertThat(catalog.ownRetirementBy("acme-video-5")).hasValue("policy.json");
    assertThat(catalog.ownRetirementBy("VEO3.1-fast")).hasValue("policy.json");
    assertThat(catalog.ownRetirementBy("sora-2")).as("shipped").isEmpty();
    assertThat(catalog.ownRetirementBy("sora-2-pro")).as("patched, but not its retirement").isEmpty();
    assertThat(later.ownRetirementBy("veo3.1-fast")).as("no retirement left").isEmpty();
    assertThat(listed.validate(VideoJob.builder("veo3.1-fast").prompt("a kite").build()).errors())
        .singleElement().satisfies(error -> assertThat(error.message())
            .contains("veo3.1-fast was retired on 2026-01-01 (too dear) by policy.json"));
    for (String shipped : List.of("sora-2", "sora-2-pro")) {
      assertThat(listed.validate(VideoJob.builder(shipped).prompt("a kite").build()).errors())
          .as(shipped).noneMatch(error -> error.code().equals(ViolationCodes.MODEL_RETIRED));
    }
    assertThat(listed.allowingRetired().validate(VideoJob.builder("veo3.1-fast").prompt("a kite").build()).errors())
        .isEmpty();
  }
}
