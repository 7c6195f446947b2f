package dev.vidgen.core.domain;

import static dev.vidgen.core.domain.GenerationMode.IMAGE_TO_VIDEO;
import static dev.vidgen.core.domain.GenerationMode.TEXT_TO_VIDEO;

import java.util.List;

/** Sora 2: R:videos/sora2/generation and R:videos/sora-2-official/generation. */
final class SoraRoutes {
  private SoraRoutes() {}

  static List<ModelRoute> all() {
    return List.of(sora2Vvip(), sora2Official());
  }

  static ModelRoute sora2Vvip() {
    return ModelRoute.builder("sora-2-vvip")
        .displayName("Sora 2 VVIP")
        .family("Sora")
        .mode(TEXT_TO_VIDEO)
        .mode(IMAGE_TO_VIDEO, 1, 1)
        .durations(DurationRule.oneOf(4, 8, 12))
        .aspectRatios("16:9", "9:16")
        .noDefaultAspectRatio()
        .noResolution()
        .price(BuiltInRoutes.unknownPrice())
        .knownParams("thumbnail", "metadata")
        .note("R documents no default duration or ratio (4 s is assumed for quotes); @username in the prompt references a saved character.")
        .build();
  }

  static ModelRoute sora2Official() {
    return ModelRoute.builder("sora-2-official")
        .displayName("Sora 2 (Azure, official)")
        .family("Sora")
        .mode(TEXT_TO_VIDEO)
        .mode(IMAGE_TO_VIDEO, 1, 1)
        .durations(DurationRule.oneOf(4, 8, 12))
        .aspectRatios("9:16", "16:9")
        .noResolution()
        .price(BuiltInRoutes.unknownPrice())
        .note("Default ratio is 9:16 (others default to 16:9); the image must be exactly 1280x720 or 720x1280, which vidgen does not check.")
        .build();
  }
}
