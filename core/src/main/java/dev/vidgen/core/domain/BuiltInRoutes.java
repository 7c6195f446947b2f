package dev.vidgen.core.domain;

import static dev.vidgen.core.domain.GenerationMode.IMAGE_TO_VIDEO;

import java.util.List;
import java.util.Map;

/** The routes vidgen ships with, from the ToAPIs API reference. */
final class BuiltInRoutes {
  private BuiltInRoutes() {}

  static List<ModelRoute> all() {
    return List.of(grokVideo15Preview());
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
}
