package dev.vidgen.provider.toapis.internal;

import static dev.vidgen.core.domain.GenerationMode.IMAGE_TO_VIDEO;
import static dev.vidgen.core.domain.GenerationMode.REFERENCE_TO_VIDEO;
import static dev.vidgen.core.domain.GenerationMode.VIDEO_EDIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vidgen.core.domain.GenerationMode;
import dev.vidgen.core.domain.ModelRoute;
import dev.vidgen.core.domain.RouteCatalog;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

/** How the built-in routes' {@code hints.toapis} spell each family's request, and hints that are refused. */
class BuiltInWireTest {
  private static final RouteCatalog CATALOG = RouteCatalog.builtIn();

  static Stream<ModelRoute> routes() {
    return CATALOG.routes().stream();
  }

  @Test
  void grokVideo15PreviewSendsImagesAndSecondsAsAString() {
    WireFormat wire = WireFormat.of(CATALOG.require("grok-video-1.5-preview"));

    assertThat(wire.imagesFor(IMAGE_TO_VIDEO)).isEqualTo(WireFormat.InputField.plain("images", false));
    assertThat(wire.durationField()).isEqualTo("seconds");
    assertThat(wire.durationAsString()).isTrue();
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(delimiter = '|', nullValues = "~", textBlock = """
      grok-video-1.5          | image            | true  | duration | aspect_ratio | resolution          | false
      grok-video-1.0          | reference_images | false | duration | aspect_ratio | resolution          | false
      grok-imagine-1.0-video  | image_urls       | false | duration | aspect_ratio | quality             | false
      Veo3.1-fast-official    | image_urls       | false | duration | size         | resolution          | false
      veo3.1-fast             | image_urls       | false | duration | aspect_ratio | metadata.resolution | false
      seedance-2              | image_with_roles | false | duration | aspect_ratio | resolution          | true
      seedance-2-5            | image_with_roles | false | duration | aspect_ratio | resolution          | true
      MiniMax-H3              | image_with_roles | false | duration | aspect_ratio | resolution          | true
      kling-v2-6              | image_with_roles | false | duration | aspect_ratio | mode                | false
      wan2.6                  | image_urls       | false | duration | aspect_ratio | resolution          | false
      MiniMax-Hailuo-2.3      | image_urls       | false | duration | aspect_ratio | resolution          | false
      viduq3-pro              | image_urls       | false | duration | aspect_ratio | resolution          | false
      """)
  void spellsEachFamilyAsTheReferenceDoes(String id, String imageField, boolean single, String durationField,
      String ratioField, String resolutionField, boolean clientReference) {
    WireFormat wire = WireFormat.of(CATALOG.require(id));

    assertThat(wire.imagesFor(IMAGE_TO_VIDEO).name()).isEqualTo(imageField);
    assertThat(wire.imagesFor(IMAGE_TO_VIDEO).single()).isEqualTo(single);
    assertThat(wire.durationField()).isEqualTo(durationField);
    assertThat(wire.durationAsString()).isFalse();
    assertThat(wire.aspectRatioField()).isEqualTo(ratioField);
    assertThat(wire.resolutionField()).isEqualTo(resolutionField);
    assertThat(wire.acceptsClientReference()).isEqualTo(clientReference);
  }

  @Test
  void sendsTheModelNameTheJobGaveWhenItIsOneOfTheRoutesNames() {
    ModelRoute route = CATALOG.require("gemini_omni_flash");
    dev.vidgen.core.domain.VideoJob job = dev.vidgen.core.domain.VideoJob.builder("gemini_omni_flash")
        .mode(REFERENCE_TO_VIDEO).prompt("the three of them at a picnic")
        .image("https://files.example/a.png").image("https://files.example/b.png").image("https://files.example/c.png")
        .build();

    Map<String, Object> body = CreateBody.of(new dev.vidgen.core.port.SubmitRequest(job, route, null));
    assertThat(body).containsEntry("model", "gemini_omni_flash").containsEntry("resolution", "720p")
        .containsEntry("image_urls", java.util.List.of(
            "https://files.example/a.png", "https://files.example/b.png", "https://files.example/c.png"));
    assertThat(CreateBody.of(new dev.vidgen.core.port.SubmitRequest(job.withModel("gemini-omni-flash"), route, null)))
        .containsEntry("model", "gemini-omni-flash");
  }

  @Test
  void sendsFrameAndReferenceRolesForSeedance() {
    WireFormat wire = WireFormat.of(CATALOG.require("seedance-2"));

    assertThat(wire.imagesFor(IMAGE_TO_VIDEO).roleAt(0)).contains("first_frame");
    assertThat(wire.imagesFor(IMAGE_TO_VIDEO).roleAt(1)).contains("last_frame");
    assertThat(wire.imagesFor(REFERENCE_TO_VIDEO).roleAt(5)).contains("reference_image");
    assertThat(wire.videosFor(REFERENCE_TO_VIDEO)).hasValue(
        WireFormat.InputField.withRoles("video_with_roles", "reference_video"));
  }

  @Test
  void sendsKlingResolutionsAsStdAndPro() {
    WireFormat wire = WireFormat.of(CATALOG.require("kling-v3"));

    assertThat(wire.resolutionValue("720p")).isEqualTo("std");
    assertThat(wire.resolutionValue("1080P")).isEqualTo("pro");
    assertThat(WireFormat.of(CATALOG.require("wan2.6")).resolutionValue("720p")).isEqualTo("720p");
  }

  @Test
  void namesTheModeForHappyHorseAndSeedanceEdits() {
    assertThat(WireFormat.of(CATALOG.require("happyhorse-1.1")).modeField()).isEqualTo("action");
    assertThat(WireFormat.of(CATALOG.require("happyhorse-1.1")).modeValue(VIDEO_EDIT)).contains("video-edit");
    assertThat(WireFormat.of(CATALOG.require("happyhorse-1.1")).videosFor(VIDEO_EDIT))
        .hasValue(WireFormat.InputField.plain("url", true));
    assertThat(WireFormat.of(CATALOG.require("seedance-2-5")).modeValue(VIDEO_EDIT)).contains("edit");
    assertThat(WireFormat.of(CATALOG.require("seedance-2-5")).modeValue(IMAGE_TO_VIDEO)).isEmpty();
    assertThat(WireFormat.of(CATALOG.require("veo3.1-fast")).modeValue(IMAGE_TO_VIDEO)).isEmpty();
  }

  @Test
  void namesVeosFrameAndReferenceModesInMetadataAsItsPageSays() {
    assertThat(veoMetadata("veo3.1-fast", IMAGE_TO_VIDEO, 1)).as("one image: a first frame, no mode named")
        .isEqualTo(Map.of("resolution", "720p"));
    assertThat(veoMetadata("veo3.1-fast", IMAGE_TO_VIDEO, 2))
        .isEqualTo(Map.of("resolution", "720p", "generation_type", "frame"));
    assertThat(veoMetadata("veo3.1-lite", REFERENCE_TO_VIDEO, 3))
        .isEqualTo(Map.of("resolution", "720p", "generation_type", "reference"));
    assertThat(veoMetadata("veo3.1-quality", IMAGE_TO_VIDEO, 2))
        .isEqualTo(Map.of("resolution", "720p", "generation_type", "frame"));
    assertThat(veoMetadata("veo3.1-fast", dev.vidgen.core.domain.GenerationMode.TEXT_TO_VIDEO, 0))
        .isEqualTo(Map.of("resolution", "720p"));
  }

  @Test
  void aDottedParameterIsSentNestedBesideWhatVidgenPutsThere() {
    dev.vidgen.core.domain.VideoJob job = dev.vidgen.core.domain.VideoJob.builder("veo3.1-fast").prompt("p")
        .param("metadata.enable_gif", true).param("metadata", Map.of("seed", 7)).param("a..b", 1).build();

    Map<String, Object> body = CreateBody.of(new dev.vidgen.core.port.SubmitRequest(job, CATALOG.require("veo3.1-fast"),
        null));

    assertThat(body.get("metadata")).as("as the checks read metadata.enable_gif, and as ToAPIs takes it")
        .isEqualTo(Map.of("resolution", "720p", "enable_gif", true, "seed", 7));
    assertThat(body).doesNotContainKey("metadata.enable_gif").containsEntry("a..b", 1);
  }

  private static Object veoMetadata(String model, dev.vidgen.core.domain.GenerationMode mode, int images) {
    dev.vidgen.core.domain.VideoJob.Builder job = dev.vidgen.core.domain.VideoJob.builder(model).mode(mode).prompt("p");
    for (int i = 0; i < images; i++) {
      job.image("https://files.example/" + i + ".png");
    }
    return CreateBody.of(new dev.vidgen.core.port.SubmitRequest(job.build(), CATALOG.require(model), null))
        .get("metadata");
  }

  @Test
  void aModeValueForACountOfImagesMustNameOne() {
    ModelRoute route = ModelRoute.builder("acme-frames").mode(IMAGE_TO_VIDEO, 1, 2)
        .durations(dev.vidgen.core.domain.DurationRule.oneOf(5, 10))
        .hints("toapis", Map.of("mode_field", "kind", "mode_values", Map.of("image-to-video/two", "frame"))).build();

    assertThatThrownBy(() -> WireFormat.of(route))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("acme-frames: hints.toapis.mode_values.image-to-video/two: after the mode comes a number of images,"
            + " such as image-to-video/2");
  }

  @Test
  void putsOfficialVeoReferencesInMetadata() {
    assertThat(WireFormat.of(CATALOG.require("Veo3.1-quality-official")).imagesFor(REFERENCE_TO_VIDEO).name())
        .isEqualTo("metadata.referenceImages");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("routes")
  void everyModeThatTakesVideosSaysWhereTheyGo(ModelRoute route) {
    for (GenerationMode mode : route.modes()) {
      if (route.videosFor(mode).max() > 0) {
        assertThat(WireFormat.of(route).videosFor(mode)).as("videos of %s", mode).isPresent();
      }
    }
  }

  @Test
  void aRouteWithoutHintsGetsTheStandardWire() {
    ModelRoute plain = ModelRoute.builder("acme-video-2").mode(GenerationMode.TEXT_TO_VIDEO)
        .durations(dev.vidgen.core.domain.DurationRule.oneOf(5, 10)).build();

    assertThat(WireFormat.of(plain)).isEqualTo(WireFormat.standard());
  }

  @Test
  void refusesAnUnknownHintNamingTheRouteAndWhatIsAllowed() {
    ModelRoute route = ModelRoute.builder("acme-video-2").mode(GenerationMode.TEXT_TO_VIDEO)
        .durations(dev.vidgen.core.domain.DurationRule.oneOf(5, 10))
        .hints("toapis", Map.of("image_feild", "images")).build();

    assertThatThrownBy(() -> WireFormat.of(route)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("acme-video-2: hints.toapis: unknown key image_feild")
        .hasMessageContaining("image_field");
  }

  @Test
  void refusesAHintOfTheWrongType() {
    ModelRoute route = ModelRoute.builder("acme-video-2").mode(GenerationMode.TEXT_TO_VIDEO)
        .durations(dev.vidgen.core.domain.DurationRule.oneOf(5, 10))
        .hints("toapis", Map.of("duration_as_string", "yes")).build();

    assertThatThrownBy(() -> WireFormat.of(route))
        .hasMessage("acme-video-2: hints.toapis.duration_as_string: expected true or false");
  }

  @Test
  void everyBadHintOfARouteIsToldAtOnce() {
    ModelRoute route = ModelRoute.builder("acme-video-9").mode(GenerationMode.TEXT_TO_VIDEO)
        .durations(dev.vidgen.core.domain.DurationRule.oneOf(5, 10))
        .hints("toapis", new java.util.LinkedHashMap<>(Map.of("duration_feild", "seconds", "single_image", "yes",
            "images_by_mode", Map.of("image-to-movie", Map.of("field", "images"))))).build();

    assertThatThrownBy(() -> WireFormat.of(route)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("acme-video-9: hints.toapis: unknown key duration_feild; allowed: ")
        .hasMessageContaining("; acme-video-9: hints.toapis.single_image: expected true or false")
        .hasMessageContaining("; acme-video-9: hints.toapis.images_by_mode: unknown mode image-to-movie");
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("routes")
  void hintsWrittenFromAWireReadBackAsTheSameWire(ModelRoute route) {
    WireFormat wire = WireFormat.of(route);
    ModelRoute copy = route.toBuilder().hints("toapis", wire.toHints()).build();

    assertThat(WireFormat.of(copy)).isEqualTo(wire);
  }
}
