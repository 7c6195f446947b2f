package dev.vidgen.core.domain;

import static dev.vidgen.core.domain.GenerationMode.IMAGE_TO_VIDEO;
import static dev.vidgen.core.domain.GenerationMode.REFERENCE_TO_VIDEO;
import static dev.vidgen.core.domain.GenerationMode.TEXT_TO_VIDEO;

import dev.vidgen.core.domain.WireFormat.InputField;
import java.util.List;

/** Alibaba Wan 2.6: R:videos/wan2.6 and R:videos/wan2.6-flash. */
final class WanRoutes {
  private static final InputField REFERENCE_URLS = InputField.plain("metadata.reference_urls", false);

  private WanRoutes() {}

  static List<ModelRoute> all() {
    return List.of(wan26(), wan26Flash());
  }

  static ModelRoute wan26() {
    return ModelRoute.builder("wan2.6")
        .displayName("Wan 2.6")
        .family("Wan")
        .mode(TEXT_TO_VIDEO)
        .mode(IMAGE_TO_VIDEO, 1, 1)
        .mode(REFERENCE_TO_VIDEO, 0, 0)
        .videos(REFERENCE_TO_VIDEO, 1, 5)
        .durations(DurationRule.oneOf(5, 10, 15))
        .aspectRatios("16:9", "9:16", "1:1", "4:3", "3:4")
        .resolutions("1080p", "720p")
        .promptRequired(false)
        .price(BuiltInRoutes.unknownPrice())
        .knownParams("negative_prompt", "seed", "prompt_extend", "audio", "shot_type", "watermark", "metadata")
        .rules(RouteRule.ratiosIn(IMAGE_TO_VIDEO, "image-to-video takes no aspect ratio"))
        .wire(WireFormat.standard().withVideos(REFERENCE_TO_VIDEO, REFERENCE_URLS))
        .note("Reference-to-video takes videos (metadata.reference_urls); R says \"several\", 5 is assumed.")
        .build();
  }

  static ModelRoute wan26Flash() {
    return ModelRoute.builder("wan2.6-flash")
        .displayName("Wan 2.6 Flash")
        .family("Wan")
        .mode(IMAGE_TO_VIDEO, 1, 1)
        .mode(REFERENCE_TO_VIDEO, 0, 0)
        .videos(REFERENCE_TO_VIDEO, 1, 5)
        .durations(DurationRule.oneOf(5, 10, 15))
        .noAspectRatio()
        .resolutions("1080p", "720p")
        .promptRequired(false)
        .price(PriceTable.unknown(
            "priced in CNY only (¥0.15-0.5 per second by resolution and audio); no USD price is documented, see toapis.com/pricing"))
        .knownParams("audio", "watermark", "metadata")
        .wire(WireFormat.standard().withVideos(REFERENCE_TO_VIDEO, REFERENCE_URLS))
        .note("A prompt-only request is rejected; reference videos: R says \"several\", 5 is assumed.")
        .build();
  }
}
