package dev.vidgen.core.domain;

import static dev.vidgen.core.domain.GenerationMode.IMAGE_TO_VIDEO;
import static dev.vidgen.core.domain.GenerationMode.REFERENCE_TO_VIDEO;
import static dev.vidgen.core.domain.GenerationMode.TEXT_TO_VIDEO;

import java.util.List;

/** MiniMax Hailuo: R:videos/minimax-hailuo-2.3, minimax-hailuo and minimax-h3. */
final class HailuoRoutes {
  private static final RouteRule FULL_HD_SIX_SECONDS = RouteRule.secondsAt("1080P", "1080P is offered only at 6 s", 6);

  private HailuoRoutes() {}

  static List<ModelRoute> all() {
    return List.of(
        hailuo23("MiniMax-Hailuo-2.3", "Hailuo 2.3", true),
        hailuo23("MiniMax-Hailuo-2.3-Fast", "Hailuo 2.3 Fast", false),
        hailuo02(),
        h3());
  }

  static ModelRoute hailuo23(String id, String name, boolean textToVideo) {
    ModelRoute.Builder route = hailuo(id, name).resolutions("768P", "1080P");
    if (textToVideo) {
      route.mode(TEXT_TO_VIDEO)
          .note("R offers text-to-video and image-to-video on 2.3; only 2.3-Fast is image-only.");
    }
    return route.build();
  }

  static ModelRoute hailuo02() {
    return hailuo("MiniMax-Hailuo-02", "Hailuo 02")
        .mode(TEXT_TO_VIDEO)
        .resolutions("768P", "512P", "1080P")
        .promptRequired(false)
        .note("A last frame goes in params metadata.last_frame_image (not at 512P).")
        .build();
  }

  static ModelRoute h3() {
    return ModelRoute.builder("MiniMax-H3")
        .displayName("Hailuo H3")
        .family("Hailuo")
        .mode(TEXT_TO_VIDEO)
        .mode(IMAGE_TO_VIDEO, 1, 2)
        .mode(REFERENCE_TO_VIDEO, 0, 9)
        .videos(REFERENCE_TO_VIDEO, 0, 3)
        .durations(DurationRule.between(4, 15, 5))
        .aspectRatios("16:9", "21:9", "4:3", "1:1", "3:4", "9:16", "adaptive")
        .resolutions("2K", "768p")
        .maxPromptChars(7000)
        .price(BuiltInRoutes.unknownPrice())
        .knownParams("audio_with_roles", "watermark", "client_business_id", "callback_url")
        .rules(
            RouteRule.ratiosIn(TEXT_TO_VIDEO, "text-to-video does not take adaptive",
                "16:9", "21:9", "4:3", "1:1", "3:4", "9:16"),
            RouteRule.ratioIgnoredIn(IMAGE_TO_VIDEO, "first/last-frame video always adapts to the image"))
        .wire(WireFormat.standard()
            .withClientReference(true)
            .withImages(IMAGE_TO_VIDEO, SeedanceRoutes.FRAMES)
            .withImages(REFERENCE_TO_VIDEO, SeedanceRoutes.REFERENCE_IMAGES)
            .withVideos(REFERENCE_TO_VIDEO, SeedanceRoutes.REFERENCE_VIDEOS))
        .note("At most 12 reference files in all; reference audio (audio_with_roles) needs an image or video beside it.")
        .build();
  }

  /** What the 2.3 models and 02 share: one first-frame image, 6 or 10 s, a 2000-character prompt. */
  private static ModelRoute.Builder hailuo(String id, String name) {
    return ModelRoute.builder(id)
        .displayName(name)
        .family("Hailuo")
        .mode(IMAGE_TO_VIDEO, 1, 1)
        .durations(DurationRule.oneOf(6, 10))
        .noAspectRatio()
        .maxPromptChars(2000)
        .price(BuiltInRoutes.unknownPrice())
        .knownParams("metadata")
        .rules(FULL_HD_SIX_SECONDS);
  }
}
