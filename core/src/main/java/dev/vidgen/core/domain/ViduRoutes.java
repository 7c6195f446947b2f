package dev.vidgen.core.domain;

import static dev.vidgen.core.domain.GenerationMode.IMAGE_TO_VIDEO;
import static dev.vidgen.core.domain.GenerationMode.REFERENCE_TO_VIDEO;
import static dev.vidgen.core.domain.GenerationMode.TEXT_TO_VIDEO;

import java.util.List;

/** Vidu Q3: R:videos/viduq3 (P:videos/viduq3-pro/generation disagrees on the prompt limit). */
final class ViduRoutes {
  private static final String NOTE =
      "The P page says a 2000-character prompt; R (5000) is followed. Q3 takes any ratio; vidgen offers the documented 16:9, 9:16 and 1:1.";

  private ViduRoutes() {}

  static List<ModelRoute> all() {
    return List.of(
        frames("viduq3-pro", "Vidu Q3 Pro"),
        frames("viduq3-turbo", "Vidu Q3 Turbo"),
        references());
  }

  /** Pro and turbo: text, one first frame, or first and last frame. */
  static ModelRoute frames(String id, String name) {
    return vidu(id, name)
        .mode(TEXT_TO_VIDEO)
        .mode(IMAGE_TO_VIDEO, 1, 2)
        .durations(DurationRule.between(1, 16, 5))
        .build();
  }

  /** viduq3: 1 to 7 reference images are required. */
  static ModelRoute references() {
    return vidu("viduq3", "Vidu Q3")
        .mode(REFERENCE_TO_VIDEO, 1, 7)
        .durations(DurationRule.between(3, 16, 5))
        .build();
  }

  private static ModelRoute.Builder vidu(String id, String name) {
    return ModelRoute.builder(id)
        .displayName(name)
        .family("Vidu")
        .aspectRatios("16:9", "9:16", "1:1")
        .noDefaultAspectRatio()
        .resolutions("720p", "540p", "1080p")
        .maxPromptChars(5000)
        .price(BuiltInRoutes.unknownPrice())
        .knownParams("audio", "seed", "metadata")
        .note(NOTE);
  }
}
