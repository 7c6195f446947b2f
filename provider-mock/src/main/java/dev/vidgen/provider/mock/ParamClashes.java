package dev.vidgen.provider.mock;

import dev.vidgen.core.domain.ModelRoute;
import dev.vidgen.core.domain.VideoJob;
import dev.vidgen.core.port.SubmitRequest;
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
      paths.stream().flatMap(path -> filled.stream().filter(field -> overlaps(path, field))).findFirst()
          .ifPresent(clash -> {
            String setting = labels.getOrDefault(clash, "settings");
            found.add(Violation.error("params." + key, ViolationCodes.PARAM_REPLACES_SETTING, key,
                "a parameter " + route.id() + "'s settings do not fill",
                "params." + key + ": would replace " + clash + ", which vidgen fills from the job's " + setting
                    + " after checking and pricing it; set " + setting + " instead and remove the parameter"));
          });
    });
    return found;
  }

  /** Which of the job's settings fills each field {@link RequestBody} may write. */
  private static Map<String, String> labels(ModelRoute route) {
    Map<String, String> labels = new LinkedHashMap<>();
    labels.put("model", "model (--model)");
    labels.putIfAbsent("prompt", "prompt (--prompt)");
    labels.putIfAbsent(MockHints.text(route, "image_field", "image_urls"), "images (--image)");
    labels.putIfAbsent(MockHints.text(route, "video_field", "video_urls"), "videos (--video)");
    labels.putIfAbsent(MockHints.text(route, "duration_field", "duration"), "seconds (--seconds)");
    labels.putIfAbsent(MockHints.text(route, "aspect_ratio_field", "aspect_ratio"), "aspect ratio (--aspect-ratio)");
    labels.putIfAbsent(MockHints.text(route, "resolution_field", "resolution"), "resolution (--resolution)");
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
