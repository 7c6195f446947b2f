package dev.vidgen.core.domain;

import static dev.vidgen.core.domain.GenerationMode.IMAGE_TO_VIDEO;
import static dev.vidgen.core.domain.GenerationMode.REFERENCE_TO_VIDEO;
import static dev.vidgen.core.domain.GenerationMode.TEXT_TO_VIDEO;

import dev.vidgen.core.domain.WireFormat.InputField;
import java.util.List;
import java.util.Map;

/** Kling: R:videos/kling-v3, kling-2-6 and kling-3.0-turbo. */
final class KlingRoutes {
  /** Kling picks 720P or 1080P through its {@code mode} field: std or pro. */
  private static final Map<String, String> STD_PRO = Map.of("720p", "std", "1080p", "pro");

  private KlingRoutes() {}

  static List<ModelRoute> all() {
    return List.of(klingV3(), klingV26(), kling30Turbo());
  }

  static ModelRoute klingV3() {
    return official("kling-v3", "Kling v3")
        .durations(DurationRule.between(3, 15, 5))
        .knownParams("audio", "metadata")
        .build();
  }

  static ModelRoute klingV26() {
    return official("kling-v2-6", "Kling v2.6")
        .durations(DurationRule.oneOf(5, 10))
        .maxPromptChars(2500)
        .knownParams("audio", "negative_prompt", "watermark")
        .rules(RouteRule.paramOnlyAt("audio", "audio needs pro mode (1080p)", "1080p"))
        .build();
  }

  static ModelRoute kling30Turbo() {
    return ModelRoute.builder("kling-3.0-turbo")
        .displayName("Kling 3.0 Turbo")
        .family("Kling")
        .mode(TEXT_TO_VIDEO)
        .mode(IMAGE_TO_VIDEO, 1, 1)
        .durations(DurationRule.between(3, 15, 5))
        .aspectRatios("16:9", "9:16", "1:1")
        .resolutions("720p", "1080p")
        .price(BuiltInRoutes.unknownPrice())
        .knownParams("watermark")
        .rules(RouteRule.ratioIgnoredIn(IMAGE_TO_VIDEO, "the aspect ratio applies to text-to-video only"))
        .wire(WireFormat.standard().withImageField("reference_images", false))
        .note("Only the first image is used, as the first frame; a last frame is not supported.")
        .build();
  }

  /** v3 and v2.6 share their shape: std/pro, frames by role, plain reference images. */
  private static ModelRoute.Builder official(String id, String name) {
    return ModelRoute.builder(id)
        .displayName(name)
        .family("Kling")
        .mode(TEXT_TO_VIDEO)
        .mode(IMAGE_TO_VIDEO, 1, 2)
        .mode(REFERENCE_TO_VIDEO, 1, 4)
        .aspectRatios("16:9", "9:16", "1:1")
        .resolutions("720p", "1080p")
        .price(BuiltInRoutes.unknownPrice())
        .wire(WireFormat.standard()
            .withResolutionField("mode")
            .withResolutionValues(STD_PRO)
            .withImageField("reference_images", false)
            .withImages(IMAGE_TO_VIDEO, InputField.withRoles("image_with_roles", "first_frame", "last_frame")))
        .note("Resolution is sent as mode std (720p) or pro (1080p); R gives no reference-image limit, 4 is assumed.");
  }
}
