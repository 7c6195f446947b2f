package dev.vidgen.core.domain;

import static dev.vidgen.core.domain.GenerationMode.IMAGE_TO_VIDEO;
import static dev.vidgen.core.domain.GenerationMode.REFERENCE_TO_VIDEO;
import static dev.vidgen.core.domain.GenerationMode.TEXT_TO_VIDEO;
import static dev.vidgen.core.domain.GenerationMode.VIDEO_EDIT;

import dev.vidgen.core.domain.WireFormat.InputField;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/** Models with a family of one: R:videos/happyhorse and R:videos/gemini-omni-flash. */
final class OtherRoutes {
  private OtherRoutes() {}

  static List<ModelRoute> all() {
    return List.of(happyHorse11(), geminiOmniFlash());
  }

  static ModelRoute happyHorse11() {
    InputField references = InputField.plain("reference_images", false);
    Map<GenerationMode, String> actions = new EnumMap<>(GenerationMode.class);
    for (GenerationMode mode : GenerationMode.values()) {
      actions.put(mode, mode.id());
    }
    return ModelRoute.builder("happyhorse-1.1")
        .displayName("HappyHorse 1.1")
        .family("HappyHorse")
        .mode(TEXT_TO_VIDEO)
        .mode(IMAGE_TO_VIDEO, 1, 1)
        .mode(REFERENCE_TO_VIDEO, 1, 9)
        .mode(VIDEO_EDIT, 0, 5)
        .videos(VIDEO_EDIT, 1, 1)
        .durations(DurationRule.between(3, 15, 5))
        .aspectRatios("16:9", "9:16", "1:1", "4:3", "3:4")
        .resolutions("1080P", "720P")
        .promptRequired(false)
        .price(BuiltInRoutes.unknownPrice())
        .knownParams("seed", "watermark", "audio_setting")
        .rules(
            RouteRule.promptRequiredIn("a prompt is optional only for image-to-video", REFERENCE_TO_VIDEO, VIDEO_EDIT),
            RouteRule.ratioIgnoredIn(IMAGE_TO_VIDEO, "image-to-video takes the first frame's proportions"))
        .wire(WireFormat.standard()
            .withImages(REFERENCE_TO_VIDEO, references)
            .withImages(VIDEO_EDIT, references)
            .withVideos(VIDEO_EDIT, InputField.plain("url", true))
            .withModeField("action", actions))
        .build();
  }

  static ModelRoute geminiOmniFlash() {
    return ModelRoute.builder("gemini-omni-flash")
        .displayName("Gemini Omni Flash")
        .family("Gemini")
        .mode(TEXT_TO_VIDEO)
        .mode(REFERENCE_TO_VIDEO, 1, 3)
        .durations(DurationRule.oneOf(6, 4, 10))
        .aspectRatios("16:9", "9:16")
        .resolutions("720p", "1080p")
        .price(BuiltInRoutes.unknownPrice())
        .rules(RouteRule.ratiosAt("1080p", "1080p is landscape only", "16:9"))
        .note("P and the model guide say 6/10 s and 720P only; R (4/6/10 s, 1080p landscape only, up to 3 reference images) is followed.")
        .build();
  }
}
