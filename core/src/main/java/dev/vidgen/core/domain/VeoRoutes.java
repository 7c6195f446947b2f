package dev.vidgen.core.domain;

import static dev.vidgen.core.domain.GenerationMode.IMAGE_TO_VIDEO;
import static dev.vidgen.core.domain.GenerationMode.REFERENCE_TO_VIDEO;
import static dev.vidgen.core.domain.GenerationMode.TEXT_TO_VIDEO;

import java.util.List;

/** Google Veo 3.1: R:videos/veo3/generation and R:videos/veo3-official/generation. */
final class VeoRoutes {
  private VeoRoutes() {}

  static List<ModelRoute> all() {
    return List.of(
        veo31("veo3.1-fast", "Veo 3.1 Fast", true),
        veo31("veo3.1-quality", "Veo 3.1 Quality", false),
        veo31("veo3.1-lite", "Veo 3.1 Lite", true),
        veo31Official("Veo3.1-quality-official", "Veo 3.1 Quality (official)", false),
        veo31Official("Veo3.1-fast-official", "Veo 3.1 Fast (official)", false),
        veo31Official("Veo3.1-lite-official", "Veo 3.1 Lite (official)", true));
  }

  /** The aggregated Veo channel: 8 s only; 2 images = first/last frame, 3 = references. */
  static ModelRoute veo31(String id, String name, boolean offersReferences) {
    ModelRoute.Builder route = ModelRoute.builder(id)
        .displayName(name)
        .family("Veo")
        .mode(TEXT_TO_VIDEO)
        .mode(IMAGE_TO_VIDEO, 1, 2)
        .durations(DurationRule.oneOf(8))
        .aspectRatios("16:9", "9:16")
        .noDefaultAspectRatio()
        .resolutions("720p", "1080p", "4k")
        .price(BuiltInRoutes.unknownPrice())
        .knownParams("metadata")
        .rules(RouteRule.paramOnlyAt("metadata.enable_gif", "GIF output cannot be used with 1080p or 4k", "720p"))
        .wire(WireFormat.standard().withResolutionField("metadata.resolution"));
    if (offersReferences) {
      route.mode(REFERENCE_TO_VIDEO, 3, 3);
    } else {
      route.note("Reference mode (3 images) is not offered on veo3.1-quality.");
    }
    return route.build();
  }

  /** The official Vertex channel: ratio in size, first frame in image_urls, references in metadata. */
  static ModelRoute veo31Official(String id, String name, boolean lite) {
    ModelRoute.Builder route = ModelRoute.builder(id)
        .displayName(name)
        .family("Veo")
        .mode(TEXT_TO_VIDEO)
        .mode(IMAGE_TO_VIDEO, 1, 1)
        .mode(REFERENCE_TO_VIDEO, 1, 3)
        .durations(DurationRule.oneOf(8, 4, 6))
        .aspectRatios("16:9", "9:16")
        .price(BuiltInRoutes.unknownPrice())
        .knownParams("metadata")
        .wire(WireFormat.standard()
            .withAspectRatioField("size")
            .withImages(REFERENCE_TO_VIDEO, WireFormat.InputField.plain("metadata.referenceImages", false)));
    if (lite) {
      route.resolutions("720p").note("Lite is 720p only; a last frame goes in params metadata.lastFrame.");
    } else {
      route.resolutions("720p", "1080p", "4k").note("4k is a preview; a last frame goes in params metadata.lastFrame.");
    }
    return route.build();
  }
}
