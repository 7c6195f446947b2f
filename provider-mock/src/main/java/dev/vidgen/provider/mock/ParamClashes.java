package dev.vidgen.provider.mock;

import dev.vidgen.core.domain.ModelRoute;
import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.core.port.SubmitRequest;
import dev.vidgen.core.text.OtherSpellings;
import dev.vidgen.core.validation.Violation;
import dev.vidgen.core.validation.ViolationCodes;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Extra parameters that would replace a field of the mock's request body that the job's own
 * settings fill, refused as the real service's provider refuses them, so that a job a test passes
 * on the mock is not refused by ToAPIs (a {@code seconds} parameter of 15 under a quote for 10 s).
 */
final class ParamClashes {
  private ParamClashes() {}

  static List<Violation> find(VideoJob job, ModelRoute route) {
    if (job.params().isEmpty()) {
      return List.of();
    }
    String reference = MockHints.takesClientReference(route) ? "reference" : null;
    List<String> filled = new ArrayList<>();
    RequestBody.body(new SubmitRequest(job, route, reference), false).forEach((key, value) -> leaves(key, value, filled));
    Map<String, String> labels = labels(route);
    List<Violation> found = new ArrayList<>();
    job.params().forEach((key, value) -> {
      List<String> paths = new ArrayList<>();
      leaves(key, value, paths);
      java.util.Optional<String> clashing = paths.stream()
          .flatMap(path -> filled.stream().filter(field -> overlaps(path, field))).findFirst();
      if (clashing.isEmpty()) {
        // Another model's name of a setting, as the real service's provider refuses it.
        OtherSpellings.refusal(key, SETTINGS_BY_NAME, job, route, setting -> MockHints.text(route,
            FIELD_HINTS.get(setting), FIELD_DEFAULTS.get(setting))).ifPresent(found::add);
      }
      clashing.ifPresent(clash -> {
        String setting = labels.getOrDefault(clash, "settings");
        found.add(Violation.error("params." + key, ViolationCodes.PARAM_REPLACES_SETTING, key,
            "a parameter " + route.id() + "'s settings do not fill",
            "params." + key + ": would replace " + clash + ", which vidgen fills from the job's " + setting
                + " after checking and pricing it; set the job's " + setting + " instead and remove the parameter"));
      });
    });
    return found;
  }

  /** The names the mock's models (the real service's routes) give the job's settings, refused as parameters. */
  private static final Map<String, String> SETTINGS_BY_NAME = Map.of("duration", OtherSpellings.SECONDS, "seconds",
      OtherSpellings.SECONDS, "resolution", OtherSpellings.RESOLUTION, "aspect_ratio", OtherSpellings.ASPECT_RATIO,
      "image", OtherSpellings.IMAGES, "images", OtherSpellings.IMAGES, "image_url", OtherSpellings.IMAGES,
      "image_urls", OtherSpellings.IMAGES, "reference_images", OtherSpellings.IMAGES);
  /** The hint naming the field each setting is sent in, and the field when the route gives none. */
  private static final Map<String, String> FIELD_HINTS = Map.of(OtherSpellings.SECONDS, "duration_field",
      OtherSpellings.RESOLUTION, "resolution_field", OtherSpellings.ASPECT_RATIO, "aspect_ratio_field",
      OtherSpellings.IMAGES, "image_field");
  private static final Map<String, String> FIELD_DEFAULTS = Map.of(OtherSpellings.SECONDS, "duration",
      OtherSpellings.RESOLUTION, "resolution", OtherSpellings.ASPECT_RATIO, "aspect_ratio", OtherSpellings.IMAGES,
      "image_urls");

  /** Which of the job's settings fills each field {@link RequestBody} may write, named as the job's field. */
  private static Map<String, String> labels(ModelRoute route) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("model", "model");
    labels.putIfAbsent("prompt", "prompt");
    labels.putIfAbsent(MockHints.text(route, "image_field", "image_urls"), "images");
    labels.putIfAbsent(MockHints.text(route, "video_field", "video_urls"), "videos");
    labels.putIfAbsent(MockHints.text(route, "duration_field", "duration"), "seconds");
    labels.putIfAbsent(MockHints.text(route, "aspect_ratio_field", "aspect_ratio"), "aspect ratio");
    labels.putIfAbsent(MockHints.text(route, "resolution_field", "resolution"), "resolution");
    labels.putIfAbsent("client_business_id", "client reference");
    return labels;
  }

  private static boolean overlaps(String given, String field) {
    return given.equals(field) || given.startsWith(field + ".") || field.startsWith(given + ".");
  }

  /** Every leaf of {@code value} by its dotted name; an empty object has none. */
  private static void leaves(String path, Object value, List<String> into) {
    if (value instanceof Map<?, ?> map) {
      map.forEach((key, item) -> leaves(path + "." + key, item, into));
    } else {
      into.add(path);
    }
  }
}
