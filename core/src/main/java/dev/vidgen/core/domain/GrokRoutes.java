package dev.vidgen.core.domain;

import static dev.vidgen.core.domain.GenerationMode.IMAGE_TO_VIDEO;
import static dev.vidgen.core.domain.GenerationMode.TEXT_TO_VIDEO;

import java.util.List;
import java.util.Map;

/** The Grok family: R:videos/grok-video-1.5, grok-video, grok-imagine-1.0-video; P for the preview. */
final class GrokRoutes {
  private GrokRoutes() {}

  static List<ModelRoute> all() {
    return List.of(grokVideo15Preview(), grokVideo15(), grokVideo10(), grokImagine10Video());
  }

  static ModelRoute grokVideo15Preview() {
    return ModelRoute.builder("grok-video-1.5-preview")
        .displayName("Grok Video 1.5 Preview")
        .family("Grok")
        .mode(IMAGE_TO_VIDEO, 1, 1)
        .durations(DurationRule.oneOf(10, 15))
        .aspectRatios("16:9", "9:16", "3:2", "2:3", "1:1")
        .noResolution()
        .maxPromptChars(1200)
        .price(PriceTable.perRequest(Map.of(10, "0.10", 15, "0.15")))
        .wire(WireFormat.standard().withImageField("images", false).withDurationField("seconds", true))
        .note("The model-guide page lists gemini-omni-flash's parameters; the API reference (I2V only, 10/15 s, 5 ratios) is followed.")
        .build();
  }

  static ModelRoute grokVideo15() {
    return ModelRoute.builder("grok-video-1.5")
        .displayName("Grok Video 1.5")
        .family("Grok")
        .mode(IMAGE_TO_VIDEO, 1, 1)
        .durations(DurationRule.between(1, 15, 8))
        .aspectRatios("16:9", "1:1", "9:16", "3:2", "2:3")
        .resolutions("720p", "480p")
        .price(PriceTable.perSecond("0.01"))
        .wire(WireFormat.standard().withImageField("image", true))
        .note("The preview page uses images[], seconds 10/15 and a per-request price; R for 1.5 (image, duration 1-15, $0.01/s) is followed.")
        .build();
  }

  static ModelRoute grokVideo10() {
    return ModelRoute.builder("grok-video-1.0")
        .displayName("Grok Video 1.0")
        .family("Grok")
        .mode(TEXT_TO_VIDEO)
        .mode(IMAGE_TO_VIDEO, 1, 8)
        .durations(DurationRule.between(1, 15, 8))
        .aspectRatios("16:9", "9:16", "3:2", "2:3", "1:1")
        .noDefaultAspectRatio()
        .resolutions("720p", "480p")
        .price(BuiltInRoutes.unknownPrice())
        .wire(WireFormat.standard().withImageField("reference_images", false))
        .note("All images go in reference_images, as R's image-to-video example does; image plus reference_images hold at most 8.")
        .build();
  }

  static ModelRoute grokImagine10Video() {
    return ModelRoute.builder("grok-imagine-1.0-video")
        .displayName("Grok Imagine 1.0 Video")
        .family("Grok")
        .mode(TEXT_TO_VIDEO)
        .mode(IMAGE_TO_VIDEO, 1, 7)
        .durations(DurationRule.between(6, 30, 6))
        .aspectRatios("16:9", "9:16", "1:1", "3:2", "2:3")
        .resolutions("480p", "720p")
        .price(BuiltInRoutes.unknownPrice())
        .wire(WireFormat.standard().withResolutionField("quality"))
        .build();
  }
}
