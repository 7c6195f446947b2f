package dev.vidgen.core.domain;

import static dev.vidgen.core.domain.GenerationMode.IMAGE_TO_VIDEO;
import static dev.vidgen.core.domain.GenerationMode.REFERENCE_TO_VIDEO;
import static dev.vidgen.core.domain.GenerationMode.TEXT_TO_VIDEO;
import static dev.vidgen.core.domain.GenerationMode.VIDEO_EDIT;

import dev.vidgen.core.domain.WireFormat.InputField;
import java.util.List;
import java.util.Map;

/**
 * ByteDance Seedance: R:videos/seedance-2, seedance-2-5, doubao-seedance-1-5 and doubao-seedance.
 */
final class SeedanceRoutes {
  private static final String[] RATIOS = {"21:9", "16:9", "4:3", "1:1", "3:4", "9:16", "adaptive"};
  static final InputField FRAMES = InputField.withRoles("image_with_roles", "first_frame", "last_frame");
  static final InputField REFERENCE_IMAGES = InputField.withRoles("image_with_roles", "reference_image");
  static final InputField REFERENCE_VIDEOS = InputField.withRoles("video_with_roles", "reference_video");
  private static final String[] SEEDANCE_PARAMS = {
    "audio_with_roles", "generate_audio", "return_last_frame", "tools", "seed",
    "client_business_id", "callback_url", "trace_id", "metadata"
  };
  private static final String AUTO_NOTE =
      "Duration 0/-1 (automatic) is not modelled and 5 s is assumed when none is given; frame and reference images are never mixed.";

  private static final String CHANNEL_NOTE = " The reference-video limit depends on the channel; 3 (mini's) is assumed.";

  private SeedanceRoutes() {}

  static List<ModelRoute> all() {
    return List.of(
        seedance2("seedance-2", "Seedance 2", CHANNEL_NOTE, "720p", "480p", "1080p", "4k"),
        seedance2("seedance-2-fast", "Seedance 2 Fast", CHANNEL_NOTE, "720p", "480p"),
        seedance2("seedance-2-mini", "Seedance 2 Mini", "", "720p", "480p"),
        seedance25(),
        doubao15Pro(),
        doubao10("doubao-seedance-1-0-pro-fast", "Doubao Seedance 1.0 Pro Fast", 1),
        doubao10("doubao-seedance-1-0-pro-quality", "Doubao Seedance 1.0 Pro Quality", 2));
  }

  static ModelRoute seedance2(String id, String name, String extraNote, String defaultResolution,
      String... resolutions) {
    return ModelRoute.builder(id)
        .displayName(name)
        .family("Seedance")
        .mode(TEXT_TO_VIDEO)
        .mode(IMAGE_TO_VIDEO, 1, 2)
        .mode(REFERENCE_TO_VIDEO, 0, 9)
        .videos(REFERENCE_TO_VIDEO, 0, 3)
        .durations(DurationRule.between(4, 15, 5))
        .aspectRatios(RATIOS[0], tail(RATIOS))
        .noDefaultAspectRatio()
        .resolutions(defaultResolution, resolutions)
        .promptRequired(false)
        .price(BuiltInRoutes.unknownPrice())
        .knownParams(SEEDANCE_PARAMS)
        .rules(RouteRule.paramOnlyIn("tools", "web search works only for text-to-video", TEXT_TO_VIDEO))
        .wire(rolesWire())
        .note(AUTO_NOTE + extraNote)
        .build();
  }

  static ModelRoute seedance25() {
    return ModelRoute.builder("seedance-2-5")
        .displayName("Seedance 2.5")
        .family("Seedance")
        .mode(TEXT_TO_VIDEO)
        .mode(IMAGE_TO_VIDEO, 1, 2)
        .mode(REFERENCE_TO_VIDEO, 0, 30)
        .videos(REFERENCE_TO_VIDEO, 0, 10)
        .mode(VIDEO_EDIT, 0, 30)
        .videos(VIDEO_EDIT, 1, 10)
        .durations(DurationRule.between(4, 30, 5))
        .aspectRatios(RATIOS[0], tail(RATIOS))
        .noDefaultAspectRatio()
        .resolutions("720p", "480p")
        .noDefaultResolution()
        .promptRequired(false)
        .price(BuiltInRoutes.unknownPrice())
        .knownParams(SEEDANCE_PARAMS)
        .knownParams("video_operation", "output_format")
        .rules(
            RouteRule.paramOnlyIn("tools", "web search works only for text-to-video", TEXT_TO_VIDEO),
            RouteRule.ratiosIn(IMAGE_TO_VIDEO, "frame (image-to-video) tasks need the adaptive ratio", "adaptive"),
            RouteRule.ratiosIn(VIDEO_EDIT, "edit and extend tasks need the adaptive ratio", "adaptive"))
        .wire(rolesWire()
            .withImages(VIDEO_EDIT, REFERENCE_IMAGES)
            .withVideos(VIDEO_EDIT, REFERENCE_VIDEOS)
            .withModeField("video_operation", Map.of(VIDEO_EDIT, "edit")))
        .note(AUTO_NOTE + " Extend is video-edit with params video_operation=extend.")
        .build();
  }

  static ModelRoute doubao15Pro() {
    return ModelRoute.builder("doubao-seedance-1-5-pro")
        .displayName("Doubao Seedance 1.5 Pro")
        .family("Seedance")
        .mode(TEXT_TO_VIDEO)
        .mode(IMAGE_TO_VIDEO, 1, 2)
        .durations(DurationRule.between(4, 12, 5))
        .aspectRatios("16:9", "9:16", "1:1", "4:3", "3:4", "21:9")
        .resolutions("720p", "480p", "1080p")
        .price(BuiltInRoutes.unknownPrice())
        .knownParams("metadata")
        .wire(WireFormat.standard()
            .withResolutionField("metadata.resolution")
            .withImages(IMAGE_TO_VIDEO, FRAMES))
        .note("No reference images; seed, audio and camerafixed go in params metadata.")
        .build();
  }

  static ModelRoute doubao10(String id, String name, int maxFrames) {
    ModelRoute.Builder route = ModelRoute.builder(id)
        .displayName(name)
        .family("Seedance")
        .mode(TEXT_TO_VIDEO)
        .mode(IMAGE_TO_VIDEO, 1, maxFrames)
        .mode(REFERENCE_TO_VIDEO, 1, 1)
        .durations(DurationRule.between(2, 12, 5))
        .aspectRatios("16:9", "9:16", "1:1", "4:3", "3:4", "21:9")
        .resolutions("720p", "480p", "1080p")
        .price(BuiltInRoutes.unknownPrice())
        .knownParams("metadata")
        .rules(RouteRule.modesAt("1080p", "1080p is not offered with a reference image", TEXT_TO_VIDEO, IMAGE_TO_VIDEO))
        .wire(WireFormat.standard()
            .withImages(IMAGE_TO_VIDEO, FRAMES)
            .withImages(REFERENCE_TO_VIDEO, InputField.withRoles("image_with_roles", "reference")));
    String frames = maxFrames == 1 ? "first frame only (last frame is quality-only)" : "first and last frame";
    return route
        .note("The 1.5 page says 1.0 defaults to 1080p; R for 1.0 (720p) is followed. Image-to-video: " + frames + ".")
        .build();
  }

  private static WireFormat rolesWire() {
    return WireFormat.standard()
        .withClientReference(true)
        .withImages(IMAGE_TO_VIDEO, FRAMES)
        .withImages(REFERENCE_TO_VIDEO, REFERENCE_IMAGES)
        .withVideos(REFERENCE_TO_VIDEO, REFERENCE_VIDEOS);
  }

  private static String[] tail(String[] values) {
    return java.util.Arrays.copyOfRange(values, 1, values.length);
  }
}
